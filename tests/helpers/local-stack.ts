import { inject } from 'vitest';
import type { StackInfo } from './stack-process';

/** The running local stack of this test run, with a few conveniences. */
export function stack(): StackInfo & {
  chimeEndpoint: string;
  mediaUrl: string;
  wsUrl: string;
  setClockOffset(offsetMs: number): Promise<void>;
} {
  const info = inject('stack');
  return {
    ...info,
    chimeEndpoint: `${info.url}/_chime`,
    mediaUrl: `${info.url.replace(/^http/, 'ws')}/_media`,
    wsUrl: `${info.url.replace(/^http/, 'ws')}/ws`,
    async setClockOffset(offsetMs: number) {
      const response = await fetch(`${info.url}/_local/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ offsetMs }),
      });
      if (!response.ok) throw new Error(`clock answered ${response.status}`);
    },
  };
}

/** Credentials the SDK needs for the local servers (which accept any). */
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };
