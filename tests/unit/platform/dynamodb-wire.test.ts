import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConditionalCheckFailedException,
  documents,
  fromWireAnswer,
  GetCommand,
  TransactionCanceledException,
  TransactWriteCommand,
  toWireRequest,
} from '../../../functions/platform/aws/dynamodb';

describe('DynamoDB items on the wire', () => {
  it('converts every item of a request, wherever lib-dynamodb would', () => {
    const wire = toWireRequest({
      TransactItems: [
        { Put: { TableName: 't', Item: { pk: 'a', n: 1, gone: undefined } } },
        {
          Update: {
            TableName: 't',
            Key: { pk: 'b' },
            UpdateExpression: 'SET #a = :a',
            ExpressionAttributeNames: { '#a': 'a' },
            ExpressionAttributeValues: { ':a': ['x'], ':s': new Set(['y']) },
          },
        },
      ],
      RequestItems: { t: { Keys: [{ pk: 'c' }], ProjectionExpression: 'pk' } },
      ExclusiveStartKey: { pk: 'd', sk: 2 },
    });
    expect(wire).toEqual({
      TransactItems: [
        { Put: { TableName: 't', Item: { pk: { S: 'a' }, n: { N: '1' } } } },
        {
          Update: {
            TableName: 't',
            Key: { pk: { S: 'b' } },
            UpdateExpression: 'SET #a = :a',
            ExpressionAttributeNames: { '#a': 'a' },
            ExpressionAttributeValues: { ':a': { L: [{ S: 'x' }] }, ':s': { SS: ['y'] } },
          },
        },
      ],
      RequestItems: { t: { Keys: [{ pk: { S: 'c' } }], ProjectionExpression: 'pk' } },
      ExclusiveStartKey: { pk: { S: 'd' }, sk: { N: '2' } },
    });
  });

  it('reads every item of an answer as plain values', () => {
    expect(
      fromWireAnswer({
        Items: [{ pk: { S: 'a' } }],
        Count: 1,
        LastEvaluatedKey: { pk: { S: 'a' } },
        Responses: { t: [{ pk: { S: 'b' }, on: { BOOL: true } }] },
        UnprocessedKeys: { t: { Keys: [{ pk: { S: 'c' } }] } },
        Attributes: { n: { N: '3' } },
      }),
    ).toEqual({
      Items: [{ pk: 'a' }],
      Count: 1,
      LastEvaluatedKey: { pk: 'a' },
      Responses: { t: [{ pk: 'b', on: true }] },
      UnprocessedKeys: { t: { Keys: [{ pk: 'c' }] } },
      Attributes: { n: 3 },
    });
  });
});

describe('DynamoDB calls against a server that misbehaves', () => {
  let answer: (req: IncomingMessage, body: string, res: ServerResponse) => void;
  const seen: { target: string; body: Record<string, unknown> }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (part) => {
      body += part;
    });
    req.on('end', () => {
      seen.push({ target: String(req.headers['x-amz-target']), body: JSON.parse(body) });
      answer(req, body, res);
    });
  });
  const fail = (res: ServerResponse, status: number, json: object) => {
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
    res.end(JSON.stringify(json));
  };

  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    process.env.ENDPOINT_DYNAMODB = `http://127.0.0.1:${port}`;
    process.env.AWS_ACCESS_KEY_ID ??= 'test';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('sends a signed call and reads its item', async () => {
    seen.length = 0;
    answer = (req, _body, res) =>
      fail(res, 200, {
        Item: {
          pk: { S: 'a' },
          signed: { BOOL: String(req.headers.authorization).startsWith('AWS4-HMAC-SHA256') },
        },
      });
    const got = await documents().send(new GetCommand({ TableName: 't', Key: { pk: 'a' } }));
    expect(got.Item).toEqual({ pk: 'a', signed: true });
    expect(seen).toEqual([
      { target: 'DynamoDB_20120810.GetItem', body: { TableName: 't', Key: { pk: { S: 'a' } } } },
    ]);
  });

  it('names a refused condition as the SDK does, and does not repeat it', async () => {
    seen.length = 0;
    answer = (_req, _body, res) =>
      fail(res, 400, {
        __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
        message: 'The conditional request failed',
      });
    const error = await documents()
      .send(new GetCommand({ TableName: 't', Key: { pk: 'a' } }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConditionalCheckFailedException);
    expect(error).toMatchObject({ $fault: 'client', $metadata: { httpStatusCode: 400 } });
    expect(seen).toHaveLength(1);
  });

  it("gives a cancelled transaction's reasons with their items, and one token for every attempt", async () => {
    seen.length = 0;
    let calls = 0;
    answer = (_req, _body, res) => {
      calls += 1;
      if (calls === 1) return fail(res, 500, { __type: 'InternalServerError', message: 'x' });
      fail(res, 400, {
        __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
        message: 'cancelled',
        CancellationReasons: [
          { Code: 'None' },
          { Code: 'ConditionalCheckFailed', Item: { n: { N: '1' } } },
        ],
      });
    };
    const error = await documents()
      .send(
        new TransactWriteCommand({
          TransactItems: [{ Put: { TableName: 't', Item: { pk: 'a' } } }],
        }),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionCanceledException);
    expect((error as TransactionCanceledException).CancellationReasons).toEqual([
      { Code: 'None' },
      { Code: 'ConditionalCheckFailed', Item: { n: 1 } },
    ]);
    expect(seen).toHaveLength(2);
    expect(seen[0]?.body.ClientRequestToken).toEqual(expect.any(String));
    expect(seen[1]?.body.ClientRequestToken).toBe(seen[0]?.body.ClientRequestToken);
  });

  it('gives up on a server that says nothing after its attempts, as a timeout', async () => {
    seen.length = 0;
    answer = () => {}; // never answers
    const error = await documents()
      .send(new GetCommand({ TableName: 't', Key: { pk: 'a' } }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TimeoutError' });
    expect(seen).toHaveLength(2);
  });
});
