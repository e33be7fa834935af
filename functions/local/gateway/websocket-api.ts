import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { invoke, lambdaContext, realtimeHandler, websocketAuthorizer } from './lambdas';

interface LiveConnection {
  socket: WebSocket;
  connectedAt: Date;
  lastActiveAt: Date;
  sourceIp: string;
  userAgent: string;
  authorizer: Record<string, unknown>;
  /** Messages run one after another per connection, like a single $default route. */
  queue: Promise<void>;
}

const stage = '$default';
const timeoutMs = 29_000;

function requestContext(
  routeKey: string,
  eventType: 'CONNECT' | 'MESSAGE' | 'DISCONNECT',
  connectionId: string,
  conn: Pick<LiveConnection, 'connectedAt' | 'sourceIp' | 'userAgent'>,
  domainName: string,
) {
  const now = new Date();
  return {
    routeKey,
    eventType,
    messageId: eventType === 'MESSAGE' ? randomBytes(8).toString('base64') : undefined,
    extendedRequestId: randomUUID(),
    requestTime: now.toUTCString(),
    messageDirection: 'IN' as const,
    stage,
    connectedAt: conn.connectedAt.getTime(),
    requestTimeEpoch: now.getTime(),
    identity: { sourceIp: conn.sourceIp, userAgent: conn.userAgent },
    requestId: randomUUID(),
    domainName,
    connectionId,
    apiId: 'local',
  };
}

function singleAndMulti(entries: Iterable<[string, string]>) {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [k, v] of entries) {
    single[k] = v;
    multi[k] = [...(multi[k] ?? []), v];
  }
  return { single, multi };
}

function refuse(socket: Duplex, status: number, text: string) {
  socket.write(
    `HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${JSON.stringify({ message: text })}`,
  );
  socket.destroy();
}

/**
 * API Gateway's WebSocket API on one machine: $connect runs the Lambda authorizer and the
 * realtime handler, messages go to $default, closing to $disconnect; the @connections
 * management API (POST, GET, DELETE) answers as AWS does, 410 Gone for closed connections.
 */
export function createWebSocketApi() {
  const server = new WebSocketServer({ noServer: true, maxPayload: 128 * 1024 });
  const connections = new Map<string, LiveConnection>();

  async function callRealtime(
    event: unknown,
    requestId: string,
  ): Promise<{ statusCode?: number } | undefined> {
    const { handler } = await realtimeHandler();
    return invoke(() => handler(event, lambdaContext('realtime', requestId, timeoutMs)), timeoutMs);
  }

  async function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://gateway');
    const headers = singleAndMulti(
      Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]),
    );
    const query = singleAndMulti(url.searchParams.entries());
    const connectionId = randomBytes(12).toString('base64').replace(/\//g, '_');
    const domainName = req.headers.host ?? 'localhost';
    const info = {
      connectedAt: new Date(),
      sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
      userAgent: req.headers['user-agent'] ?? '',
    };
    const context = requestContext('$connect', 'CONNECT', connectionId, info, domainName);
    let authorizer: Record<string, unknown>;
    try {
      const { handler } = await websocketAuthorizer();
      const result = await invoke(
        () =>
          handler(
            {
              type: 'REQUEST',
              methodArn: `arn:aws:execute-api:us-east-1:123456789012:local/${stage}/$connect`,
              headers: headers.single,
              multiValueHeaders: headers.multi,
              queryStringParameters: query.single,
              multiValueQueryStringParameters: query.multi,
              stageVariables: {},
              requestContext: context,
            },
            lambdaContext('ws-authorizer', context.requestId, timeoutMs),
          ),
        timeoutMs,
      );
      const allowed = result?.policyDocument?.Statement?.every(
        (s: { Effect?: string }) => s.Effect === 'Allow',
      );
      if (!allowed) return refuse(socket, 403, 'Forbidden');
      authorizer = { principalId: result.principalId, ...(result.context ?? {}) };
    } catch {
      return refuse(socket, 401, 'Unauthorized');
    }
    try {
      const connect = await callRealtime(
        {
          headers: headers.single,
          multiValueHeaders: headers.multi,
          queryStringParameters: query.single,
          multiValueQueryStringParameters: query.multi,
          requestContext: { ...context, authorizer },
          isBase64Encoded: false,
        },
        context.requestId,
      );
      const status = connect?.statusCode ?? 200;
      if (status < 200 || status > 299) return refuse(socket, status, 'Forbidden');
    } catch (error) {
      console.error('[gateway] $connect failed:', error);
      return refuse(socket, 500, 'Internal Server Error');
    }
    server.handleUpgrade(req, socket, head, (ws) =>
      accept(ws, connectionId, info, authorizer, domainName),
    );
  }

  function accept(
    ws: WebSocket,
    connectionId: string,
    info: Pick<LiveConnection, 'connectedAt' | 'sourceIp' | 'userAgent'>,
    authorizer: Record<string, unknown>,
    domainName: string,
  ) {
    const live: LiveConnection = {
      ...info,
      socket: ws,
      lastActiveAt: new Date(),
      authorizer,
      queue: Promise.resolve(),
    };
    connections.set(connectionId, live);
    ws.on('message', (data, isBinary) => {
      live.lastActiveAt = new Date();
      const context = {
        ...requestContext('$default', 'MESSAGE', connectionId, live, domainName),
        authorizer,
      };
      const body = isBinary ? Buffer.from(data as Buffer).toString('base64') : data.toString();
      live.queue = live.queue
        .then(() =>
          callRealtime(
            { requestContext: context, body, isBase64Encoded: isBinary },
            context.requestId,
          ),
        )
        .then(() => undefined)
        .catch((error: unknown) => console.error('[gateway] $default failed:', error));
    });
    ws.on('close', (code, reason) => {
      connections.delete(connectionId);
      const context = {
        ...requestContext('$disconnect', 'DISCONNECT', connectionId, live, domainName),
        authorizer,
        disconnectStatusCode: code,
        disconnectReason: reason.toString(),
      };
      live.queue = live.queue
        .then(() =>
          callRealtime(
            { headers: {}, multiValueHeaders: {}, requestContext: context, isBase64Encoded: false },
            context.requestId,
          ),
        )
        .then(() => undefined)
        .catch((error: unknown) => console.error('[gateway] $disconnect failed:', error));
    });
  }

  /** The @connections management API; `path` is what follows the API's base path. */
  async function handleManagement(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    body: Buffer,
  ): Promise<void> {
    const id = /^\/@connections\/([^/?]+)/.exec(path)?.[1];
    const send = (status: number, payload?: unknown, errorType?: string) => {
      res.writeHead(status, {
        'content-type': 'application/json',
        ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
      });
      res.end(payload === undefined ? undefined : JSON.stringify(payload));
    };
    if (!id) return send(404, { message: 'Not Found' }, 'NotFoundException');
    const live = connections.get(decodeURIComponent(id));
    if (!live || live.socket.readyState !== live.socket.OPEN)
      return send(410, { message: 'Gone' }, 'GoneException');
    switch (req.method) {
      case 'POST':
        if (body.length > 128 * 1024)
          return send(413, { message: 'Payload too large' }, 'PayloadTooLargeException');
        live.socket.send(body.toString('utf8'));
        return send(200);
      case 'GET':
        return send(200, {
          connectedAt: live.connectedAt.toISOString(),
          identity: { sourceIp: live.sourceIp, userAgent: live.userAgent },
          lastActiveAt: live.lastActiveAt.toISOString(),
        });
      case 'DELETE':
        live.socket.close(1000, 'Closed by the server');
        return send(204);
      default:
        return send(403, { message: 'Forbidden' }, 'ForbiddenException');
    }
  }

  return {
    handleUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) =>
      void handleUpgrade(req, socket, head),
    handleManagement,
    close: () => {
      for (const live of connections.values()) live.socket.terminate();
      server.close();
    },
  };
}
