import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { logger } from '../../platform/logger';
import type { ChimeFault } from '../gateway/faults';
import { badRequest, ChimeServiceError, sendChimeError, throttled } from './errors';
import { type MeetingStateChange, MeetingStore } from './meeting-store';
import { TokenBucket } from './rate-limiter';
import { route } from './router';
import { parseJsonBody } from './validation';
import type { WireContext } from './wire';

export interface ChimeMeetingsEmulatorOptions {
  /** Epoch milliseconds; the local stack's movable clock, so tests can let meetings expire. */
  now: () => number;
  /** Control-plane Region, shown in MeetingArn. */
  region: string;
  /** Base URL of the local media signalling, e.g. `ws://127.0.0.1:3000/_media`. */
  mediaUrl: string;
  /** Account id in MeetingArn; defaults to moto's 123456789012 like the rest of the stack. */
  accountId?: string;
}

/** Events the media layer listens to, to close the sockets of whoever lost access. */
export interface ChimeMeetingsEvents {
  attendeeDeleted: [meetingId: string, attendeeId: string];
  meetingEnded: [meetingId: string];
  /** Joins, leaves, deletions and ends, as Chime publishes them to EventBridge. */
  stateChange: [change: MeetingStateChange];
}

/** The attendee a JoinToken admits. */
export interface JoinTokenHolder {
  meetingId: string;
  attendeeId: string;
  externalUserId: string;
}

/** Chime's documented API rate: 10 requests/s sustained, bursts of 20. */
const rate = { capacity: 20, perSecond: 10 };
/** Well above any request Chime accepts (100 attendees in a batch is ~20 KB). */
const maxBodyBytes = 1024 * 1024;

/**
 * A local stand-in for the Amazon Chime SDK meetings control plane. The real
 * `@aws-sdk/client-chime-sdk-meetings` client works against it with only `endpoint` changed.
 *
 * @example
 * const chime = new ChimeMeetingsEmulator({ now: clock.nowMs, region: 'us-east-1', mediaUrl: 'ws://127.0.0.1:3000/_media' });
 * // in the gateway's request listener, for URLs under /_chime:
 * await chime.handle(req, res, req.url.slice('/_chime'.length));
 * setInterval(() => chime.sweep(), 5_000).unref();
 * chime.on('meetingEnded', (meetingId) => closeSocketsOf(meetingId));
 */
export class ChimeMeetingsEmulator extends EventEmitter<ChimeMeetingsEvents> {
  private readonly store: MeetingStore;
  private readonly bucket: TokenBucket;
  private readonly wire: WireContext;
  private fault: ChimeFault = 'none';
  /** Calls held while the control plane stalls: dropped when the stall ends. */
  private readonly held = new Set<ServerResponse>();

  constructor(options: ChimeMeetingsEmulatorOptions) {
    super();
    this.wire = {
      region: options.region,
      accountId: options.accountId ?? '123456789012',
      mediaUrl: options.mediaUrl,
    };
    this.bucket = new TokenBucket({ ...rate, now: options.now });
    this.store = new MeetingStore({
      now: options.now,
      events: {
        attendeeDeleted: (meetingId, attendeeId) =>
          this.emit('attendeeDeleted', meetingId, attendeeId),
        meetingEnded: (meetingId) => this.emit('meetingEnded', meetingId),
        stateChange: (change) => this.emit('stateChange', change),
      },
    });
  }

  /**
   * Serves one API request. `pathAndQuery` is the URL with the mount prefix removed, e.g.
   * `/meetings/<id>/attendees?operation=batch-create`. Always answers; never throws.
   */
  async handle(req: IncomingMessage, res: ServerResponse, pathAndQuery: string): Promise<void> {
    const requestId = randomUUID();
    try {
      const text = await readBody(req);
      if (this.fault === 'stall') {
        // Accepted and never answered, as when Chime stalls: the caller's timeout decides.
        this.held.add(res);
        res.on('close', () => this.held.delete(res));
        return;
      }
      if (this.fault === 'throttle') throw throttled();
      // Every call counts, whatever it is and whether it succeeds, as with Chime's limit.
      if (!this.bucket.tryTake()) throw throttled();
      const body = parseJsonBody(text);
      const result = route(req.method ?? 'GET', pathAndQuery, body, this.store, this.wire);
      const payload = result.body === undefined ? '' : JSON.stringify(result.body);
      res.writeHead(result.status, {
        ...(payload ? { 'content-type': 'application/json' } : {}),
        'content-length': Buffer.byteLength(payload),
        'x-amzn-requestid': requestId,
      });
      res.end(payload);
    } catch (error) {
      this.fail(res, error, requestId);
    }
  }

  /** Sets a failure for tests (POST /_local/faults): 'none' ends it and drops held calls. */
  setFault(fault: ChimeFault): void {
    this.fault = fault;
    if (fault === 'stall') return;
    for (const res of this.held) res.destroy();
    this.held.clear();
  }

  /** The media layer reports that an attendee's connection opened. False if it may not join. */
  attendeeConnected(meetingId: string, attendeeId: string): boolean {
    return this.store.connect(meetingId, attendeeId);
  }

  /** The media layer reports that an attendee's connection closed. */
  attendeeDisconnected(meetingId: string, attendeeId: string): void {
    this.store.disconnect(meetingId, attendeeId);
  }

  /** Who a JoinToken admits; undefined once the attendee is deleted or the meeting has ended. */
  attendeeForJoinToken(joinToken: string): JoinTokenHolder | undefined {
    const found = this.store.findByJoinToken(joinToken);
    if (!found) return undefined;
    return {
      meetingId: found.meeting.meetingId,
      attendeeId: found.attendee.attendeeId,
      externalUserId: found.attendee.externalUserId,
    };
  }

  /**
   * Ends the meetings whose time is up (idle 5 minutes, or 24 hours old) and fires
   * `meetingEnded` for each. Every API call does this too; the gateway calls it every few
   * seconds so that sockets close even when nobody calls the API.
   */
  sweep(): void {
    this.store.sweep();
  }

  private fail(res: ServerResponse, error: unknown, requestId: string): void {
    let known: ChimeServiceError;
    if (error instanceof ChimeServiceError) {
      known = error;
    } else {
      logger.error('Local Chime emulator failed', { requestId, error });
      known = new ChimeServiceError(
        'ServiceFailureException',
        'The service encountered an unexpected error.',
      );
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendChimeError(res, known, requestId);
  }
}

/** Reads the request body as text, refusing more than `maxBodyBytes`. */
async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    // Keep draining so the connection stays usable, but stop keeping what we will refuse.
    if (size <= maxBodyBytes) chunks.push(buffer);
  }
  if (size > maxBodyBytes) throw badRequest('The request body is too large.');
  return Buffer.concat(chunks).toString('utf8');
}
