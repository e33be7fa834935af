import { loadChoice } from '$lib/media/devices';
import { type MediaSession, openMediaSession } from '$lib/media/media-session';
import type { CallView as LineCall } from '../../../../functions/local/phone/call-view';

const numberKey = 'televisit.softphone.number';

async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`/_local/phone${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const answer = (await response.json()) as T & { error?: { message: string } };
  if (!response.ok)
    throw new Error(answer.error?.message ?? `The phone answered ${response.status}`);
  return answer;
}

/**
 * A telephone on the local phone network (one machine only): it dials the clinic or rings
 * when the clinic calls its number, shows (and, where the browser can, speaks) what the line
 * says, sends keys, and once the call is in the visit carries its sound: the line's leg into
 * the meeting joins the local mesh as an audio-only attendee with this page's microphone. A
 * caller who waits hears no sound from the visit: their leg is in no meeting until admitted.
 */
export class Softphone {
  number = $state(readNumber());
  call = $state<LineCall | null>(null);
  /** A call from the clinic that rings this phone now. */
  incoming = $state<LineCall | null>(null);
  /** The visit's sound is connected (two-way). */
  audio = $state<'off' | 'connecting' | 'on'>('off');
  error = $state<string | null>(null);
  #session: MediaSession | null = null;
  #opening = false;
  #spoken = 0;
  #timer: ReturnType<typeof setInterval> | undefined;

  start(): () => void {
    this.#timer = setInterval(() => void this.#poll(), 300);
    return () => {
      clearInterval(this.#timer);
      void this.#session?.leave();
    };
  }

  setNumber(value: string): void {
    this.number = value.trim();
    localStorage.setItem(numberKey, this.number);
  }

  async dial(to: string): Promise<void> {
    await this.#try(async () => {
      const { transactionId } = await control<{ transactionId: string }>('POST', '/calls', {
        from: this.number,
        to,
      });
      this.#follow(transactionId);
    });
  }

  async answer(): Promise<void> {
    const ringing = this.incoming;
    if (!ringing) return;
    await this.#try(async () => {
      await control('POST', `/calls/${ringing.transactionId}/answer`);
      this.incoming = null;
      this.#follow(ringing.transactionId);
    });
  }

  async decline(): Promise<void> {
    const ringing = this.incoming;
    if (!ringing) return;
    this.incoming = null;
    await this.#try(() => control('POST', `/calls/${ringing.transactionId}/decline`));
  }

  async press(keys: string): Promise<void> {
    const call = this.call;
    if (!call || call.state === 'ended') return;
    await this.#try(() => control('POST', `/calls/${call.transactionId}/keys`, { keys }));
  }

  async hangUp(): Promise<void> {
    const call = this.call;
    if (!call || call.state === 'ended') return;
    await this.#try(() => control('POST', `/calls/${call.transactionId}/hangup`));
  }

  #follow(transactionId: string): void {
    this.#spoken = 0;
    this.call = {
      transactionId,
      direction: 'out',
      from: this.number,
      to: '',
      state: 'in-progress',
      heard: [],
      listening: false,
      inMeeting: false,
      muted: false,
    };
  }

  async #poll(): Promise<void> {
    try {
      const current = this.call;
      if (current && current.state !== 'ended') {
        const view = await control<LineCall>('GET', `/calls/${current.transactionId}`);
        if (this.call?.transactionId !== view.transactionId) return;
        this.call = view;
        this.#speak(view.heard);
        await this.#media(view);
      } else if (/^\+[1-9]\d{1,14}$/.test(this.number)) {
        const { calls } = await control<{ calls: LineCall[] }>(
          'GET',
          `/calls?to=${encodeURIComponent(this.number)}`,
        );
        this.incoming = calls.find((c) => c.state === 'ringing') ?? null;
      }
    } catch {
      // The local stack restarting: the next look tries again.
    }
  }

  /** Joins the visit's sound while the line's leg is in the meeting, and leaves it after. */
  async #media(view: LineCall): Promise<void> {
    const inVisit = view.state !== 'ended' && view.inMeeting && view.media !== undefined;
    if (!inVisit) {
      if (this.#session) {
        const session = this.#session;
        this.#session = null;
        this.audio = 'off';
        await session.leave();
      }
      return;
    }
    if (this.#session) {
      // The provider muted or unmuted this caller (ModifyChimeMeetingAttendees on the line).
      await this.#session.setMicrophone(!view.muted);
      return;
    }
    const media = view.media;
    if (!media || this.#opening) return;
    this.#opening = true;
    this.audio = 'connecting';
    const opened = await openMediaSession(
      {
        Meeting: {
          MeetingId: view.meetingId,
          MediaPlacement: { SignalingUrl: media.signalingUrl },
        },
        Attendee: { AttendeeId: view.attendeeId, JoinToken: media.joinToken },
      },
      {
        choice: loadChoice(),
        microphone: !view.muted,
        camera: false,
        listener: {
          remotes: () => undefined,
          connection: (state) => {
            if (this.#session === opened && state === 'connected') this.audio = 'on';
          },
          ended: () => {
            if (this.#session === opened) this.#session = null;
            this.audio = 'off';
          },
        },
      },
    );
    this.#session = opened;
    this.#opening = false;
    await opened.start();
  }

  /** Says each new prompt aloud where the browser can (the page shows them all as text). */
  #speak(heard: string[]): void {
    const fresh = heard.slice(this.#spoken);
    this.#spoken = heard.length;
    if (typeof speechSynthesis === 'undefined') return;
    for (const line of fresh) speechSynthesis.speak(new SpeechSynthesisUtterance(line));
  }

  async #try(action: () => Promise<unknown>): Promise<void> {
    this.error = null;
    try {
      await action();
    } catch (error) {
      this.error = (error as Error).message;
    }
  }
}

function readNumber(): string {
  try {
    return localStorage.getItem(numberKey) ?? '+12025550199';
  } catch {
    return '+12025550199';
  }
}
