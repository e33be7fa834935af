import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { clientOptions, once, traced } from './options';

/** The DynamoDB client, made once per instance. */
export const dynamodb = once(() => {
  const client = new DynamoDBClient(clientOptions('dynamodb'));
  client.middlewareStack.use(traced('dynamodb'));
  return client;
});

/** The document client over it (plain JavaScript values in and out); shares its middleware. */
export const documents = once(
  (): DynamoDBDocumentClient =>
    DynamoDBDocumentClient.from(dynamodb(), { marshallOptions: { removeUndefinedValues: true } }),
);
