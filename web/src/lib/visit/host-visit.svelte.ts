import { messageOf } from '../api/errors';
import type { RealtimeSocket } from '../realtime/socket';
import { KnockAlert } from './knock-alert';
import { admitOutcome, waitingOf } from './presence';
import { reconcile, staffSocket } from './staff-socket';
import type { HostVisit, Participant } from './types';
import { hostApi } from './visit-api';

/** How long news may keep coming before the visit is read again. */
const newsSettleMs = 300;

/**
 * One visit as its provider runs it (the call page) or staff follow it (the visit details page):
 * the server's state, kept fresh over the WebSocket, and the provider's actions on it.
 */
export class HostVisitState {
  visit = $state<HostVisit | null>(null);
  error = $state<string | null>(null);
  /** The outcome of an action worth saying (someone stays waiting because the visit is full). */
  notice = $state<string | null>(null);
  busy = $state(false);
  live = $state(false);
  /** Callers on the phone this page has muted (their line cannot tell the page). */
  phoneMuted = $state<Record<string, boolean>>({});
  readonly waiting = $derived<Participant[]>(waitingOf(this.visit));
  readonly #alert = new KnockAlert();
  #socket: RealtimeSocket | null = null;
  #stopPolling: (() => void) | null = null;
  #ticket = 0;
  #reading: Promise<void> | null = null;
  #readAgain = false;
  #soon: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly visitId: string,
    private readonly options: { watch: boolean; ring: boolean },
  ) {}

  start(): () => void {
    this.#socket = staffSocket({
      onnews: (message) => {
        if (!message || ('visitId' in message && message.visitId === this.visitId))
          this.#refreshSoon();
      },
      onstatus: (live) => (this.live = live),
      watch: () => (this.options.watch ? [this.visitId] : []),
    });
    // A slow read even while live (a push can be lost), a quick one while the socket is down.
    this.#stopPolling = reconcile(
      () => this.live,
      () => void this.refresh(),
    );
    void this.refresh();
    return () => this.stop();
  }

  stop(): void {
    this.#socket?.stop();
    this.#stopPolling?.();
    clearTimeout(this.#soon);
  }

  /**
   * News comes in bursts (an Allow brings two or three pieces within a hundred milliseconds,
   * just as the newcomer's media is being negotiated on this page): one read once it settles.
   */
  #refreshSoon(): void {
    if (this.#soon !== undefined) return;
    this.#soon = setTimeout(() => {
      this.#soon = undefined;
      void this.refresh();
    }, newsSettleMs);
  }

  /**
   * Reads the visit; news arriving while a read is on its way asks for one more read after it,
   * not for a read beside it (an Allow brings two or three pieces of news within milliseconds).
   */
  refresh(): Promise<void> {
    if (this.#reading) {
      this.#readAgain = true;
      return this.#reading;
    }
    this.#reading = (async () => {
      do {
        this.#readAgain = false;
        await this.#read();
      } while (this.#readAgain);
    })().finally(() => {
      this.#reading = null;
    });
    return this.#reading;
  }

  async #read(): Promise<void> {
    const ticket = ++this.#ticket;
    try {
      const visit = await hostApi.get(this.visitId);
      if (ticket === this.#ticket) this.#show(visit);
    } catch (error) {
      if (ticket === this.#ticket) this.error = messageOf(error, 'The visit could not be loaded.');
    }
  }

  admit(participantIds: string[]): Promise<void> {
    return this.#act(async () => {
      const after = await hostApi.admit(this.visitId, participantIds);
      this.notice = admitOutcome(participantIds, after);
      return after;
    }, 'Could not let them in.');
  }

  admitAll(): Promise<void> {
    return this.admit(this.waiting.map((p) => p.participantId));
  }

  deny(participantId: string): Promise<void> {
    return this.#act(() => hostApi.deny(this.visitId, participantId), 'Could not deny.');
  }

  remove(participantId: string): Promise<void> {
    return this.#act(() => hostApi.remove(this.visitId, participantId), 'Could not remove them.');
  }

  /** Mutes or unmutes a caller on the phone, through their line. */
  async phoneMute(participantId: string, muted: boolean): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      await hostApi.phoneMute(this.visitId, participantId, muted);
      this.phoneMuted = { ...this.phoneMuted, [participantId]: muted };
    } catch (error) {
      this.error = messageOf(error, muted ? 'Could not mute them.' : 'Could not unmute them.');
    } finally {
      this.busy = false;
    }
  }

  end(): Promise<void> {
    return this.#act(() => hostApi.end(this.visitId), 'The visit could not be ended.');
  }

  /** How someone came (a phone caller's tile says so), by their participant id. */
  viaOf(participantId: string): Participant['via'] | undefined {
    return this.visit?.participants.find((p) => p.participantId === participantId)?.via;
  }

  /** The name behind a Chime external user id (which is the participant id). */
  nameOf(participantId: string): string | undefined {
    return this.visit?.participants.find((p) => p.participantId === participantId)?.name;
  }

  async #act(action: () => Promise<HostVisit>, fallback: string): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      ++this.#ticket; // an older read must not overwrite what the action answered
      this.#show(await action());
    } catch (error) {
      this.error = messageOf(error, fallback);
      void this.refresh();
    } finally {
      this.busy = false;
    }
  }

  #show(visit: HostVisit): void {
    this.visit = visit;
    this.error = null;
    if (this.options.ring && visit.status === 'open') this.#alert.update(waitingOf(visit));
    // A notice about people waiting for room is stale once none of them waits any more.
    if (this.notice && waitingOf(visit).length === 0) this.notice = null;
  }
}
