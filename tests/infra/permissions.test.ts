import { Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import type { TelevisitFunction } from '../../infra/constructs/televisit-function';
import {
  appointmentsTable,
  auditTable,
  connectionsTable,
  guestLinksTable,
  limitsTable,
  type TableDefinition,
  tableDefinitions,
} from '../../infra/schema/tables';
import { buildTestApp, logicalId, templateOf } from './test-app';

const { stacks } = buildTestApp();
const { api, realtime, data, messaging, auth } = stacks;

interface Statement {
  Action: string | string[];
  Resource?: unknown;
  NotResource?: unknown;
  Condition?: unknown;
}

const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

const appStacks: Stack[] = [data, auth, messaging, realtime, api, stacks.web];
/** Each stack's template as JSON, synthesized once. */
const templates = new Map<Stack, ReturnType<ReturnType<typeof templateOf>['toJSON']>>();
function json(stack: Stack) {
  let template = templates.get(stack);
  if (!template) {
    template = templateOf(stack).toJSON();
    templates.set(stack, template);
  }
  return template;
}

/** A customer managed policy of the app: its stack and logical id. */
interface PolicyRef {
  stack: Stack;
  id: string;
}

/**
 * Where an entry of a role's ManagedPolicyArns points, if at a customer managed policy of the
 * app: one of the role's own stack (Ref) or one another stack exports by name (Fn::ImportValue).
 */
function findPolicy(stack: Stack, arn: unknown): PolicyRef | undefined {
  const { Ref: ref, 'Fn::ImportValue': name } = (arn ?? {}) as {
    Ref?: string;
    'Fn::ImportValue'?: string;
  };
  let found: PolicyRef | undefined;
  if (typeof ref === 'string') found = { stack, id: ref };
  for (const exporter of name === undefined ? [] : appStacks) {
    const outputs = Object.values(json(exporter).Outputs ?? {}) as {
      Export?: { Name: string };
      Value: { Ref?: string };
    }[];
    const value = outputs.find((o) => o.Export?.Name === name)?.Value;
    if (typeof value?.Ref === 'string') found = { stack: exporter, id: value.Ref };
  }
  const type = found && json(found.stack).Resources[found.id]?.Type;
  return type === 'AWS::IAM::ManagedPolicy' ? found : undefined;
}

/**
 * The same, failing the test for anything else, so that an AWS managed policy or an ARN from
 * outside the app cannot slip past the expectations.
 */
function policyAt(stack: Stack, arn: unknown): PolicyRef {
  const found = findPolicy(stack, arn);
  if (!found) throw new Error(`${JSON.stringify(arn)} is not a customer managed policy of the app`);
  return found;
}

const samePolicy = (a: PolicyRef | undefined, b: PolicyRef) =>
  a !== undefined && a.stack === b.stack && a.id === b.id;

/** The roles' ManagedPolicyArns as written in the template. */
function policyArnsOf(fn: TelevisitFunction): unknown[] {
  const stack = Stack.of(fn);
  return json(stack).Resources[logicalId(stack, fn.role)].Properties.ManagedPolicyArns;
}

/** Every policy attached to the function's role: its own, and any shared one. */
const policiesOf = (fn: TelevisitFunction) =>
  policyArnsOf(fn).map((arn) => policyAt(Stack.of(fn), arn));

const policyStatements = ({ stack, id }: PolicyRef): Statement[] =>
  json(stack).Resources[id].Properties.PolicyDocument.Statement;

/** What the function may do: the statements of every policy attached to its role. */
const statementsOf = (fn: TelevisitFunction): Statement[] =>
  policiesOf(fn).flatMap(policyStatements);
const actionsOf = (fn: TelevisitFunction) =>
  [...new Set(statementsOf(fn).flatMap((s) => list(s.Action)))].sort();
function variablesOf(fn: TelevisitFunction): Record<string, unknown> {
  const stack = Stack.of(fn);
  const props = json(stack).Resources[logicalId(stack, fn.lambda)].Properties;
  return props.Environment.Variables;
}
const environmentOf = (fn: TelevisitFunction) => Object.keys(variablesOf(fn)).sort();
/** The statements that grant `action`, whether alone or among others. */
const grantsOf = (fn: TelevisitFunction, action: string) =>
  statementsOf(fn).filter((s) => list(s.Action).includes(action));
/** Every resource `action` is granted on, as JSON, one entry per resource. */
const resourcesOf = (fn: TelevisitFunction, action: string) =>
  grantsOf(fn, action)
    .flatMap((s) => list(s.Resource))
    .map((r) => JSON.stringify(r));
const tableId = (table: TableDefinition) => logicalId(data, data.table(table).table);
/** The tables whose ARN appears in a function's policy. */
const tablesTouchedBy = (fn: TelevisitFunction) =>
  tableDefinitions
    .filter((d) => JSON.stringify(statementsOf(fn)).includes(tableId(d)))
    .map((d) => d.id)
    .sort();
/** The actions granted on a table itself (not on its indexes). */
const tableActionsOf = (fn: TelevisitFunction, table: TableDefinition) =>
  statementsOf(fn)
    .filter((s) => {
      const resource = JSON.stringify(s.Resource ?? null);
      return resource.includes(tableId(table)) && !resource.includes('/index/');
    })
    .flatMap((s) => list(s.Action))
    .sort();
/** The index ARNs (`<table>/index/<name>`) a function may query. */
const indexesOf = (fn: TelevisitFunction) =>
  resourcesOf(fn, 'dynamodb:Query')
    .filter((r) => r.includes('/index/'))
    .map((r) => {
      const table = tableDefinitions.find((d) => r.includes(tableId(d)));
      return `${table?.id}${/\/index\/[^"]+/.exec(r)?.[0]}`;
    })
    .sort();

const fn = (found: TelevisitFunction | undefined) => {
  if (!found) throw new Error('function not found');
  return found;
};
const db = (...actions: string[]) => actions.map((a) => `dynamodb:${a}`).sort();
const everyFunction = [
  'logs:CreateLogStream',
  'logs:PutLogEvents',
  'xray:PutTelemetryRecords',
  'xray:PutTraceSegments',
];
const houseEnvironment = ['SERVICE_NAME'];
const cognitoAdmin = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminRemoveUserFromGroup',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminSetUserPassword',
];
/** What the invitations function does in Cognito: contact and portal accounts, no more. */
const cognitoCreate = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminSetUserPassword',
];

/** Resources as they appear in the policies, matched by what names them. */
const anything = '"*"';
const userPool = expect.stringContaining(logicalId(auth, auth.userPool));
const meetings = expect.stringMatching(
  /"arn:aws:chime:us-east-1:",\{"Ref":"AWS::AccountId"\},":meeting\/\*"/,
);
const appUrlParameter = expect.stringMatching(
  /:ssm:us-east-1:.*:parameter\/Televisit\/app-url"\]\]\}$/,
);
const linkKey = expect.stringContaining(logicalId(data, data.linkKey));
const mailIdentity = expect.stringMatching(
  new RegExp(`:identity/.*${logicalId(messaging, messaging.emailIdentity)}`),
);
const mailConfigurationSet = expect.stringMatching(
  new RegExp(`:configuration-set/.*${logicalId(messaging, messaging.configurationSet)}`),
);
/**
 * This stage's connections, by a reference inside the realtime stack: the one grant, in its
 * PushToConnections policy, whichever stack the function pushing is in.
 */
const ownConnections = expect.stringMatching(
  new RegExp(
    `:execute-api:us-east-1:.*\\{"Ref":"${logicalId(realtime, realtime.webSocketApi)}"\\},"/live/POST/@connections/\\*"`,
  ),
);
const pushPolicy: PolicyRef = {
  stack: realtime,
  id: logicalId(realtime, realtime.pushToConnections),
};
const deadLetters = expect.stringContaining(
  logicalId(realtime, realtime.meetingEvents.deadLetterQueue),
);
const noticeDeadLetters = expect.stringContaining(logicalId(api, api.notices.deadLetterQueue));
const reminderDeadLetters = expect.stringContaining(logicalId(api, api.reminders.deadLetterQueue));

interface Expectation {
  fn: TelevisitFunction;
  /** Every action on DynamoDB tables themselves, by table id. */
  tables: Partial<Record<string, string[]>>;
  /** Every index it may query, `<table id>/index/<name>`. */
  indexes: string[];
  /** Every other action (besides logs and X-Ray), with exactly its resources. */
  resources: Record<string, unknown[]>;
  environment: string[];
}

const expected: Record<string, Expectation> = {
  platform: {
    fn: fn(api.functions.get('platform')),
    tables: { appointments: db('DescribeTable') },
    indexes: [],
    resources: {
      'chime:GetMeeting': [meetings],
      'cognito-idp:DescribeUserPool': [userPool],
      'ses:GetSendQuota': [anything],
      'sns:GetSMSAttributes': [anything],
    },
    environment: [appointmentsTable.envVar, 'USER_POOL_ID'],
  },
  accounts: {
    fn: fn(api.functions.get('accounts')),
    tables: { appointments: db('GetItem', 'PutItem', 'UpdateItem'), audit: db('PutItem') },
    indexes: ['appointments/index/gsi1'],
    resources: {
      ...Object.fromEntries(cognitoAdmin.map((a) => [a, [userPool]])),
      'ses:SendRawEmail': [mailConfigurationSet, mailIdentity],
      'ssm:GetParameter': [appUrlParameter],
    },
    environment: [
      appointmentsTable.envVar,
      auditTable.envVar,
      'USER_POOL_ID',
      'MAIL_FROM',
      'SES_CONFIGURATION_SET',
      'APP_URL_PARAMETER',
    ],
  },
  scheduling: {
    fn: fn(api.functions.get('scheduling')),
    tables: {
      appointments: db('GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'),
      // The contact's invitations for the portal: gsi1 `CONTACT#…`.
      'guest-links': db('Query', 'PutItem', 'UpdateItem'),
    },
    indexes: ['appointments/index/gsi1', 'appointments/index/gsi2', 'guest-links/index/gsi1'],
    resources: {
      'kms:GenerateMac': [linkKey],
      'ssm:GetParameter': [appUrlParameter],
    },
    environment: [
      appointmentsTable.envVar,
      guestLinksTable.envVar,
      'LINK_KEY_ID',
      'APP_URL_PARAMETER',
    ],
  },
  invitations: {
    fn: fn(api.functions.get('invitations')),
    tables: {
      appointments: db('GetItem', 'PutItem', 'UpdateItem'),
      'guest-links': db('GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'),
      audit: db('PutItem'),
      // The public link and sign-up routes' per-client counters.
      limits: db('UpdateItem'),
    },
    indexes: [],
    resources: {
      ...Object.fromEntries(cognitoCreate.map((a) => [a, [userPool]])),
      'ses:SendRawEmail': [mailConfigurationSet, mailIdentity],
      // Phone numbers only: NotResource, checked below.
      'sns:Publish': [],
      'kms:GenerateMac': [linkKey],
      'ssm:GetParameter': [appUrlParameter],
    },
    environment: [
      appointmentsTable.envVar,
      guestLinksTable.envVar,
      auditTable.envVar,
      limitsTable.envVar,
      'USER_POOL_ID',
      'MAIL_FROM',
      'SES_CONFIGURATION_SET',
      'LINK_KEY_ID',
      'APP_URL_PARAMETER',
    ],
  },
  visits: {
    fn: fn(api.functions.get('visits')),
    tables: {
      appointments: db('GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'),
      'guest-links': db('GetItem', 'PutItem', 'Query', 'UpdateItem'),
      audit: db('PutItem', 'Query'),
      // Chime's pacer, the public routes' per-client counters, and the calls each provider
      // placed in the last hour (read back with a Query).
      limits: db('UpdateItem', 'Query'),
    },
    indexes: [
      'appointments/index/gsi1',
      'appointments/index/gsi2',
      'audit/index/gsi1',
      // The connections of those let in, for Allow's one push.
      'connections/index/gsi1',
      'guest-links/index/gsi1',
    ],
    resources: {
      'execute-api:ManageConnections': [ownConnections],
      'chime:CreateMeetingWithAttendees': [anything],
      'chime:BatchCreateAttendee': [meetings],
      'chime:DeleteAttendee': [meetings],
      'chime:DeleteMeeting': [meetings],
      'chime:GetMeeting': [meetings],
    },
    environment: [
      appointmentsTable.envVar,
      guestLinksTable.envVar,
      auditTable.envVar,
      limitsTable.envVar,
      connectionsTable.envVar,
      'WS_MANAGEMENT_ENDPOINT',
    ],
  },
  booking: {
    fn: fn(api.functions.get('booking')),
    tables: {
      // Settings, day indexes, the client by email (finder Query) and a booking's transaction
      // (a personal room made in it sets the client's room: UpdateItem).
      appointments: db('GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem'),
      // Join, manage and idempotency items, one-time codes, links re-timed on a change (gsi1).
      'guest-links': db('GetItem', 'Query', 'PutItem', 'UpdateItem'),
      limits: db('UpdateItem'),
    },
    indexes: ['appointments/index/gsi2', 'guest-links/index/gsi1'],
    resources: {
      'ses:SendRawEmail': [mailConfigurationSet, mailIdentity],
      'kms:GenerateMac': [linkKey],
      'ssm:GetParameter': [appUrlParameter],
    },
    environment: [
      appointmentsTable.envVar,
      guestLinksTable.envVar,
      limitsTable.envVar,
      'MAIL_FROM',
      'SES_CONFIGURATION_SET',
      'LINK_KEY_ID',
      'APP_URL_PARAMETER',
    ],
  },
  realtime: {
    fn: realtime.functions.realtime,
    tables: {
      // A participant's page gone for good: the visit read (Query) and its leave written (Put).
      appointments: db('GetItem', 'Query', 'PutItem'),
      connections: db('GetItem', 'PutItem', 'DeleteItem', 'Query'),
      audit: db('PutItem'),
    },
    indexes: ['connections/index/gsi1'],
    resources: { 'execute-api:ManageConnections': [ownConnections] },
    environment: [
      appointmentsTable.envVar,
      connectionsTable.envVar,
      auditTable.envVar,
      'WS_MANAGEMENT_ENDPOINT',
    ],
  },
  'appointment-notices': {
    fn: api.notices.function,
    tables: {
      // The appointment, the clinic's settings and the provider; reading the table's stream.
      appointments: db('GetItem', 'DescribeStream', 'GetRecords', 'GetShardIterator'),
      // Invitees (Query), rooms' links (GetItem), Send Now's lock (Update, Delete) and outcomes;
      // an online booking's client invitation and PIN (Put).
      'guest-links': db('GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'),
      audit: db('PutItem'),
    },
    indexes: [],
    resources: {
      'ses:SendRawEmail': [mailConfigurationSet, mailIdentity],
      'sns:Publish': [],
      'kms:GenerateMac': [linkKey],
      'ssm:GetParameter': [appUrlParameter],
      'dynamodb:ListStreams': [anything],
      'sqs:GetQueueAttributes': [noticeDeadLetters],
      'sqs:GetQueueUrl': [noticeDeadLetters],
      'sqs:SendMessage': [noticeDeadLetters],
    },
    environment: [
      appointmentsTable.envVar,
      guestLinksTable.envVar,
      auditTable.envVar,
      'MAIL_FROM',
      'SES_CONFIGURATION_SET',
      'LINK_KEY_ID',
      'APP_URL_PARAMETER',
    ],
  },
  reminders: {
    fn: api.reminders.function,
    tables: {
      // Settings, providers, clients, names (GetItem); providers and due visits (gsi1 Query).
      appointments: db('GetItem', 'Query'),
      // Invitees (Query), a client's invitation made with its PIN (Put), claims (Update).
      'guest-links': db('GetItem', 'Query', 'PutItem', 'UpdateItem'),
      audit: db('PutItem'),
    },
    indexes: ['appointments/index/gsi1'],
    resources: {
      'ses:SendRawEmail': [mailConfigurationSet, mailIdentity],
      'sns:Publish': [],
      'kms:GenerateMac': [linkKey],
      'ssm:GetParameter': [appUrlParameter],
      'sqs:SendMessage': [reminderDeadLetters],
    },
    environment: [
      appointmentsTable.envVar,
      guestLinksTable.envVar,
      auditTable.envVar,
      'MAIL_FROM',
      'SES_CONFIGURATION_SET',
      'LINK_KEY_ID',
      'APP_URL_PARAMETER',
    ],
  },
  'ws-authorizer': {
    fn: realtime.functions.authorizer,
    tables: { 'guest-links': db('GetItem') },
    indexes: [],
    resources: {},
    environment: ['USER_POOL_CLIENT_ID', 'USER_POOL_ID', guestLinksTable.envVar],
  },
  'meeting-events': {
    fn: realtime.functions.meetingEvents,
    tables: {
      appointments: db('GetItem', 'Query', 'PutItem', 'UpdateItem'),
      audit: db('PutItem'),
    },
    indexes: [],
    resources: {
      // Its own dead-letter queue, for events that failed every retry.
      'sqs:SendMessage': [deadLetters],
    },
    environment: [appointmentsTable.envVar, auditTable.envVar],
  },
  'visit-news': {
    fn: realtime.functions.visitNews,
    tables: {
      // The meeting and attendee an admission's join information is made of; reading the
      // table's stream (on the stream's ARN, which names the table).
      appointments: db('GetItem', 'DescribeStream', 'GetRecords', 'GetShardIterator'),
      connections: db('Query', 'DeleteItem'),
    },
    indexes: ['connections/index/gsi1'],
    resources: {
      'execute-api:ManageConnections': [ownConnections],
      // Lambda's event source lists the account's streams; IAM cannot scope that.
      'dynamodb:ListStreams': [anything],
      // The on-failure destination of its event source: the realtime stack's one queue.
      'sqs:GetQueueAttributes': [deadLetters],
      'sqs:GetQueueUrl': [deadLetters],
      'sqs:SendMessage': [deadLetters],
    },
    environment: [appointmentsTable.envVar, connectionsTable.envVar, 'WS_MANAGEMENT_ENDPOINT'],
  },
};
const all = Object.entries(expected);

describe('function permissions: exactly what each function calls', () => {
  it('has an expectation for every function of the app', () => {
    const deployed = [api, realtime].reduce(
      (n, stack) =>
        n + Object.keys(templateOf(stack).findResources('AWS::Lambda::Function')).length,
      0,
    );
    expect(all).toHaveLength(deployed);
  });

  describe.each(all)('%s', (_name, want) => {
    it('may call only its own actions', () => {
      const tableActions = Object.values(want.tables).flat() as string[];
      const wanted = new Set([
        ...everyFunction,
        ...tableActions,
        ...(want.indexes.length > 0 ? ['dynamodb:Query'] : []),
        ...Object.keys(want.resources),
      ]);
      expect(actionsOf(want.fn)).toEqual([...wanted].sort());
    });

    it('has exactly these actions on each table', () => {
      for (const table of tableDefinitions)
        expect(tableActionsOf(want.fn, table), table.id).toEqual(want.tables[table.id] ?? []);
    });

    it('queries exactly these indexes, each by name', () => {
      expect(indexesOf(want.fn)).toEqual([...want.indexes].sort());
      expect(JSON.stringify(statementsOf(want.fn))).not.toContain('/index/*');
    });

    it('touches only its own tables', () => {
      const withIndexes = new Set([
        ...Object.keys(want.tables),
        ...want.indexes.map((i) => i.split('/')[0]),
      ]);
      expect(tablesTouchedBy(want.fn)).toEqual([...withIndexes].sort());
    });

    it('has every other action on exactly its resources', () => {
      for (const [action, resources] of Object.entries(want.resources))
        expect(resourcesOf(want.fn, action).sort(), action).toEqual(resources);
    });

    it('writes only its own log group, and uses "*" only for X-Ray and actions IAM cannot scope', () => {
      const logGroup = logicalId(Stack.of(want.fn), want.fn.lambda.logGroup);
      expect(resourcesOf(want.fn, 'logs:PutLogEvents')).toEqual([
        expect.stringContaining(logGroup),
      ]);
      const starred = statementsOf(want.fn)
        .filter((s) => list(s.Resource).includes('*'))
        .flatMap((s) => list(s.Action))
        .sort();
      const unscoped = Object.entries(want.resources)
        .filter(([, r]) => r.includes(anything))
        .map(([a]) => a);
      expect(starred).toEqual(
        ['xray:PutTelemetryRecords', 'xray:PutTraceSegments', ...unscoped].sort(),
      );
    });

    it('is told its resources by exactly these environment variables', () => {
      expect(environmentOf(want.fn)).toEqual([...houseEnvironment, ...want.environment].sort());
    });

    it('never scans a table', () => {
      expect(actionsOf(want.fn)).not.toContain('dynamodb:Scan');
    });
  });

  it('grants Scan nowhere in the app', () => {
    for (const stack of [data, auth, messaging, realtime, api, stacks.web])
      expect(JSON.stringify(templateOf(stack).toJSON())).not.toContain('dynamodb:Scan');
  });

  describe('the audit table is append-only', () => {
    const onAudit = all.map(([name, want]) => [name, tableActionsOf(want.fn, auditTable)] as const);

    it('is changed by no function: no UpdateItem, DeleteItem or BatchWriteItem, only PutItem and reads', () => {
      for (const [name, actions] of onAudit) {
        for (const action of actions)
          expect(db('PutItem', 'GetItem', 'BatchGetItem', 'Query'), name).toContain(action);
      }
    });

    it('is written (PutItem) only by the functions that record events', () => {
      const writers = onAudit.filter(([, a]) => a.includes('dynamodb:PutItem')).map(([n]) => n);
      // Accounts and settings changes are clinic entries; notices and reminders record what was sent.
      expect(writers.sort()).toEqual([
        'accounts',
        'appointment-notices',
        'invitations',
        'meeting-events',
        'realtime',
        'reminders',
        'visits',
      ]);
    });

    it('is read only by the visits function (the audit log page), on the table and gsi1', () => {
      const readers = all
        .filter(([, want]) => indexesOf(want.fn).some((i) => i.startsWith('audit/')))
        .map(([n]) => n);
      expect(readers).toEqual(['visits']);
    });
  });

  it('lets the accounts function administer users of the pool, and nothing else in Cognito', () => {
    const f = expected.accounts?.fn as TelevisitFunction;
    // Deleting or listing users is not its business; it reads one only to finish an account
    // whose profile was cut off (functions/accounts/open-account.ts).
    for (const action of ['AdminDeleteUser', 'ListUsers', 'AdminUpdateUserAttributes'])
      expect(actionsOf(f)).not.toContain(`cognito-idp:${action}`);
    expect(variablesOf(f).USER_POOL_ID).toEqual(expect.anything());
  });

  it('lets the invitations function create accounts only: roles and access stay with accounts', () => {
    const f = expected.invitations?.fn as TelevisitFunction;
    for (const action of ['AdminRemoveUserFromGroup', 'AdminEnableUser', 'AdminDisableUser'])
      expect(actionsOf(f)).not.toContain(`cognito-idp:${action}`);
  });

  it.each(['scheduling', 'invitations'] as const)(
    'lets the %s function sign with the link key, and do nothing else with it or with KMS',
    (name) => {
      const f = expected[name]?.fn as TelevisitFunction;
      const key = logicalId(data, data.linkKey);
      expect(JSON.stringify(variablesOf(f).LINK_KEY_ID)).toContain(key);
      expect(actionsOf(f).filter((a) => a.startsWith('kms:'))).toEqual(['kms:GenerateMac']);
      const [sign, ...more] = grantsOf(f, 'kms:GenerateMac');
      expect(more).toEqual([]);
      expect(JSON.stringify(sign)).toContain(key);
    },
  );

  it('gives the link key to no other function', () => {
    const readers = all
      .filter(([, want]) => actionsOf(want.fn).some((a) => /^kms:/.test(a)))
      .map(([name]) => name)
      .sort();
    expect(readers).toEqual([
      'appointment-notices',
      'booking',
      'invitations',
      'reminders',
      'scheduling',
    ]);
  });

  it('lets only the accounts, booking (codes), invitations, notices and reminders functions send email, from the clinic identity', () => {
    const senders = all
      .filter(([, want]) => actionsOf(want.fn).includes('ses:SendRawEmail'))
      .map(([name]) => name)
      .sort();
    expect(senders).toEqual([
      'accounts',
      'appointment-notices',
      'booking',
      'invitations',
      'reminders',
    ]);
    for (const name of senders) {
      const f = expected[name]?.fn as TelevisitFunction;
      expect(variablesOf(f).MAIL_FROM).toBe(stacks.config.mailFrom);
      expect(JSON.stringify(variablesOf(f).SES_CONFIGURATION_SET)).toContain(
        logicalId(messaging, messaging.configurationSet),
      );
    }
  });

  it('lets only the invitations, notices and reminders functions send SMS, and only straight to phone numbers, never to a topic', () => {
    const senders = all
      .filter(([, want]) => actionsOf(want.fn).includes('sns:Publish'))
      .map(([name]) => name)
      .sort();
    expect(senders).toEqual(['appointment-notices', 'invitations', 'reminders']);
    for (const name of senders) {
      const [publish, ...more] = grantsOf(expected[name]?.fn as TelevisitFunction, 'sns:Publish');
      expect(more).toEqual([]);
      // Alone in its statement, with no Resource: every topic ARN is excluded, phone numbers are not.
      expect(publish).toEqual({
        Action: 'sns:Publish',
        Effect: 'Allow',
        NotResource: 'arn:aws:sns:*:*:*',
      });
    }
  });

  it.each(['accounts', 'scheduling', 'invitations', 'appointment-notices'] as const)(
    'tells the %s function the app URL parameter by name',
    (name) => {
      expect(variablesOf(expected[name]?.fn as TelevisitFunction).APP_URL_PARAMETER).toBe(
        '/Televisit/app-url',
      );
    },
  );

  it("gives the app URL directly, and no SSM access, with the clinic's own domain", () => {
    const custom = buildTestApp({
      customDomain: {
        domainName: 'visits.clinic.example',
        certificateArn:
          'arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000000',
      },
    }).stacks;
    for (const name of ['accounts', 'scheduling', 'invitations'] as const) {
      const f = fn(custom.api.functions.get(name));
      expect(variablesOf(f).APP_URL).toBe('https://visits.clinic.example');
      expect(variablesOf(f).APP_URL_PARAMETER).toBeUndefined();
      expect(actionsOf(f)).not.toContain('ssm:GetParameter');
    }
  });

  describe('the dial-in number', () => {
    it('is told to no function until the clinic sets televisit:dialInNumber', () => {
      for (const [name, want] of all)
        expect(variablesOf(want.fn).DIAL_IN_NUMBER, name).toBeUndefined();
    });

    it('is told to the invitations function, the only one that reads it, once set', () => {
      const custom = buildTestApp({ dialInNumber: '+12025550143' }).stacks;
      expect(variablesOf(fn(custom.api.functions.get('invitations'))).DIAL_IN_NUMBER).toBe(
        '+12025550143',
      );
      const others = [
        ...[...custom.api.functions.entries()].filter(([n]) => n !== 'invitations'),
        ...Object.entries(custom.realtime.functions),
      ];
      for (const [name, f] of others) expect(variablesOf(f).DIAL_IN_NUMBER, name).toBeUndefined();
    });
  });

  it('lets only the visits and platform functions reach Chime: create meetings, check one still exists, add and delete attendees, end meetings', () => {
    const users = all
      .filter(([, want]) => actionsOf(want.fn).some((a) => a.startsWith('chime:')))
      .map(([name]) => name)
      .sort();
    expect(users).toEqual(['platform', 'visits']);
    const visits = expected.visits?.fn as TelevisitFunction;
    // Nothing that would list or read other meetings, or change an attendee's capabilities.
    expect(actionsOf(visits).filter((a) => a.startsWith('chime:'))).toEqual([
      'chime:BatchCreateAttendee',
      'chime:CreateMeetingWithAttendees',
      'chime:DeleteAttendee',
      'chime:DeleteMeeting',
      'chime:GetMeeting',
    ]);
  });

  describe('pushing to browsers', () => {
    const pushers = all.filter(([, want]) =>
      actionsOf(want.fn).includes('execute-api:ManageConnections'),
    );

    it('is for the functions that send news: realtime replies and the visit news (never a request path)', () => {
      expect(pushers.map(([n]) => n).sort()).toEqual(['realtime', 'visit-news', 'visits']);
    });

    it("is granted once, in the realtime stack's PushToConnections policy: post to this stage's connections, nothing else", () => {
      const statements = policyStatements(pushPolicy).map((statement) => ({
        ...statement,
        Resource: JSON.stringify(statement.Resource),
      }));
      expect(statements).toEqual([
        { Action: 'execute-api:ManageConnections', Effect: 'Allow', Resource: ownConnections },
      ]);
      // No other policy of the app, shared or a function's own, grants the push.
      const granting = appStacks.flatMap((stack) =>
        Object.entries(
          json(stack).Resources as Record<
            string,
            { Type: string; Properties: { PolicyDocument?: unknown } }
          >,
        )
          .filter(([, r]) => /^AWS::IAM::(ManagedPolicy|Policy)$/.test(r.Type))
          .filter(([, r]) => JSON.stringify(r.Properties.PolicyDocument).includes('execute-api:'))
          .map(([id]) => `${stack.stackName}/${id}`),
      );
      expect(granting).toEqual([`${realtime.stackName}/${pushPolicy.id}`]);
    });

    it("is attached to the pushers' roles and no other role of the app", () => {
      const attachedTo = appStacks.flatMap((stack) =>
        Object.entries(
          json(stack).Resources as Record<
            string,
            { Type: string; Properties: { ManagedPolicyArns?: unknown[] } }
          >,
        )
          .filter(([, r]) => r.Type === 'AWS::IAM::Role')
          .filter(([, r]) =>
            (r.Properties.ManagedPolicyArns ?? []).some((arn) =>
              samePolicy(findPolicy(stack, arn), pushPolicy),
            ),
          )
          .map(([id]) => `${stack.stackName}/${id}`),
      );
      const pusherRoles = pushers.map(([, want]) => {
        const stack = Stack.of(want.fn);
        return `${stack.stackName}/${logicalId(stack, want.fn.role)}`;
      });
      expect(attachedTo.sort()).toEqual(pusherRoles.sort());
    });

    it("goes to this WebSocket stage's callback URL", () => {
      const apiRef = `{"Ref":"${logicalId(realtime, realtime.webSocketApi)}"}`;
      for (const [name, want] of pushers) {
        const endpoint = JSON.stringify(variablesOf(want.fn).WS_MANAGEMENT_ENDPOINT);
        // In another stack, by the realtime stack's exported API id.
        if (Stack.of(want.fn) === realtime) expect(endpoint, name).toContain(apiRef);
        else
          expect(endpoint, name).toContain(
            '{"Fn::ImportValue":"Televisit-Realtime-WebSocketApiId"}',
          );
        expect(endpoint, name).toMatch(/"https:\/\/",.*,".execute-api.us-east-1.",.*,"\/live"/);
      }
    });

    it('keeps the exports other stacks may push by: the API id and the policy, of fixed name', () => {
      const outputs = templateOf(realtime).toJSON().Outputs as Record<
        string,
        { Export?: { Name: string }; Value: unknown }
      >;
      const exported = (name: string) =>
        Object.values(outputs).find((o) => o.Export?.Name === name);
      expect(exported('Televisit-Realtime-WebSocketApiId')?.Value).toEqual({
        Ref: logicalId(realtime, realtime.webSocketApi),
      });
      expect(exported('Televisit-Realtime-PushToConnectionsArn')?.Value).toEqual({
        Ref: pushPolicy.id,
      });
    });
  });

  it('keeps every permission in customer managed policies: no inline policies, no AWS managed ones on functions', () => {
    for (const stack of [api, realtime, stacks.web]) {
      templateOf(stack).resourceCountIs('AWS::IAM::Policy', 0);
    }
    for (const [name, want] of all) {
      const stack = Stack.of(want.fn);
      const role = json(stack).Resources[logicalId(stack, want.fn.role)].Properties;
      const own = { Ref: logicalId(stack, want.fn.role.policy) };
      // Its own policy, and for a function that pushes the one shared PushToConnections.
      const shared =
        name === 'realtime' || name === 'visit-news'
          ? [{ Ref: pushPolicy.id }]
          : name === 'visits'
            ? [{ 'Fn::ImportValue': 'Televisit-Realtime-PushToConnectionsArn' }]
            : [];
      expect(role.ManagedPolicyArns, name).toEqual([own, ...shared]);
      expect(role.Policies).toBeUndefined();
    }
  });
});
