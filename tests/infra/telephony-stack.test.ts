import type { Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { buildTestApp, logicalId, templateOf } from './test-app';

/** Every statement of every IAM policy in a stack's template. */
function policyStatements(stack: Stack) {
  const resources = templateOf(stack).toJSON().Resources as Record<
    string,
    { Type: string; Properties: Record<string, unknown> }
  >;
  return Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy')
    .flatMap(
      (r) =>
        (r.Properties.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] })
          .Statement,
    );
}

const { stacks } = buildTestApp({ telephony: true });
const telephony = stacks.telephony;
if (!telephony) throw new Error('televisit:telephony=true made no telephony stack');
const template = templateOf(telephony);

describe('telephony stack (televisit:telephony=true)', () => {
  it('is not made without the flag', () => {
    expect(buildTestApp().stacks.telephony).toBeUndefined();
  });

  it('makes a SIP media application in the app region whose one endpoint is the phone function', () => {
    const [sma, ...more] = Object.values(template.findResources('AWS::Chime::SipMediaApplication'));
    expect(more).toEqual([]);
    expect(sma?.Properties).toMatchObject({ AwsRegion: 'us-east-1' });
    expect(JSON.stringify(sma?.Properties.Endpoints)).toContain(
      logicalId(telephony, telephony.phoneFunction.lambda),
    );
  });

  it('lets only Chime voice of this account invoke the phone function', () => {
    const permissions = Object.values(template.findResources('AWS::Lambda::Permission')).map(
      (p) => p.Properties,
    );
    expect(permissions).toEqual([
      expect.objectContaining({
        Principal: 'voiceconnector.chime.amazonaws.com',
        SourceAccount: { Ref: 'AWS::AccountId' },
        Action: 'lambda:InvokeFunction',
      }),
    ]);
  });

  it("answers within the application's 5 seconds", () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Timeout: 5,
    });
  });

  it.each([
    ['visit-news', () => stacks.realtime],
    ['visits', () => stacks.api],
  ] as const)('lets the %s function wake calls of this application only', (_, stack) => {
    const update = policyStatements(stack()).filter((s) =>
      JSON.stringify(s.Action).includes('chime:UpdateSipMediaApplicationCall'),
    );
    expect(update).toHaveLength(1);
    expect(JSON.stringify(update[0]?.Resource)).toContain('SipMediaApplicationArn');
    expect(JSON.stringify(update[0]?.Action)).not.toContain('*');
  });

  it("with the clinic's number, lets the visits function place calls through this application only", () => {
    const withNumber = buildTestApp({ telephony: true, dialInNumber: '+12025550100' }).stacks;
    const create = policyStatements(withNumber.api).filter((s) =>
      JSON.stringify(s.Action).includes('chime:CreateSipMediaApplicationCall'),
    );
    expect(create).toHaveLength(1);
    expect(JSON.stringify(create[0]?.Resource)).toContain('SipMediaApplicationArn');
    const visits = withNumber.api.functions.get('visits');
    const env = templateOf(withNumber.api).toJSON().Resources[
      withNumber.api.getLogicalId(visits?.lambda.node.defaultChild as never)
    ].Properties.Environment.Variables;
    expect(env.DIAL_IN_NUMBER).toBe('+12025550100');
    // Without a number to call from, nothing may be called.
    const bare = JSON.stringify(templateOf(stacks.api).toJSON());
    expect(bare).not.toContain('chime:CreateSipMediaApplicationCall');
  });

  it("with the clinic's number, makes its SIP rule through a house function; without one, none", () => {
    const withNumber = buildTestApp({ telephony: true, dialInNumber: '+12025550100' }).stacks;
    const phone = withNumber.telephony;
    if (!phone?.sipRule) throw new Error('no SIP rule with a number');
    const t = templateOf(phone);
    const [rule, ...more] = Object.values(t.findResources('Custom::TelevisitSipRule'));
    expect(more).toHaveLength(0);
    expect(rule?.Properties).toMatchObject({ PhoneNumber: '+12025550100', Region: phone.region });
    expect(JSON.stringify(rule?.Properties.SipMediaApplicationId)).toContain(
      phone.getLogicalId(phone.sipMediaApplication),
    );
    // CloudFormation invokes the house function itself: no provider framework's function.
    expect(JSON.stringify(rule?.Properties.ServiceToken)).toContain(
      logicalId(phone, phone.sipRule.function.lambda),
    );
    expect(Object.keys(t.findResources('AWS::Lambda::Function'))).toHaveLength(2);
    expect(Object.keys(template.findResources('Custom::TelevisitSipRule'))).toHaveLength(0);
  });
});
