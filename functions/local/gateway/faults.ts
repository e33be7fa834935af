import type { IncomingMessage, ServerResponse } from 'node:http';

/** What the Chime stand-in does with each control-plane call while a fault is set. */
export type ChimeFault = 'none' | 'stall' | 'throttle';

export interface FaultTargets {
  /** Stops DynamoDB Local's process (SIGSTOP): it keeps its sockets and answers nothing. */
  stopDynamoDb(): void;
  /** Sets how Chime's control plane behaves from now on. */
  setChimeFault(fault: ChimeFault): void;
}

interface FaultRequest {
  chime?: ChimeFault;
}

/**
 * The request header that cuts one request off: `stop-dynamodb-before=TransactWriteItems`
 * stops DynamoDB just before that request's call of the operation is sent. Scoped to the
 * request, so nothing else in flight (a retry of an earlier request, a stream batch) can set
 * it off instead.
 */
export const faultHeader = 'x-local-fault';

const operations = /^[A-Z][A-Za-z]{2,40}$/;
const chimeFaults: readonly ChimeFault[] = ['none', 'stall', 'throttle'];

/**
 * Local mode only: the dependency failures tests need at an exact moment, on the real servers.
 * DynamoDB Local is really stopped, right before a chosen call of one request leaves its
 * handler (`x-local-fault`), so a test can cut a change off between its reads and its
 * transaction and see that nothing is half-written; Chime's stand-in really stops answering,
 * or throttles every call (`POST /_local/faults`). The test resumes DynamoDB itself (SIGCONT)
 * and clears the Chime fault with `chime: 'none'`.
 */
export function createFaults(targets: FaultTargets) {
  function parse(text: string): FaultRequest | string {
    let body: unknown;
    try {
      body = JSON.parse(text || '{}');
    } catch {
      return 'The body is not JSON.';
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      return 'The body must be an object.';
    const { chime } = body as Record<string, unknown>;
    if (!chimeFaults.includes(chime as ChimeFault))
      return `chime must be one of ${chimeFaults.join(', ')}.`;
    return { chime: chime as ChimeFault };
  }

  return {
    control(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify(payload));
      };
      if (req.method !== 'POST') {
        send(405, { error: { code: 'method.not_allowed', message: 'Use POST.' } });
        return;
      }
      const request = parse(body.toString('utf8'));
      if (typeof request === 'string') {
        send(400, { error: { code: 'validation.failed', message: request } });
        return;
      }
      if (request.chime) targets.setChimeFault(request.chime);
      send(200, { chime: request.chime });
    },
    /**
     * For a request carrying `x-local-fault`: the hook its call trace runs as each call is about
     * to leave, which stops DynamoDB once, before the named operation.
     */
    hookFor(req: IncomingMessage): ((service: string, operation: string) => void) | undefined {
      const header = req.headers[faultHeader];
      const operation = /^stop-dynamodb-before=(.+)$/.exec(String(header ?? ''))?.[1];
      if (!operation || !operations.test(operation)) return undefined;
      let fired = false;
      return (service, called) => {
        if (fired || service !== 'dynamodb' || called !== operation) return;
        fired = true;
        targets.stopDynamoDb();
      };
    },
  };
}
