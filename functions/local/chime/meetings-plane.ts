import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { clock } from '../../platform/clock';
import type { ChimeFault } from '../gateway/faults';
import { createMediaSignalling, type MediaSignallingOptions } from '../media/signalling';
import { ChimeMeetingsEmulator } from './emulator';
import type { MeetingStateChange } from './meeting-store';

export interface MeetingsPlaneOptions extends MediaSignallingOptions {
  region: string;
  /** Where the gateway serves media upgrades, e.g. `ws://127.0.0.1:3000/_media`. */
  mediaUrl: string;
  /** Defaults to the project clock, which POST /_local/clock moves. */
  now?: () => number;
  /** How often meetings past their end are ended without waiting for an API call. */
  sweepEveryMs?: number;
  /** Where Chime's meeting events go (EventBridge in AWS): the meeting-events handler. */
  onStateChange?: (change: MeetingStateChange) => void;
}

/** The Chime control plane and the media signalling, wired together as the gateway mounts them. */
export interface MeetingsPlane {
  emulator: ChimeMeetingsEmulator;
  /** For requests under `/_chime`; `pathAndQuery` is the URL with `/_chime` removed. */
  handle(req: IncomingMessage, res: ServerResponse, pathAndQuery: string): Promise<void>;
  /** For WebSocket upgrades on the media path (`/_media`). */
  handleMediaUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** A failure of the control plane a test sets: every call stalls, or is throttled. */
  setFault(fault: ChimeFault): void;
  close(): void;
}

/**
 * Builds both halves and the sweep timer.
 *
 * @example
 * const meetings = createMeetingsPlane({ region: 'us-east-1', mediaUrl: 'ws://127.0.0.1:3000/_media' });
 */
export function createMeetingsPlane(options: MeetingsPlaneOptions): MeetingsPlane {
  const emulator = new ChimeMeetingsEmulator({
    now: options.now ?? clock.nowMs,
    region: options.region,
    mediaUrl: options.mediaUrl,
  });
  const signalling = createMediaSignalling(
    emulator,
    options.heartbeatMs === undefined ? {} : { heartbeatMs: options.heartbeatMs },
  );
  if (options.onStateChange) emulator.on('stateChange', options.onStateChange);
  const sweeper = setInterval(() => emulator.sweep(), options.sweepEveryMs ?? 2_000);
  sweeper.unref();
  return {
    emulator,
    handle: (req, res, pathAndQuery) => emulator.handle(req, res, pathAndQuery),
    handleMediaUpgrade: (req, socket, head) => signalling.handleUpgrade(req, socket, head),
    setFault: (fault) => emulator.setFault(fault),
    close() {
      clearInterval(sweeper);
      signalling.close();
    },
  };
}
