import { Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import type { TelevisitFunction } from '../../infra/constructs/televisit-function';
import { appointmentsTable, connectionsTable, tableDefinitions } from '../../infra/schema/tables';
import { buildTestApp, logicalId, templateOf } from './test-app';

const { stacks } = buildTestApp();
const { api, realtime, data } = stacks;

interface Statement {
  Action: string | string[];
  Resource: unknown;
}

function statementsOf(fn: TelevisitFunction): Statement[] {
  const stack = Stack.of(fn);
  const policy = templateOf(stack).toJSON().Resources[logicalId(stack, fn.role.policy)];
  return policy.Properties.PolicyDocument.Statement;
}
const actionsOf = (fn: TelevisitFunction) =>
  [
    ...new Set(statementsOf(fn).flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]))),
  ].sort();
function environmentOf(fn: TelevisitFunction): string[] {
  const stack = Stack.of(fn);
  const props = templateOf(stack).toJSON().Resources[logicalId(stack, fn.lambda)].Properties;
  return Object.keys(props.Environment.Variables).sort();
}
/** The tables whose ARN appears in a function's policy. */
const tablesTouchedBy = (fn: TelevisitFunction) =>
  tableDefinitions
    .filter((d) => JSON.stringify(statementsOf(fn)).includes(logicalId(data, data.table(d).table)))
    .map((d) => d.id)
    .sort();

const fn = (found: TelevisitFunction | undefined) => {
  if (!found) throw new Error('function not found');
  return found;
};
const everyFunction = [
  'logs:CreateLogStream',
  'logs:PutLogEvents',
  'xray:PutTelemetryRecords',
  'xray:PutTraceSegments',
];
const houseEnvironment = ['NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME'];
const read = ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query'];
const writes = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

const expected = {
  platform: {
    fn: fn(api.functions.get('platform')),
    actions: [
      ...everyFunction,
      'chime:GetMeeting',
      'cognito-idp:DescribeUserPool',
      'dynamodb:DescribeTable',
      'ses:GetSendQuota',
      'sns:GetSMSAttributes',
    ],
    environment: [...houseEnvironment, appointmentsTable.envVar, 'USER_POOL_ID'],
    tables: [appointmentsTable.id],
  },
  accounts: {
    fn: fn(api.functions.get('accounts')),
    actions: [...everyFunction, ...read],
    environment: [...houseEnvironment, appointmentsTable.envVar],
    tables: [appointmentsTable.id],
  },
  scheduling: {
    fn: fn(api.functions.get('scheduling')),
    actions: [...everyFunction, ...read],
    environment: [...houseEnvironment, appointmentsTable.envVar],
    tables: [appointmentsTable.id],
  },
  realtime: {
    fn: realtime.functions.realtime,
    actions: [
      ...everyFunction,
      ...read,
      ...writes,
      'dynamodb:ConditionCheckItem',
      'execute-api:ManageConnections',
    ],
    environment: [
      ...houseEnvironment,
      appointmentsTable.envVar,
      connectionsTable.envVar,
      'USER_POOL_CLIENT_ID',
      'USER_POOL_ID',
      'WS_MANAGEMENT_ENDPOINT',
    ],
    tables: [appointmentsTable.id, connectionsTable.id],
  },
  'ws-authorizer': {
    fn: realtime.functions.authorizer,
    actions: everyFunction,
    environment: [...houseEnvironment, 'USER_POOL_CLIENT_ID', 'USER_POOL_ID'],
    tables: [],
  },
};

describe('function permissions: exactly what each function calls', () => {
  describe.each(Object.entries(expected))('%s', (_name, want) => {
    it('may call only its own actions', () => {
      expect(actionsOf(want.fn)).toEqual([...want.actions].sort());
    });

    it('is told its resources by exactly these environment variables', () => {
      expect(environmentOf(want.fn)).toEqual([...want.environment].sort());
    });

    it('touches only its own tables', () => {
      expect(tablesTouchedBy(want.fn)).toEqual([...want.tables].sort());
    });

    it('never scans a table', () => {
      expect(actionsOf(want.fn)).not.toContain('dynamodb:Scan');
    });
  });

  it('lets the scheduling function query the indexes by name, and not write', () => {
    const statements = statementsOf(expected.scheduling.fn);
    const indexStatement = statements.find((s) => JSON.stringify(s.Resource).includes('/index/'));
    expect(indexStatement?.Action).toBe('dynamodb:Query');
    const indexNames = appointmentsTable.indexes.map((i) => `/index/${i.indexName}`);
    for (const name of indexNames) expect(JSON.stringify(indexStatement?.Resource)).toContain(name);
    expect(JSON.stringify(indexStatement?.Resource)).not.toContain('/index/*');
    for (const write of writes) expect(actionsOf(expected.scheduling.fn)).not.toContain(write);
  });

  it("lets the realtime function post only to its own stage's connections", () => {
    const manage = statementsOf(expected.realtime.fn).find(
      (s) => s.Action === 'execute-api:ManageConnections',
    );
    const resource = JSON.stringify(manage?.Resource);
    expect(resource).toContain(logicalId(realtime, realtime.webSocketApi));
    expect(resource).toContain('/live/POST/@connections/*');
  });

  it('keeps every permission in customer managed policies: no inline policies, no AWS managed ones on functions', () => {
    for (const stack of [api, realtime, stacks.web]) {
      templateOf(stack).resourceCountIs('AWS::IAM::Policy', 0);
    }
    for (const want of Object.values(expected)) {
      const stack = Stack.of(want.fn);
      const role = templateOf(stack).toJSON().Resources[logicalId(stack, want.fn.role)].Properties;
      expect(role.ManagedPolicyArns).toEqual([{ Ref: logicalId(stack, want.fn.role.policy) }]);
      expect(role.Policies).toBeUndefined();
    }
  });
});
