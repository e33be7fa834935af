import { Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import type { TelevisitFunction } from '../../infra/constructs/televisit-function';
import {
  appointmentsTable,
  connectionsTable,
  guestLinksTable,
  tableDefinitions,
} from '../../infra/schema/tables';
import { buildTestApp, logicalId, templateOf } from './test-app';

const { stacks } = buildTestApp();
const { api, realtime, data, messaging } = stacks;

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
function variablesOf(fn: TelevisitFunction): Record<string, unknown> {
  const stack = Stack.of(fn);
  const props = templateOf(stack).toJSON().Resources[logicalId(stack, fn.lambda)].Properties;
  return props.Environment.Variables;
}
const environmentOf = (fn: TelevisitFunction) => Object.keys(variablesOf(fn)).sort();
/** The statements that grant `action`, whether alone or among others. */
const grantsOf = (fn: TelevisitFunction, action: string) =>
  statementsOf(fn).filter((s) =>
    (Array.isArray(s.Action) ? s.Action : [s.Action]).includes(action),
  );
/** Every resource `action` is granted on, as JSON, one entry per resource. */
const resourcesOf = (fn: TelevisitFunction, action: string) =>
  grantsOf(fn, action)
    .flatMap((s) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]))
    .map((r) => JSON.stringify(r));
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
const cognitoAdmin = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminRemoveUserFromGroup',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminSetUserPassword',
];
/** What the invitations function does in Cognito: contact and portal accounts, no more. */
const cognitoCreate = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminSetUserPassword',
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
    actions: [
      ...everyFunction,
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      ...cognitoAdmin,
      'ses:SendRawEmail',
      'ssm:GetParameter',
    ],
    environment: [
      ...houseEnvironment,
      appointmentsTable.envVar,
      'USER_POOL_ID',
      'MAIL_FROM',
      'SES_CONFIGURATION_SET',
      'APP_URL_PARAMETER',
    ],
    tables: [appointmentsTable.id],
  },
  scheduling: {
    fn: fn(api.functions.get('scheduling')),
    actions: [
      ...everyFunction,
      ...read,
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'secretsmanager:GetSecretValue',
      'kms:Decrypt',
      'ssm:GetParameter',
    ],
    environment: [
      ...houseEnvironment,
      appointmentsTable.envVar,
      guestLinksTable.envVar,
      'LINK_SECRET_ARN',
      'APP_URL_PARAMETER',
    ],
    tables: [appointmentsTable.id, guestLinksTable.id],
  },
  invitations: {
    fn: fn(api.functions.get('invitations')),
    actions: [
      ...everyFunction,
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      ...cognitoCreate,
      'ses:SendRawEmail',
      'secretsmanager:GetSecretValue',
      'kms:Decrypt',
      'ssm:GetParameter',
    ],
    environment: [
      ...houseEnvironment,
      appointmentsTable.envVar,
      guestLinksTable.envVar,
      'USER_POOL_ID',
      'MAIL_FROM',
      'SES_CONFIGURATION_SET',
      'LINK_SECRET_ARN',
      'APP_URL_PARAMETER',
    ],
    tables: [appointmentsTable.id, guestLinksTable.id],
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

  /** The actions granted on a resource whose JSON contains `marker` and not `/index/`. */
  const tableActionsOf = (f: TelevisitFunction, table: typeof appointmentsTable) => {
    const id = logicalId(data, data.table(table).table);
    return statementsOf(f)
      .filter((s) => {
        const resource = JSON.stringify(s.Resource);
        return resource.includes(id) && !resource.includes('/index/');
      })
      .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]))
      .sort();
  };
  /** The index ARNs (`<table logical id>/index/<name>`) a function may query. */
  const indexesOf = (f: TelevisitFunction) =>
    resourcesOf(f, 'dynamodb:Query')
      .filter((r) => r.includes('/index/'))
      .map((r) => {
        const table = tableDefinitions.find((d) =>
          r.includes(logicalId(data, data.table(d).table)),
        );
        return `${table?.id}${/\/index\/[^"]+/.exec(r)?.[0]}`;
      })
      .sort();

  it('lets the accounts function write profiles and settings, and query only gsi1', () => {
    const f = expected.accounts.fn;
    expect(tableActionsOf(f, appointmentsTable)).toEqual(
      ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'].sort(),
    );
    expect(indexesOf(f)).toEqual(['appointments/index/gsi1']);
  });

  it('lets the accounts function administer users of the pool, and nothing else in Cognito', () => {
    const f = expected.accounts.fn;
    const cognito = actionsOf(f).filter((a) => a.startsWith('cognito-idp:'));
    expect(cognito).toEqual([...cognitoAdmin].sort());
    // Deleting users, reading or listing them is not its business.
    for (const action of [
      'AdminDeleteUser',
      'AdminGetUser',
      'ListUsers',
      'AdminUpdateUserAttributes',
    ])
      expect(actionsOf(f)).not.toContain(`cognito-idp:${action}`);
    for (const action of cognitoAdmin) {
      // The pool's ARN, imported from the auth stack, and nothing else.
      expect(resourcesOf(f, action)).toEqual([
        expect.stringContaining(logicalId(stacks.auth, stacks.auth.userPool)),
      ]);
    }
    expect(variablesOf(f).USER_POOL_ID).toEqual(expect.anything());
  });

  it('lets the scheduling function write both tables, query their indexes by name, and not batch-write', () => {
    const f = expected.scheduling.fn;
    expect(tableActionsOf(f, appointmentsTable)).toEqual(
      [...read, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'].sort(),
    );
    expect(tableActionsOf(f, guestLinksTable)).toEqual(
      ['dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'].sort(),
    );
    expect(indexesOf(f)).toEqual([
      'appointments/index/gsi1',
      'appointments/index/gsi2',
      'guest-links/index/gsi1',
    ]);
    for (const f2 of [expected.accounts.fn, f])
      expect(JSON.stringify(statementsOf(f2))).not.toContain('/index/*');
    expect(actionsOf(f)).not.toContain('dynamodb:BatchWriteItem');
  });

  it('keeps the scheduling function away from Cognito and email, and the accounts function away from guest links and the link secret', () => {
    const scheduling = actionsOf(expected.scheduling.fn);
    expect(scheduling.filter((a) => /^(cognito-idp|ses|sns):/.test(a))).toEqual([]);
    expect(tablesTouchedBy(expected.accounts.fn)).not.toContain(guestLinksTable.id);
    const accounts = actionsOf(expected.accounts.fn);
    expect(accounts.filter((a) => /^(secretsmanager|kms):/.test(a))).toEqual([]);
  });

  it.each(['scheduling', 'invitations'] as const)(
    'lets the %s function read the link secret only, and decrypt it only through Secrets Manager',
    (name) => {
      const f = expected[name].fn;
      const secret = logicalId(data, data.linkSecret);
      expect(resourcesOf(f, 'secretsmanager:GetSecretValue')).toEqual([
        expect.stringContaining(secret),
      ]);
      expect(JSON.stringify(variablesOf(f).LINK_SECRET_ARN)).toContain(secret);
      const [decrypt, ...more] = grantsOf(f, 'kms:Decrypt');
      expect(more).toEqual([]);
      const key = data.linkSecret.encryptionKey;
      if (!key) throw new Error('the link secret has no key of its own');
      expect(JSON.stringify(decrypt?.Resource)).toContain(logicalId(data, key));
      expect(JSON.stringify(decrypt)).toContain(
        '"kms:ViaService":"secretsmanager.us-east-1.amazonaws.com"',
      );
      expect(JSON.stringify(decrypt)).toMatch(
        new RegExp(`"kms:EncryptionContext:SecretARN":\\{[^}]*${secret}`),
      );
    },
  );

  it('gives the link secret to no other function', () => {
    const readers = Object.entries(expected)
      .filter(([, want]) => actionsOf(want.fn).some((a) => /^(secretsmanager|kms):/.test(a)))
      .map(([name]) => name)
      .sort();
    expect(readers).toEqual(['invitations', 'scheduling']);
  });

  it('lets the invitations function manage invitees, links and sign-ups, and create accounts only', () => {
    const f = expected.invitations.fn;
    expect(tableActionsOf(f, appointmentsTable)).toEqual(
      ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'].sort(),
    );
    expect(tableActionsOf(f, guestLinksTable)).toEqual(
      [
        'dynamodb:GetItem',
        'dynamodb:Query',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
      ].sort(),
    );
    expect(indexesOf(f)).toEqual([]);
    expect(actionsOf(f).filter((a) => a.startsWith('cognito-idp:'))).toEqual(
      [...cognitoCreate].sort(),
    );
    for (const action of cognitoCreate) {
      expect(resourcesOf(f, action)).toEqual([
        expect.stringContaining(logicalId(stacks.auth, stacks.auth.userPool)),
      ]);
    }
    // Users keep their role and their access: promoting or disabling is the accounts context's.
    for (const action of ['AdminRemoveUserFromGroup', 'AdminEnableUser', 'AdminDisableUser'])
      expect(actionsOf(f)).not.toContain(`cognito-idp:${action}`);
  });

  it.each(['accounts', 'invitations'] as const)(
    'lets the %s function send email only from the clinic identity, with its configuration set',
    (name) => {
      const f = expected[name].fn;
      const resources = resourcesOf(f, 'ses:SendRawEmail');
      expect(resources).toHaveLength(2);
      const identity = logicalId(messaging, messaging.emailIdentity);
      const configurationSet = logicalId(messaging, messaging.configurationSet);
      expect(resources).toEqual(
        expect.arrayContaining([
          expect.stringMatching(new RegExp(`:identity/.*${identity}`)),
          expect.stringMatching(new RegExp(`:configuration-set/.*${configurationSet}`)),
        ]),
      );
      expect(variablesOf(f).MAIL_FROM).toBe(stacks.config.mailFrom);
      expect(JSON.stringify(variablesOf(f).SES_CONFIGURATION_SET)).toContain(configurationSet);
    },
  );

  it('lets only the accounts and invitations functions send email, and nobody send SMS yet', () => {
    const senders = Object.entries(expected)
      .filter(([, want]) => actionsOf(want.fn).includes('ses:SendRawEmail'))
      .map(([name]) => name)
      .sort();
    expect(senders).toEqual(['accounts', 'invitations']);
    for (const want of Object.values(expected))
      expect(actionsOf(want.fn)).not.toContain('sns:Publish');
  });

  it.each(['accounts', 'scheduling', 'invitations'] as const)(
    'lets the %s function read the app URL parameter, and no other',
    (name) => {
      const f = expected[name].fn;
      expect(variablesOf(f).APP_URL_PARAMETER).toBe('/Televisit/app-url');
      expect(resourcesOf(f, 'ssm:GetParameter')).toEqual([
        expect.stringMatching(/:ssm:us-east-1:.*:parameter\/Televisit\/app-url"\]\]\}$/),
      ]);
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
