import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { ChimeSDKMeetingsClient } from '@aws-sdk/client-chime-sdk-meetings';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { SESClient } from '@aws-sdk/client-ses';
import { SNSClient } from '@aws-sdk/client-sns';
import { SSMClient } from '@aws-sdk/client-ssm';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { env } from './env';

/**
 * Every AWS client of the project is made here, once, on first use. The endpoint override is
 * the only difference between AWS and the local stack.
 */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= make();
    return value;
  };
}

const base = (service: Parameters<typeof env.endpoint>[0]) => {
  const endpoint = env.endpoint(service);
  return { region: env.region(), ...(endpoint ? { endpoint } : {}) };
};

const makeDynamo = once(() => new DynamoDBClient(base('dynamodb')));

export const clients = {
  dynamodb: makeDynamo,
  documents: once(
    (): DynamoDBDocumentClient =>
      DynamoDBDocumentClient.from(makeDynamo(), {
        marshallOptions: { removeUndefinedValues: true },
      }),
  ),
  cognito: once(() => new CognitoIdentityProviderClient(base('cognito'))),
  ses: once(() => new SESClient(base('ses'))),
  sns: once(() => new SNSClient(base('sns'))),
  kms: once(() => new KMSClient(base('kms'))),
  parameters: once(() => new SSMClient(base('ssm'))),
  /** The SDK's standard retries back off on Chime's ThrottlingException (10 requests/s). */
  chime: once(() => new ChimeSDKMeetingsClient(base('chime'))),
  connections: once(
    () =>
      new ApiGatewayManagementApiClient({
        region: env.region(),
        endpoint: env.wsManagementEndpoint(),
      }),
  ),
};
