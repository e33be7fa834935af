import { ChimeSDKMeetingsClient } from '@aws-sdk/client-chime-sdk-meetings';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localCredentials, stack } from './local-stack';

/** SDK clients pointed at the test run's own local servers, for preparing and inspecting. */
export function localClients() {
  const s = stack();
  const dynamodb = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: s.dynamoUrl,
    credentials: localCredentials,
  });
  return {
    dynamodb,
    documents: DynamoDBDocumentClient.from(dynamodb, {
      marshallOptions: { removeUndefinedValues: true },
    }),
    cognito: new CognitoIdentityProviderClient({
      region: 'us-east-1',
      endpoint: s.motoUrl,
      credentials: localCredentials,
    }),
    /** The gateway's Chime stand-in; maxAttempts 1, so throttling and errors reach the test. */
    chime: new ChimeSDKMeetingsClient({
      region: 'us-east-1',
      endpoint: s.chimeEndpoint,
      credentials: localCredentials,
      maxAttempts: 1,
    }),
  };
}
