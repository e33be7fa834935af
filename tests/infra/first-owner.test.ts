import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '../../infra/paths';
import { appointmentsTable } from '../../infra/schema/tables';
import { buildTestApp, logicalId, resourceProps, templateOf } from './test-app';

const owner = {
  ownerEmail: 'owner@clinic.example',
  ownerName: 'Olivia Owens',
  clinicName: 'Riverside Counseling',
  timeZone: 'America/Chicago',
};
const { stacks } = buildTestApp(owner);
const { api, data, auth } = stacks;
const template = templateOf(api);
const json = template.toJSON();
const firstOwner = api.firstOwner;
if (!firstOwner) throw new Error('No first owner with televisit:ownerEmail set');
const fn = firstOwner.function;
const fnId = logicalId(api, fn.lambda);
const queueId = logicalId(api, firstOwner.deadLetterQueue);
/** The one first-owner custom resource of the stack, as the template has it. */
function theCustomResource() {
  const [resource, ...more] = Object.values(template.findResources('Custom::TelevisitFirstOwner'));
  expect(more).toEqual([]);
  if (!resource) throw new Error('No Custom::TelevisitFirstOwner in the API stack');
  return resource;
}

/** A reference from the API stack to a resource of another stack, by its logical id. */
const imported = (stack: Stack, id: string, attribute: 'Arn' | 'Ref') =>
  ({
    'Fn::ImportValue': expect.stringMatching(
      new RegExp(
        `^${stack.stackName}:ExportsOutput${attribute === 'Ref' ? 'Ref' : 'FnGetAtt'}${id}`,
      ),
    ),
  }) as unknown;
const tableId = logicalId(data, data.table(appointmentsTable).table);
const poolId = logicalId(auth, auth.userPool);

describe('the first owner (televisit:ownerEmail)', () => {
  it('is one custom resource with the configured owner and clinic, served by its house function', () => {
    expect(theCustomResource().Properties).toEqual({
      ServiceToken: { 'Fn::GetAtt': [fnId, 'Arn'] },
      ServiceTimeout: '600',
      OwnerEmail: 'owner@clinic.example',
      OwnerName: 'Olivia Owens',
      ClinicName: 'Riverside Counseling',
      TimeZone: 'America/Chicago',
    });
    expect(existsSync(join(repositoryRoot, 'functions/handlers/first-owner.ts'))).toBe(true);
  });

  it('is retained: nothing about it is ever deleted with the stack', () => {
    const resource = theCustomResource();
    expect(resource.DeletionPolicy).toBe('Retain');
    expect(resource.UpdateReplacePolicy).toBe('Retain');
  });

  it('uses no provider framework: the only functions of the stack are the contexts, the notices and reminders ones and this one', () => {
    const functions = Object.keys(template.findResources('AWS::Lambda::Function'));
    expect(functions).toHaveLength(api.functions.size + 3);
    expect(functions).toContain(fnId);
    // CloudFormation invokes the function with the deployer's role: no resource policy needed.
    const permissions = Object.values(template.findResources('AWS::Lambda::Permission'));
    expect(permissions.filter((p) => JSON.stringify(p).includes(fnId))).toEqual([]);
  });

  it('has exactly the permissions its handler calls, in its own customer managed policy', () => {
    const role = resourceProps(template, logicalId(api, fn.role));
    expect(role.ManagedPolicyArns).toEqual([{ Ref: logicalId(api, fn.role.policy) }]);
    expect(role.Policies).toBeUndefined();
    const policy = resourceProps(template, logicalId(api, fn.role.policy)) as {
      PolicyDocument: { Statement: unknown[] };
    };
    const logGroupId = logicalId(api, fn.lambda.logGroup);
    expect(policy.PolicyDocument.Statement).toEqual(
      expect.arrayContaining([
        {
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] },
        },
        {
          Effect: 'Allow',
          Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
          Resource: '*',
        },
        {
          Effect: 'Allow',
          Action: 'sqs:SendMessage',
          Resource: { 'Fn::GetAtt': [queueId, 'Arn'] },
        },
        {
          // The settings Put; the profile Put and the owner count's ADD, in one transaction.
          Effect: 'Allow',
          Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
          Resource: imported(data, tableId, 'Arn'),
          Condition: {
            'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['CLINIC', 'USER#*'] },
          },
        },
        {
          Effect: 'Allow',
          Action: [
            'cognito-idp:AdminAddUserToGroup',
            'cognito-idp:AdminCreateUser',
            'cognito-idp:AdminGetUser',
          ],
          Resource: imported(auth, poolId, 'Arn'),
        },
      ]),
    );
    expect(policy.PolicyDocument.Statement).toHaveLength(5);
  });

  it('never reads, scans, deletes or queries an index: writes with conditions only', () => {
    const text = JSON.stringify(resourceProps(template, logicalId(api, fn.role.policy)));
    for (const action of ['Scan', 'GetItem', 'Query', 'DeleteItem', 'BatchWriteItem'])
      expect(text).not.toContain(`dynamodb:${action}`);
    expect(text).not.toContain('/index/');
    for (const action of ['AdminSetUserPassword', 'AdminDeleteUser', 'AdminDisableUser'])
      expect(text).not.toContain(`cognito-idp:${action}`);
    expect(text).not.toMatch(/"(ses|sns|secretsmanager|kms|ssm|chime):/);
  });

  it('is told the table and the user pool, nothing else', () => {
    const variables = (resourceProps(template, fnId).Environment as { Variables: object })
      .Variables;
    expect(variables).toEqual({
      SERVICE_NAME: 'first-owner',
      [appointmentsTable.envVar]: imported(data, tableId, 'Ref'),
      USER_POOL_ID: imported(auth, poolId, 'Ref'),
    });
  });

  it("is invoked asynchronously by CloudFormation: Lambda retries twice within the resource's timeout, then keeps the event in an encrypted dead-letter queue", () => {
    expect(resourceProps(template, fnId).DeadLetterConfig).toEqual({
      TargetArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: fnId },
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 600,
    });
    expect(resourceProps(template, queueId)).toMatchObject({
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queueId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('waits a minute at most per run, and its log group is kept', () => {
    expect(resourceProps(template, fnId).Timeout).toBe(60);
    expect(json.Resources[logicalId(api, fn.lambda.logGroup)].DeletionPolicy).toBe('Retain');
  });
});

describe('without televisit:ownerEmail', () => {
  const bare = buildTestApp({ ownerEmail: undefined }).stacks;

  it('makes no first-owner resource or function anywhere', () => {
    expect(bare.api.firstOwner).toBeUndefined();
    for (const stack of [bare.data, bare.auth, bare.messaging, bare.realtime, bare.api, bare.web]) {
      const text = JSON.stringify(templateOf(stack).toJSON());
      expect(text, stack.stackName).not.toContain('Custom::TelevisitFirstOwner');
      expect(text, stack.stackName).not.toContain('first-owner');
    }
  });

  it('warns at synth that nobody will be able to sign in', () => {
    Annotations.fromStack(bare.api).hasWarning(
      '/Televisit-Api',
      Match.stringLikeRegexp('set televisit:ownerEmail'),
    );
    expect(
      Annotations.fromStack(api).findWarning('*', Match.stringLikeRegexp('ownerEmail')),
    ).toEqual([]);
  });
});
