import { describe, expect, it } from 'vitest';
import { buildTestApp, logicalId, resourceProps, templateOf } from './test-app';

const { stacks } = buildTestApp();
const realtime = stacks.realtime;
const template = templateOf(realtime);
const { meetingEvents } = realtime;
const fnId = logicalId(realtime, meetingEvents.function.lambda);
const queueId = logicalId(realtime, meetingEvents.deadLetterQueue);
const ruleId = logicalId(realtime, meetingEvents.rule);
const queueArn = { 'Fn::GetAtt': [queueId, 'Arn'] };
const resourcesOf = (type: string) => Object.values(template.findResources(type));

describe("Chime's meeting events", () => {
  it('are matched on the default bus: source aws.chime, detail type "Chime Meeting State Change", nothing else', () => {
    const rule = resourceProps(template, ruleId);
    expect(rule.EventPattern).toEqual({
      source: ['aws.chime'],
      'detail-type': ['Chime Meeting State Change'],
    });
    // No EventBusName: the account's default bus, where AWS services deliver their events.
    expect(rule.EventBusName).toBeUndefined();
    expect(rule.State).toBe('ENABLED');
    expect(resourcesOf('AWS::Events::Rule')).toHaveLength(1);
  });

  it('go to the meeting-events function only, retried, and into the dead-letter queue if delivery keeps failing', () => {
    const { Targets } = resourceProps(template, ruleId) as { Targets: unknown[] };
    expect(Targets).toEqual([
      {
        Id: expect.any(String),
        Arn: { 'Fn::GetAtt': [fnId, 'Arn'] },
        DeadLetterConfig: { Arn: queueArn },
        RetryPolicy: { MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 900 },
      },
    ]);
  });

  it('may invoke the function only from this rule', () => {
    const permissions = resourcesOf('AWS::Lambda::Permission')
      .map((p) => p.Properties)
      .filter((p) => JSON.stringify(p.FunctionName).includes(fnId));
    expect(permissions).toEqual([
      {
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': [fnId, 'Arn'] },
        Principal: 'events.amazonaws.com',
        SourceArn: { 'Fn::GetAtt': [ruleId, 'Arn'] },
      },
    ]);
  });

  it('are retried by Lambda twice within 15 minutes, then kept in the same dead-letter queue', () => {
    expect(resourceProps(template, fnId).DeadLetterConfig).toEqual({ TargetArn: queueArn });
    const [config, ...more] = resourcesOf('AWS::Lambda::EventInvokeConfig').map(
      (c) => c.Properties,
    );
    expect(more).toEqual([]);
    expect(config).toEqual({
      FunctionName: { Ref: fnId },
      Qualifier: '$LATEST',
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 900,
    });
  });

  it('fail into a queue that is encrypted, TLS-only, kept 14 days, and written only by this rule and the function', () => {
    expect(resourceProps(template, queueId)).toEqual({
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
    const [policy, ...more] = resourcesOf('AWS::SQS::QueuePolicy').map((p) => p.Properties);
    expect(more).toEqual([]);
    expect(policy?.Queues).toEqual([{ Ref: queueId }]);
    const statements = policy?.PolicyDocument.Statement as Record<string, unknown>[];
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Action: 'sqs:*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    const allowed = statements.filter((s) => s.Effect === 'Allow');
    expect(allowed).toEqual([
      expect.objectContaining({
        Action: 'sqs:SendMessage',
        Principal: { Service: 'events.amazonaws.com' },
        Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [ruleId, 'Arn'] } } },
      }),
    ]);
  });

  it('are handled by a function of their own, with time for a contended visit', () => {
    const props = resourceProps(template, fnId);
    expect((props.Environment as { Variables: Record<string, unknown> }).Variables).toMatchObject({
      SERVICE_NAME: 'meeting-events',
    });
    expect(props.Timeout).toBe(30);
  });
});
