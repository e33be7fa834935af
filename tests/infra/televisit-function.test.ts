import { App, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import { describe, expect, it } from 'vitest';
import {
  actionsWithoutResourceType,
  type DataTable,
  TelevisitFunction,
} from '../../infra/constructs/televisit-function';
import { auditTable, tableDefinitions } from '../../infra/schema/tables';

/** A house function in a bare stack (no bundling), and an audit table to grant on. */
function setUp() {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Test', { env: { region: 'us-east-1' } });
  const fn = new TelevisitFunction(stack, 'fn', {
    entry: 'functions/handlers/meeting-events.ts',
    description: 'test',
    serviceName: 'test',
    logs: { encryptionKey: new kms.Key(stack, 'Key'), retentionDays: 365 },
  });
  const audit: DataTable = {
    definition: auditTable,
    table: new dynamodb.Table(stack, 'Audit', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    }),
  };
  return { fn, audit };
}

describe('the house function', () => {
  it('marks only the audit table append-only', () => {
    expect(tableDefinitions.filter((d) => d.appendOnly).map((d) => d.id)).toEqual(['audit']);
  });

  it.each(['UpdateItem', 'DeleteItem', 'BatchWriteItem'] as const)(
    'refuses %s on an append-only table',
    (action) => {
      const { fn, audit } = setUp();
      expect(() => fn.useTable(audit, ['PutItem', action])).toThrow(/append-only/);
    },
  );

  it('refuses the readWrite preset on an append-only table, and allows adding and reading', () => {
    const { fn, audit } = setUp();
    expect(() => fn.useTable(audit, 'readWrite')).toThrow(/append-only/);
    expect(() =>
      fn.useTable(audit, ['PutItem', 'GetItem', 'Query'], { indexes: true }),
    ).not.toThrow();
  });

  it('grants chime:CreateMeetingWithAttendees only as an action without a resource type, never on meeting ARNs', () => {
    // IAM defines no resource type for it: a grant on meeting/* would never match.
    expect(actionsWithoutResourceType).toContain('chime:CreateMeetingWithAttendees');
    const { fn } = setUp();
    expect(() => fn.allowMeetings(['chime:CreateMeetingWithAttendees'])).toThrow(
      /allowResourceless/,
    );
    expect(() => fn.allowMeetings(['chime:DeleteMeeting'])).not.toThrow();
  });

  it('refuses "*" for actions that can be scoped', () => {
    const { fn } = setUp();
    expect(() => fn.allow(['dynamodb:GetItem'], ['*'])).toThrow(/named resources/);
  });

  it('limits a table grant to leading keys only on the table itself, never with indexes', () => {
    const { fn, audit } = setUp();
    expect(() => fn.useTable(audit, ['PutItem'], { leadingKeys: [] })).toThrow(/leading keys/i);
    expect(() => fn.useTable(audit, ['Query'], { leadingKeys: ['DAY#*'], indexes: true })).toThrow(
      /no index/,
    );
    expect(() => fn.useTable(audit, ['PutItem'], { leadingKeys: ['DAY#*'] })).not.toThrow();
    const statements = Stack.of(fn).resolve(fn.role.policy.document.toJSON()).Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({
        Action: 'dynamodb:PutItem',
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['DAY#*'] } },
      }),
    );
  });
});
