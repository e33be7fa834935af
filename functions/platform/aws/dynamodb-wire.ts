import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import aws4 from 'aws4';
import { recordCall } from '../call-trace';
import { env } from '../env';
import { callBudgets } from './options';

/**
 * DynamoDB's wire protocol, spoken directly: one signed JSON POST per call, with the same
 * timeouts, retries and call trace as every SDK client (options.ts). Every function talks to
 * DynamoDB on every request, and the SDK's DynamoDB client costs a function about 60 ms of cold
 * start on its own (its operation schemas, endpoint rules and middleware are compiled and run
 * at import), which alone broke the budget of twice an empty handler's cold start. The protocol
 * is small and stable (ARCHITECTURE.md, "DynamoDB without the SDK"); signing is aws4's and
 * marshalling util-dynamodb's, so only the transport is ours.
 */

/** An error DynamoDB answered with, shaped like the SDK's (name, $fault, $metadata). */
export class DynamoDBServiceError extends Error {
  readonly $fault: 'client' | 'server';
  readonly $metadata: { httpStatusCode: number };
  constructor(name: string, message: string, status: number, fields: Record<string, unknown>) {
    super(message);
    this.name = name;
    this.$fault = status >= 500 ? 'server' : 'client';
    this.$metadata = { httpStatusCode: status };
    Object.assign(this, fields);
  }
}

export class ConditionalCheckFailedException extends DynamoDBServiceError {}

export class TransactionCanceledException extends DynamoDBServiceError {
  declare readonly CancellationReasons?: {
    Code?: string;
    Message?: string;
    Item?: Record<string, unknown>;
  }[];
}

const errorClasses: Record<string, typeof DynamoDBServiceError> = {
  ConditionalCheckFailedException,
  TransactionCanceledException,
};

/** Errors worth another attempt, as the SDK's standard retry strategy judges them. */
const retryable = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'TimeoutError',
  'InternalServerError',
  'ServiceUnavailable',
]);
const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN']);

function shouldRetry(error: unknown): boolean {
  const e = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  return (
    retryable.has(e.name ?? '') ||
    networkCodes.has(e.code ?? '') ||
    (e.$metadata?.httpStatusCode ?? 0) >= 500
  );
}

class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

interface Target {
  url: URL;
  agent: HttpAgent;
  send: typeof httpRequest;
}

let target: Target | undefined;

/** The endpoint: the local stack's when set, otherwise the region's; one kept-alive pool. */
function endpoint(): Target {
  if (target) return target;
  const url = new URL(env.endpoint('dynamodb') ?? `https://dynamodb.${env.region()}.amazonaws.com`);
  const https = url.protocol === 'https:';
  const agent = https
    ? new HttpsAgent({ keepAlive: true, maxSockets: 50 })
    : new HttpAgent({ keepAlive: true, maxSockets: 50 });
  target = { url, agent, send: https ? httpsRequest : httpRequest };
  return target;
}

function readBody(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    response.on('data', (part: Buffer) => parts.push(part));
    response.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    response.on('error', reject);
  });
}

/** One attempt: sign, send, and read the answer within the connection and request budgets. */
function attempt(operation: string, body: string): Promise<unknown> {
  const { url, agent, send } = endpoint();
  const budget = callBudgets.dynamodb;
  const signed = aws4.sign(
    {
      host: url.host,
      path: '/',
      method: 'POST',
      service: 'dynamodb',
      region: env.region(),
      body,
      headers: {
        Host: url.host,
        'Content-Type': 'application/x-amz-json-1.0',
        'X-Amz-Target': `DynamoDB_20120810.${operation}`,
      },
    },
    {
      accessKeyId: process.env.AWS_ACCESS_KEY_ID,
      secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,
      sessionToken: process.env.AWS_SESSION_TOKEN,
    },
  );
  return new Promise((resolve, reject) => {
    const req = send({
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port,
      path: '/',
      method: 'POST',
      headers: signed.headers,
      agent,
    });
    const fail = (error: Error) => req.destroy(error);
    // Connecting gets its own budget; once connected, the answer must not go quiet for longer
    // than the request budget (a stopped server accepts the connection and then says nothing).
    req.on('socket', (socket) => {
      if (!socket.connecting) return;
      const timer = setTimeout(
        () => fail(new TimeoutError(`connection not made in ${budget.connectionTimeoutMs} ms`)),
        budget.connectionTimeoutMs,
      );
      socket.once('connect', () => clearTimeout(timer));
      socket.once('close', () => clearTimeout(timer));
    });
    req.setTimeout(budget.requestTimeoutMs, () =>
      fail(new TimeoutError(`no answer in ${budget.requestTimeoutMs} ms`)),
    );
    req.on('error', reject);
    req.on('response', (response) => {
      readBody(response).then((text) => {
        const status = response.statusCode ?? 0;
        const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
        if (status < 300) return resolve(json);
        const { __type, message, Message, ...fields } = json;
        const name =
          String(__type ?? `Http${status}`)
            .split('#')
            .pop() ?? 'Unknown';
        const ErrorClass = errorClasses[name] ?? DynamoDBServiceError;
        reject(new ErrorClass(name, String(message ?? Message ?? name), status, fields));
      }, reject);
    });
    req.end(body);
  });
}

/**
 * One DynamoDB call (`operation` is the API's name, e.g. `GetItem`), with the budget's
 * attempts and a jittered exponential backoff between them; recorded once in the call trace.
 */
export function callDynamoDB(operation: string, input: unknown): Promise<unknown> {
  const body = JSON.stringify(input);
  return recordCall('dynamodb', operation, async () => {
    for (let n = 1; ; n += 1) {
      try {
        return await attempt(operation, body);
      } catch (error) {
        if (n >= callBudgets.dynamodb.maxAttempts || !shouldRetry(error)) throw error;
        await new Promise((r) => setTimeout(r, Math.random() * 100 * 2 ** n));
      }
    }
  });
}
