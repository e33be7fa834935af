import {
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  type ExplicitAuthFlowsType,
  GroupExistsException,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  CreateTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  KMSClient,
  NotFoundException,
} from '@aws-sdk/client-kms';
import { SESClient, VerifyEmailIdentityCommand } from '@aws-sdk/client-ses';
import type { TableDefinition } from '../../infra/schema/tables';
import { roleDescriptions, userPoolDefinition } from '../../infra/schema/user-pool';

/**
 * Creates the local tables and user pool from the same definitions the CDK stacks use.
 * Every step is idempotent: running it against servers that already have them changes nothing.
 */
export async function createTables(
  dynamodb: DynamoDBClient,
  definitions: readonly TableDefinition[],
  nameOf: (definition: TableDefinition) => string,
): Promise<void> {
  await Promise.all(
    definitions.map((definition) => createTable(dynamodb, definition, nameOf(definition))),
  );
}

async function createTable(dynamodb: DynamoDBClient, def: TableDefinition, name: string) {
  const keyAttributes = [
    def.partitionKey,
    def.sortKey,
    ...def.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ];
  const attributes = new Map(
    keyAttributes.filter((a) => a !== undefined).map((a) => [a.name, a.type]),
  );
  try {
    await dynamodb.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({
          AttributeName,
          AttributeType,
        })),
        KeySchema: [
          { AttributeName: def.partitionKey.name, KeyType: 'HASH' },
          ...(def.sortKey ? [{ AttributeName: def.sortKey.name, KeyType: 'RANGE' as const }] : []),
        ],
        ...(def.indexes.length > 0
          ? {
              GlobalSecondaryIndexes: def.indexes.map((index) => ({
                IndexName: index.indexName,
                KeySchema: [
                  { AttributeName: index.partitionKey.name, KeyType: 'HASH' as const },
                  ...(index.sortKey
                    ? [{ AttributeName: index.sortKey.name, KeyType: 'RANGE' as const }]
                    : []),
                ],
                Projection: { ProjectionType: 'ALL' as const },
              })),
            }
          : {}),
        ...(def.stream
          ? { StreamSpecification: { StreamEnabled: true, StreamViewType: def.stream } }
          : {}),
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  await waitUntilTableExists({ client: dynamodb, maxWaitTime: 30 }, { TableName: name });
  if (def.ttlAttribute) {
    const ttl = await dynamodb.send(new DescribeTimeToLiveCommand({ TableName: name }));
    if (ttl.TimeToLiveDescription?.TimeToLiveStatus !== 'ENABLED') {
      await dynamodb.send(
        new UpdateTimeToLiveCommand({
          TableName: name,
          TimeToLiveSpecification: { AttributeName: def.ttlAttribute, Enabled: true },
        }),
      );
    }
  }
}

export interface LocalUserPool {
  userPoolId: string;
  userPoolClientId: string;
}

/** Finds the pool by name or creates it, with its groups and web client. */
export async function ensureUserPool(
  cognito: CognitoIdentityProviderClient,
): Promise<LocalUserPool> {
  const def = userPoolDefinition;
  const pools = await cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  let userPoolId = pools.UserPools?.find((p) => p.Name === def.name)?.Id;
  if (!userPoolId) {
    const created = await cognito.send(
      new CreateUserPoolCommand({
        PoolName: def.name,
        UsernameAttributes: [...def.usernameAttributes],
        AutoVerifiedAttributes: ['email'],
        Policies: {
          PasswordPolicy: {
            MinimumLength: def.passwordPolicy.minLength,
            RequireLowercase: def.passwordPolicy.requireLowercase,
            RequireUppercase: def.passwordPolicy.requireUppercase,
            RequireNumbers: def.passwordPolicy.requireDigits,
            RequireSymbols: def.passwordPolicy.requireSymbols,
            TemporaryPasswordValidityDays: def.passwordPolicy.temporaryPasswordValidityDays,
          },
        },
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      }),
    );
    userPoolId = created.UserPool?.Id;
  }
  if (!userPoolId) throw new Error('The local user pool could not be created');
  for (const group of def.groups) {
    try {
      await cognito.send(
        new CreateGroupCommand({
          UserPoolId: userPoolId,
          GroupName: group,
          Description: roleDescriptions[group],
        }),
      );
    } catch (error) {
      if (!(error instanceof GroupExistsException)) throw error;
    }
  }
  const clientsList = await cognito.send(
    new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }),
  );
  let userPoolClientId = clientsList.UserPoolClients?.find(
    (c) => c.ClientName === def.webClient.name,
  )?.ClientId;
  if (!userPoolClientId) {
    const created = await cognito.send(
      new CreateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientName: def.webClient.name,
        GenerateSecret: false,
        ExplicitAuthFlows: [...def.webClient.authFlows] as ExplicitAuthFlowsType[],
        AccessTokenValidity: def.webClient.accessTokenValidityMinutes,
        IdTokenValidity: def.webClient.idTokenValidityMinutes,
        RefreshTokenValidity: def.webClient.refreshTokenValidityDays,
        TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
        PreventUserExistenceErrors: 'ENABLED',
      }),
    );
    userPoolClientId = created.UserPoolClient?.ClientId;
  }
  if (!userPoolClientId) throw new Error('The local user pool client could not be created');
  return { userPoolId, userPoolClientId };
}

/** SES only sends from verified identities; the local stack verifies the clinic's sender. */
export async function verifySender(ses: SESClient, address: string): Promise<void> {
  await ses.send(new VerifyEmailIdentityCommand({ EmailAddress: address }));
}

/**
 * The join-link key, as the data stack's KMS HMAC key is in AWS: found by its alias, or made
 * once. Returns the key id the functions sign with.
 */
export async function ensureLinkKey(kms: KMSClient, alias: string): Promise<string> {
  try {
    const existing = await kms.send(new DescribeKeyCommand({ KeyId: alias }));
    if (existing.KeyMetadata?.KeyId) return existing.KeyMetadata.KeyId;
  } catch (error) {
    if (!(error instanceof NotFoundException)) throw error;
  }
  const created = await kms.send(
    new CreateKeyCommand({
      KeySpec: 'HMAC_256',
      KeyUsage: 'GENERATE_VERIFY_MAC',
      Description: 'Televisit join links (local)',
    }),
  );
  const keyId = created.KeyMetadata?.KeyId;
  if (!keyId) throw new Error('No id for the link key');
  await kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: keyId }));
  return keyId;
}

export { CognitoIdentityProviderClient, DynamoDBClient, KMSClient, SESClient };
