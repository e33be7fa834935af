import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { SESClient } from '@aws-sdk/client-ses';
import { webHeaders } from '../../../infra/schema/web-headers';
import { cognitoIssuer } from '../../adapters/cognito-jwt';
import { routeEntries } from '../../http/route-table';
import { clock } from '../../platform/clock';
import { phoneControls, voiceApi } from '../phone/http';
import type { PhoneNetwork } from '../phone/network';
import { createCognitoProxy } from './cognito-proxy';
import { type ChimeFault, createFaults } from './faults';
import { createHttpApi } from './http-api';
import { createJwtAuthorizer } from './jwt-authorizer';
import { readOutbox, renderOutbox } from './outbox';
import { createSendLog } from './send-log';
import { createStaticFiles } from './static-files';
import { createWebSocketApi } from './websocket-api';

/** What the gateway mounts for meetings and local media (functions/local/chime, /media). */
export interface MeetingsPlane {
  handle(req: IncomingMessage, res: ServerResponse, pathAndQuery: string): Promise<void>;
  handleMediaUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  setFault(fault: ChimeFault): void;
  close(): void;
}

export interface GatewayOptions {
  host: string;
  port: number;
  region: string;
  userPoolId: string;
  userPoolClientId: string;
  motoUrl: string;
  mailFrom: string;
  ses: SESClient;
  webRoot: string;
  /** Public settings for the web app, served as /config.json. */
  webConfig: Record<string, unknown>;
  meetings: MeetingsPlane;
  /** The phone network and the clinic's SIP media application (functions/local/phone). */
  phone: PhoneNetwork;
  /** Stops DynamoDB Local's process, for `POST /_local/faults` (see faults.ts). */
  stopDynamoDb: () => void;
  /** Runs the scheduled reminders sweep now (`POST /_local/scheduler/run`). */
  runScheduled?: () => Promise<unknown>;
}

/** Largest body the gateway reads: API Gateway's payload limit. */
const maxBodyBytes = 10 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        reject(new Error('Request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * The local gateway: one Node process that stands in for API Gateway (HTTP and WebSocket),
 * the Chime control plane, CloudFront (static app and config.json) and, in local mode only,
 * shows the outbox and lets tests move the clock and inject faults.
 */
export async function startGateway(
  options: GatewayOptions,
): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const authorize = createJwtAuthorizer({
    issuer: cognitoIssuer(options.region, options.userPoolId),
    jwksUrl: `${options.motoUrl}/${options.userPoolId}/.well-known/jwks.json`,
    clientIds: [options.userPoolClientId],
    tokenUse: 'any',
  });
  const faults = createFaults({
    stopDynamoDb: options.stopDynamoDb,
    setChimeFault: (fault) => options.meetings.setFault(fault),
  });
  const httpApi = createHttpApi({
    routes: routeEntries(),
    authorize,
    beforeCall: (req) => faults.hookFor(req),
  });
  const websocketApi = createWebSocketApi();
  const cognito = createCognitoProxy({
    motoUrl: options.motoUrl,
    ses: options.ses,
    mailFrom: options.mailFrom,
  });
  const staticFiles = createStaticFiles(options.webRoot);
  const voice = voiceApi(options.phone);
  const phone = phoneControls(options.phone);
  const sendLog = createSendLog(options.motoUrl);

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://gateway');
    const path = url.pathname;
    // CloudFront's response headers, as its behaviors add them (infra/stacks/web-edge.ts):
    // the app and the WebSocket are on this origin locally, so 'self' covers them.
    const kind = path.startsWith('/api/')
      ? 'api'
      : path.startsWith('/_app/immutable/')
        ? 'immutable'
        : 'appShell';
    for (const [name, value] of Object.entries(webHeaders(kind))) res.setHeader(name, value);
    if (path.startsWith('/api/')) return httpApi.handle(req, res, await readBody(req));
    if (path.startsWith('/_local/echo/')) return httpApi.echo(req, res, await readBody(req));
    if (path.startsWith('/ws/@connections/')) {
      return websocketApi.handleManagement(req, res, path.slice('/ws'.length), await readBody(req));
    }
    if (path.startsWith('/_chime/'))
      return options.meetings.handle(req, res, (req.url ?? '').slice('/_chime'.length));
    if (path.startsWith('/_voice/'))
      return voice(req, res, path.slice('/_voice'.length), await readBody(req));
    if (path.startsWith('/_local/phone/'))
      return phone(req, res, (req.url ?? '').slice('/_local/phone'.length), await readBody(req));
    if (path === '/_send' || path.startsWith('/_send/'))
      return sendLog.forward(req, res, (req.url ?? '').slice('/_send'.length), await readBody(req));
    if (path === '/_cognito' && req.method === 'POST')
      return cognito(req, res, await readBody(req));
    if (path === '/_local/clock') return clockControl(req, res);
    if (path === '/_local/scheduler/run' && req.method === 'POST' && options.runScheduled)
      return json(res, 200, await options.runScheduled());
    if (path === '/_local/faults') return faults.control(req, res, await readBody(req));
    if (path === '/_outbox') {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.end(renderOutbox(await readOutbox(options.motoUrl, sendLog.sentTime)));
      return;
    }
    if (path === '/_outbox.json')
      return json(res, 200, await readOutbox(options.motoUrl, sendLog.sentTime));
    if (path === '/config.json') return json(res, 200, options.webConfig);
    return staticFiles(req, res);
  }

  async function clockControl(req: IncomingMessage, res: ServerResponse) {
    if (req.method === 'POST') {
      let body: { offsetMs?: unknown } = {};
      try {
        body = JSON.parse((await readBody(req)).toString('utf8') || '{}') ?? {};
      } catch {
        // Not JSON: answered below like any other body without a number.
      }
      if (typeof body.offsetMs !== 'number' || !Number.isFinite(body.offsetMs)) {
        return json(res, 400, {
          error: {
            code: 'validation.failed',
            message: 'offsetMs must be a number',
            fields: { offsetMs: 'must be a number' },
          },
        });
      }
      clock.setOffsetMs(body.offsetMs);
    }
    return json(res, 200, { now: clock.now().toISOString(), offsetMs: clock.offsetMs() });
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      console.error('[gateway] request failed:', error);
      if (!res.headersSent) json(res, 500, { message: 'Internal Server Error' });
      else res.end();
    });
  });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://gateway').pathname;
    if (path === '/ws') websocketApi.handleUpgrade(req, socket, head);
    else if (path === '/_media') options.meetings.handleMediaUpgrade(req, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  const url = `http://${options.host}:${options.port}`;
  return {
    server,
    url,
    async close() {
      websocketApi.close();
      options.meetings.close();
      options.phone.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
