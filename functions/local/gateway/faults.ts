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
  /** Stop DynamoDB just before the next request's call of this operation is sent (once). */
  stopDynamoDbBefore?: string;
  chime?: ChimeFault;
}

const operations = /^[A-Z][A-Za-z]{2,40}$/;
const chimeFaults: readonly ChimeFault[] = ['none', 'stall', 'throttle'];

/**
 * Local mode only (`POST /_local/faults`): the dependency failures tests need at an exact moment,
 * on the real servers. DynamoDB Local is really stopped, right before a chosen call leaves a
 * handler (so a test can cut a change off between its reads and its transaction and see that
 * nothing is half-written); Chime's stand-in really stops answering, or throttles every call.
 * The test resumes DynamoDB itself (SIGCONT) and clears the Chime fault with `chime: 'none'`.
 */
export function createFaults(targets: FaultTargets) {
  let stopBefore: string | undefined;

  function parse(text: string): FaultRequest | string {
    let body: unknown;
    try {
      body = JSON.parse(text || '{}');
    } catch {
      return 'The body is not JSON.';
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      return 'The body must be an object.';
    const { stopDynamoDbBefore, chime } = body as Record<string, unknown>;
    if (
      stopDynamoDbBefore !== undefined &&
      (typeof stopDynamoDbBefore !== 'string' || !operations.test(stopDynamoDbBefore))
    )
      return 'stopDynamoDbBefore must name a DynamoDB operation, e.g. TransactWriteItems.';
    if (chime !== undefined && !chimeFaults.includes(chime as ChimeFault))
      return `chime must be one of ${chimeFaults.join(', ')}.`;
    return {
      ...(stopDynamoDbBefore ? { stopDynamoDbBefore } : {}),
      ...(chime ? { chime: chime as ChimeFault } : {}),
    };
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
      if (request.stopDynamoDbBefore) stopBefore = request.stopDynamoDbBefore;
      if (request.chime) targets.setChimeFault(request.chime);
      send(200, { armed: { stopDynamoDbBefore: stopBefore ?? null } });
    },
    /** Given to each request's call trace: fires an armed stop as its call is about to leave. */
    beforeCall(service: string, operation: string): void {
      if (service !== 'dynamodb' || operation !== stopBefore) return;
      stopBefore = undefined;
      targets.stopDynamoDb();
    },
  };
}
