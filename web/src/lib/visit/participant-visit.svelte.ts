import { participantMessages } from '../../../../functions/visits/messages';
import { ApiError } from '../api/client';
import { messageOf } from '../api/errors';
import { session } from '../auth/session.svelte';
import { RealtimeSocket } from '../realtime/socket';
import type { StoredPlace } from './participant-token';
import type { JoinInfo, ParticipantVisit, VisitMessage } from './types';
import { participantApi } from './visit-api';

/** Why someone is no longer in the waiting room or the call. */
export type OverReason = 'denied' | 'removed' | 'left' | 'lost' | 'ended' | 'replaced' | 'invalid';

export type ParticipantPhase =
  | { kind: 'loading' }
  | { kind: 'waiting' }
  | { kind: 'joining' }
  | { kind: 'call'; joinInfo: JoinInfo }
  | { kind: 'over'; reason: OverReason; message: string };

const overMessages: Record<OverReason, string> = {
  denied: participantMessages.denied,
  removed: participantMessages.removed,
  left: participantMessages.left,
  // Not their doing: the page was away too long (network, sleep); it knocks again by itself.
  lost: 'Your connection dropped for a while. Putting you back in the waiting room…',
  ended: participantMessages.ended,
  replaced: 'You joined this visit from another tab or device, so it stopped here.',
  invalid:
    'This page no longer opens the visit. Open your link again (or Join from your portal) to come back.',
};

/** How often the page reads its place while its socket is live, and while it is down. */
const reconcileMs = { live: 15_000, down: 4_000 };

/**
 * A guest's, client's or contact's place in a visit: waiting, joining, in the call, or over.
 * The server's view (`GET /me`) is the truth; WebSocket events are hints to read it, except
 * `admitted`, which usually carries the person's own join information so the call starts at
 * once. The page also reads its place on a slow timer while the socket is up (a push can be
 * lost), every few seconds while it is down, and at once when the socket comes back, the tab
 * becomes visible again or the network returns: an admitted person always reaches the call.
 */
export class ParticipantVisitState {
  view = $state<ParticipantVisit | null>(null);
  phase = $state<ParticipantPhase>({ kind: 'loading' });
  /** Said while waiting, e.g. that the visit is full for now. */
  notice = $state<string | null>(null);
  error = $state<string | null>(null);
  live = $state(false);
  #socket: RealtimeSocket | null = null;
  #poll: ReturnType<typeof setTimeout> | undefined;
  #joining = false;
  /** This page pressed Leave: a `left` from the server is then theirs, not a lost connection. */
  #leftByUs = false;
  /** The meeting whose join failed (Chime ended it): the next join asks for its successor. */
  #failedMeetingId: string | undefined;
  readonly #wake = () => {
    if (document.visibilityState === 'visible' && !this.#final) void this.refresh();
  };

  constructor(
    readonly visitId: string,
    readonly place: StoredPlace,
  ) {}

  start(): () => void {
    this.#socket = new RealtimeSocket({
      // Portal people hear their news as themselves; guests by their participant token.
      credential: async () => {
        if ('portal' in this.place.via) {
          const token = await session.accessToken();
          return token ? { token } : null;
        }
        return { participant: this.place.participantToken };
      },
      onopen: () => void this.refresh(),
      onstatus: (live) => (this.live = live),
      onmessage: (message) => {
        if (message.type === 'watching' || message.type === 'unwatching') return;
        if (!('visitId' in message)) return;
        if (message.visitId === this.visitId) this.#hear(message);
      },
    }).start();
    this.#schedule();
    document.addEventListener('visibilitychange', this.#wake);
    window.addEventListener('online', this.#wake);
    void this.refresh();
    return () => this.stop();
  }

  stop(): void {
    this.#socket?.stop();
    clearTimeout(this.#poll);
    document.removeEventListener('visibilitychange', this.#wake);
    window.removeEventListener('online', this.#wake);
  }

  #schedule(): void {
    clearTimeout(this.#poll);
    this.#poll = setTimeout(
      () => {
        if (this.#final) return;
        void this.refresh();
        this.#schedule();
      },
      this.live ? reconcileMs.live : reconcileMs.down,
    );
  }

  async refresh(): Promise<void> {
    try {
      this.#apply(await participantApi.me(this.visitId, this.place.participantToken));
      this.error = null;
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 404))
        return this.#over('invalid');
      if (error instanceof ApiError && error.status === 410) return this.#over('ended');
      this.error = messageOf(error, 'The visit could not be reached. Trying again…');
    }
  }

  /** Leave the waiting room or the call (the visit goes on for the others). */
  async leave(): Promise<void> {
    this.#leftByUs = true;
    try {
      this.view = await participantApi.leave(this.visitId, this.place.participantToken);
    } catch {
      // Leaving is also done by closing the page: the meeting notices the media going.
    }
    this.#over('left');
  }

  /** The media stopped by itself: the server's state says why (removed, ended…). */
  mediaEnded(reason: 'removed' | 'ended' | 'replaced' | 'rejected' | 'failed'): void {
    if (this.phase.kind === 'over') return;
    if (reason === 'replaced') {
      this.#over(reason);
      return;
    }
    // Anything else: ask the server. A meeting can end while the visit goes on (Chime ends
    // one nobody used for 5 minutes); admitted still means "connect again", to its successor,
    // which the server makes once it has checked that this one is gone.
    if (this.phase.kind === 'call' && reason !== 'removed')
      this.#failedMeetingId = String(this.phase.joinInfo.Meeting.MeetingId ?? '') || undefined;
    this.phase = { kind: 'joining' };
    void this.refresh();
  }

  #hear(message: VisitMessage): void {
    switch (message.type) {
      case 'admitted':
        // After being removed or leaving, a new place comes only from knocking again.
        if (this.phase.kind === 'call' || this.phase.kind === 'over') return;
        this.notice = null;
        // Who is in the call comes along, so the tiles are named without asking first.
        if (message.people && this.view) this.view = { ...this.view, people: message.people };
        if (message.joinInfo) this.phase = { kind: 'call', joinInfo: message.joinInfo };
        else void this.#join();
        return;
      case 'denied':
      case 'removed':
      case 'ended':
        this.#over(message.type, message.message);
        return;
      case 'full':
        this.notice = message.message;
        return;
      default:
        void this.refresh();
    }
  }

  #apply(view: ParticipantVisit): void {
    this.view = view;
    if (view.visitStatus === 'ended') {
      this.#over('ended', view.message);
      return;
    }
    if (view.state === 'waiting') {
      this.phase = { kind: 'waiting' };
      return;
    }
    if (view.state === 'admitted') {
      this.notice = null;
      if (this.phase.kind !== 'call' && this.phase.kind !== 'over') void this.#join();
      return;
    }
    // Gone without pressing Leave: their page was away past the grace (a network drop, a laptop
    // asleep). They did not mean to go, so they are put back in the waiting room.
    const present = ['waiting', 'joining', 'call'].includes(this.phase.kind);
    if (view.state === 'left' && present && !this.#leftByUs) this.#over('lost');
    else this.#over(view.state, view.message);
  }

  async #join(): Promise<void> {
    if (this.#joining) return;
    this.#joining = true;
    this.phase = { kind: 'joining' };
    try {
      const joinInfo = await participantApi.session(
        this.visitId,
        this.place.participantToken,
        this.#failedMeetingId,
      );
      this.#failedMeetingId = undefined;
      if (this.phase.kind === 'joining') this.phase = { kind: 'call', joinInfo };
    } catch (error) {
      this.error = messageOf(error, 'The call could not be opened. Trying again…');
      setTimeout(() => void this.refresh(), 3_000);
    } finally {
      this.#joining = false;
    }
  }

  /** Nothing more can happen to this place: stop listening. */
  get #final(): boolean {
    return (
      this.phase.kind === 'over' && ['ended', 'replaced', 'invalid'].includes(this.phase.reason)
    );
  }

  /**
   * Over for this person. Someone denied, removed or gone keeps listening, so that when the
   * provider ends the visit their page says so too.
   */
  #over(reason: OverReason, message?: string): void {
    this.phase = { kind: 'over', reason, message: message || overMessages[reason] };
    if (this.#final) this.stop();
  }
}
