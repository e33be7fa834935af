import { api } from '../api/client';
import { messageOf } from '../api/errors';
import type { ClinicSettings, Me, Schedule, ScheduleEntry } from '../api/types';
import type { RealtimeSocket } from '../realtime/socket';
import { KnockAlert } from './knock-alert';
import { admitOutcome, waitingOf } from './presence';
import { reconcile, staffSocket } from './staff-socket';
import { onTodaysList, todayRange, windowClosesAt } from './today-range';
import type { HostVisit } from './types';
import { hostApi } from './visit-api';

export interface TodayRow {
  visitId: string;
  /** The appointment, for an appointment's visit (a room's visit has none). */
  entry?: ScheduleEntry;
  visit?: HostVisit;
  /** Start (or rejoin) is possible now: the provider's own, within the join window. */
  startable: boolean;
  /** The join window has closed (end plus the clinic's grace). */
  past: boolean;
}

/** Whether an appointment's join window is open at `nowMs` (the server checks again). */
export function windowOpen(
  entry: Pick<ScheduleEntry, 'startsAt' | 'endsAt' | 'status' | 'video'>,
  settings: Pick<ClinicSettings, 'launchWindowMinutes' | 'graceMinutes'>,
  nowMs: number,
): boolean {
  const opens = Date.parse(entry.startsAt) - settings.launchWindowMinutes * 60_000;
  const closes = windowClosesAt(entry, settings.graceMinutes);
  return entry.video && entry.status === 'scheduled' && nowMs >= opens && nowMs < closes;
}

/**
 * Today's video visits on the schedule page: each with its waiting room, live. Knocks reach a
 * provider here at once (sound and badge), without opening the visit; front desk and managers
 * see everyone's visits and who waits, and follow them.
 */
export class TodayVisits {
  rows = $state.raw<TodayRow[]>([]);
  error = $state<string | null>(null);
  notice = $state<string | null>(null);
  busy = $state(false);
  live = $state(false);
  now = $state(Date.now());
  readonly waitingCount = $derived(this.rows.reduce((n, r) => n + waitingOf(r.visit).length, 0));
  #entries: ScheduleEntry[] = [];
  #visits: HostVisit[] = [];
  #settings: Pick<ClinicSettings, 'launchWindowMinutes' | 'graceMinutes'> = {
    launchWindowMinutes: 15,
    graceMinutes: 30,
  };
  readonly #alert = new KnockAlert();
  readonly #watched = new Set<string>();
  #socket: RealtimeSocket | null = null;

  constructor(private readonly me: Me) {}

  get hosting(): boolean {
    return this.me.role === 'provider';
  }

  start(): () => void {
    this.#socket = staffSocket({
      // A booking, a move or a cancel of one of the provider's appointments: the day again.
      onnews: (message) =>
        void (message?.type === 'schedule-changed' ? this.#loadDay() : this.refreshVisits()),
      onstatus: (live) => (this.live = live),
      // Staff hear of visits they watch; a provider hears of their own without watching.
      watch: () => (this.hosting ? [] : [...this.#watched]),
    });
    // The slow timer reads the day too: front desk and managers hear of no booking by push.
    const stopPolling = reconcile(
      () => this.live,
      () => void this.#loadDay(),
      { live: 30_000, down: 10_000 },
    );
    const tick = setInterval(() => {
      this.now = Date.now();
      this.#build();
    }, 20_000);
    void this.#loadDay();
    return () => {
      this.#socket?.stop();
      stopPolling();
      clearInterval(tick);
    };
  }

  async refreshVisits(): Promise<void> {
    try {
      this.#visits = await hostApi.list();
      this.error = null;
      for (const v of this.#visits) {
        if (!this.hosting && !this.#watched.has(v.visitId)) {
          this.#watched.add(v.visitId);
          this.#socket?.send({ action: 'watch', visitId: v.visitId });
        }
      }
      this.#build();
    } catch (error) {
      this.error = messageOf(error, "Today's visits could not be loaded.");
    }
  }

  async startVisit(appointmentId: string): Promise<boolean> {
    return this.#act(async () => {
      await hostApi.start(appointmentId);
    });
  }

  admit(visitId: string, participantIds: string[]): Promise<boolean> {
    return this.#act(async () => {
      const after = await hostApi.admit(visitId, participantIds);
      this.notice = admitOutcome(participantIds, after);
      this.#visits = this.#visits.map((v) => (v.visitId === visitId ? after : v));
      this.#build();
    });
  }

  deny(visitId: string, participantId: string): Promise<boolean> {
    return this.#act(async () => {
      const after = await hostApi.deny(visitId, participantId);
      this.#visits = this.#visits.map((v) => (v.visitId === visitId ? after : v));
      this.#build();
    });
  }

  async #loadDay(): Promise<void> {
    const now = new Date();
    const { from, to, midnight } = todayRange(now, this.#settings.launchWindowMinutes);
    const query = new URLSearchParams({ from: from.toISOString(), to: to.toISOString() });
    if (this.hosting) query.set('providerId', this.me.sub);
    try {
      const [schedule, settings] = await Promise.all([
        api<Schedule>(`/schedule?${query}`),
        api<ClinicSettings>('/settings'),
      ]);
      this.#settings = settings;
      this.#entries = schedule.appointments.filter(
        (a) =>
          a.video &&
          a.status !== 'cancelled' &&
          onTodaysList(a, midnight, settings.graceMinutes, now.getTime()),
      );
    } catch (error) {
      this.error = messageOf(error, "Today's visits could not be loaded.");
    }
    await this.refreshVisits();
  }

  #build(): void {
    const byId = new Map(this.#visits.map((v) => [v.visitId, v]));
    const rows: TodayRow[] = this.#entries.map((entry) => ({
      visitId: entry.id,
      entry,
      visit: byId.get(entry.id),
      startable:
        this.hosting &&
        entry.providerId === this.me.sub &&
        windowOpen(entry, this.#settings, this.now),
      past: windowClosesAt(entry, this.#settings.graceMinutes) <= this.now,
    }));
    const listed = new Set(rows.map((r) => r.visitId));
    for (const visit of this.#visits) {
      if (!listed.has(visit.visitId))
        rows.push({ visitId: visit.visitId, visit, startable: false, past: false });
    }
    this.rows = rows;
    if (this.hosting) this.#alert.update(this.#visits.flatMap((v) => waitingOf(v)));
  }

  async #act(action: () => Promise<void>): Promise<boolean> {
    this.busy = true;
    try {
      await action();
      this.error = null;
      return true;
    } catch (error) {
      this.error = messageOf(error, 'That did not work. Please try again.');
      void this.refreshVisits();
      return false;
    } finally {
      this.busy = false;
    }
  }
}
