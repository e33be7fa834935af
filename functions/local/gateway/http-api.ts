import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { RouteEntry } from '../../http/route-table';
import { sequentialDepth, type TracedCall, traceCalls } from '../../platform/call-trace';
import { httpHandlers, invoke, lambdaContext } from './lambdas';
import { matchRoute } from './route-matcher';

/** API Gateway's limit on an integration's time to answer. */
const integrationTimeoutMs = 30_000;

export interface HttpApiOptions {
  routes: readonly RouteEntry[];
  authorize: (
    authorization: string | undefined,
  ) => Promise<{ claims: Record<string, string>; scopes: string[] | null } | undefined>;
  /**
   * For a request, what to call as each AWS call of its handler is about to be sent (local
   * fault injection), if anything.
   */
  beforeCall?: (req: IncomingMessage) => ((service: string, operation: string) => void) | undefined;
}

/** Text bodies reach the Lambda as they are; anything else base64-encoded, as API Gateway does. */
function isTextual(contentType: string | undefined): boolean {
  if (!contentType) return true;
  return /^text\/|json|xml|javascript|x-www-form-urlencoded/i.test(contentType);
}

function formatRequestTime(date: Date): string {
  const months = [
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec',
  ];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

/** Builds the payload format 2.0 event API Gateway sends to a Lambda integration. */
export function buildHttpEvent(
  req: IncomingMessage,
  body: Buffer,
  routeKey: string,
  pathParameters: Record<string, string> | undefined,
  jwt: { claims: Record<string, string>; scopes: string[] | null } | undefined,
): APIGatewayProxyEventV2 {
  const url = new URL(req.url ?? '/', 'http://gateway');
  const rawQueryString = (req.url ?? '').includes('?')
    ? (req.url ?? '').slice((req.url ?? '').indexOf('?') + 1)
    : '';
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = (req.rawHeaders[i] ?? '').toLowerCase();
    const value = req.rawHeaders[i + 1] ?? '';
    if (name === 'cookie') {
      cookies = [...(cookies ?? []), ...value.split(/;\s*/).filter(Boolean)];
      continue;
    }
    headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
  }
  const sourceIp = req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1';
  headers['x-forwarded-for'] ??= sourceIp;
  // What CloudFront's viewer-request function does for /api/*: the viewer's address, set by
  // the edge itself, whatever the client sent (infra/stacks/web-edge.ts, clientAddressFunction).
  headers['x-televisit-client'] = sourceIp;
  headers['x-forwarded-port'] ??= String(req.socket.localPort ?? '');
  headers['x-forwarded-proto'] ??= 'http';
  const requestId = randomUUID();
  headers['x-amzn-trace-id'] ??=
    `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${requestId.replaceAll('-', '').slice(0, 24)}`;
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams)
    query[key] = query[key] === undefined ? value : `${query[key]},${value}`;
  const textual = isTextual(headers['content-type']);
  const now = new Date();
  const domainName = headers.host ?? 'localhost';
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString,
    ...(cookies ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(pathParameters ? { pathParameters } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'local',
      ...(jwt ? { authorizer: { jwt } } : {}),
      domainName,
      domainPrefix: domainName.split('.')[0] ?? domainName,
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey,
      stage: '$default',
      time: formatRequestTime(now),
      timeEpoch: now.getTime(),
    },
    isBase64Encoded: body.length > 0 && !textual,
    ...(body.length > 0 ? { body: textual ? body.toString('utf8') : body.toString('base64') } : {}),
  } as APIGatewayProxyEventV2;
  return event;
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'application/json', ...extra });
  res.end(JSON.stringify(body));
}

/** Writes a Lambda's result back as API Gateway would (structured or inferred format). */
export function writeResult(
  res: ServerResponse,
  result: unknown,
  extra: Record<string, string> = {},
): void {
  if (typeof result !== 'object' || result === null || !('statusCode' in result)) {
    sendJson(res, 200, result, extra);
    return;
  }
  const r = result as APIGatewayProxyStructuredResultV2;
  const headers: Record<string, string | string[]> = { ...extra };
  for (const [k, v] of Object.entries(r.headers ?? {})) headers[k] = String(v);
  if (r.cookies && r.cookies.length > 0) headers['set-cookie'] = r.cookies;
  res.writeHead(r.statusCode ?? 200, headers);
  res.end(
    r.body === undefined ? undefined : r.isBase64Encoded ? Buffer.from(r.body, 'base64') : r.body,
  );
}

/** The HTTP API: route, authorize, invoke the real handler, answer. */
export function createHttpApi(options: HttpApiOptions) {
  return { handle: handleWith(options), echo: echoWith(options) };
}

/**
 * Local mode only: answers with the event a Lambda would receive for this request, built and
 * authorized by the same code as every API route, so tests can compare it with AWS's format.
 * `/_local/echo/public/{item}` needs no token; `/_local/echo/private/{item}` needs a valid one.
 */
function echoWith(options: HttpApiOptions) {
  return async function echo(
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
  ): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://gateway').pathname;
    const match = /^\/_local\/echo\/(public|private)\/([^/]+)$/.exec(path);
    if (!match?.[1] || !match[2]) return sendJson(res, 404, { message: 'Not Found' });
    let jwt: Awaited<ReturnType<HttpApiOptions['authorize']>>;
    if (match[1] === 'private') {
      jwt = await options.authorize(req.headers.authorization);
      if (!jwt)
        return sendJson(res, 401, { message: 'Unauthorized' }, { 'www-authenticate': 'Bearer' });
    }
    const params = { scope: match[1], item: decodeURIComponent(match[2]) };
    sendJson(
      res,
      200,
      buildHttpEvent(req, body, `${req.method} /_local/echo/{scope}/{item}`, params, jwt),
    );
  };
}

/**
 * Local mode only: how many AWS calls the handler made for this request, and how many of them
 * had to wait for another (see platform/call-trace.ts). The benchmark reads it; AWS has no such
 * header (X-Ray shows the same there).
 */
export const awsCallsHeader = 'x-local-aws-calls';

function describeCalls(calls: readonly TracedCall[]): string {
  const ordered = [...calls].sort((a, b) => a.start - b.start);
  return JSON.stringify({
    total: calls.length,
    sequential: sequentialDepth(calls),
    calls: ordered.map((c) => `${c.service}.${c.operation}`),
  });
}

function handleWith(options: HttpApiOptions) {
  return async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
  ): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://gateway').pathname;
    const match = matchRoute(options.routes, req.method ?? 'GET', path);
    let jwt: Awaited<ReturnType<HttpApiOptions['authorize']>>;
    if (match?.route.access.kind === 'roles') {
      jwt = await options.authorize(req.headers.authorization);
      if (!jwt) {
        sendJson(res, 401, { message: 'Unauthorized' }, { 'www-authenticate': 'Bearer' });
        return;
      }
    }
    // Unmatched requests go to the $default route, which the platform function serves.
    const context = match?.route.context ?? 'platform';
    const routeKey = match ? `${match.route.method} ${match.route.path}` : '$default';
    const event = buildHttpEvent(req, body, routeKey, match?.params, jwt);
    try {
      const { handler } = await httpHandlers[context]();
      const { result, calls } = await traceCalls(
        () =>
          invoke(
            () =>
              handler(
                event,
                lambdaContext(context, event.requestContext.requestId, integrationTimeoutMs),
              ),
            integrationTimeoutMs,
          ),
        options.beforeCall?.(req),
      );
      writeResult(res, result, { [awsCallsHeader]: describeCalls(calls) });
    } catch (error) {
      const timedOut = error instanceof Error && error.message === 'Task timed out';
      console.error(`[gateway] ${context} ${timedOut ? 'timed out' : 'failed'}:`, error);
      sendJson(res, timedOut ? 503 : 500, {
        message: timedOut ? 'Service Unavailable' : 'Internal Server Error',
      });
    }
  };
}
