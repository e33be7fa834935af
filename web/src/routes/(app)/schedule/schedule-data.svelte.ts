import { api } from '$lib/api/client';
import { messageOf } from '$lib/api/errors';
import type { Provider, Schedule, ScheduleEntry } from '$lib/api/types';

/**
 * The schedule the calendar shows: the visible range, for one provider or for all. Only the
 * newest request's answer is kept, so paging quickly through weeks never shows an old week.
 */
export class ScheduleData {
  providers = $state.raw<Provider[]>([]);
  entries = $state.raw<ScheduleEntry[]>([]);
  error = $state<string | null>(null);
  #range: { from: string; to: string } | null = null;
  #providerId: string | undefined;
  #ticket = 0;

  async loadProviders(): Promise<void> {
    try {
      this.providers = (await api<{ providers: Provider[] }>('/providers')).providers;
    } catch (error) {
      this.error = messageOf(error, 'The providers could not be loaded.');
    }
  }

  /** The calendar's visible days; its dates are the viewer's local midnights. */
  setRange(start: Date, end: Date): Promise<void> {
    this.#range = { from: start.toISOString(), to: end.toISOString() };
    return this.refresh();
  }

  /** One provider's calendar, or everyone's (undefined). */
  setProvider(providerId: string | undefined): Promise<void> {
    this.#providerId = providerId;
    return this.refresh();
  }

  async refresh(): Promise<void> {
    if (!this.#range) return;
    const ticket = ++this.#ticket;
    const query = new URLSearchParams(this.#range);
    if (this.#providerId) query.set('providerId', this.#providerId);
    try {
      const schedule = await api<Schedule>(`/schedule?${query}`);
      if (ticket !== this.#ticket) return;
      this.entries = schedule.appointments;
      this.error = null;
      // A provider may not list providers; their schedule names them (themselves).
      if (this.providers.length === 0) this.providers = schedule.providers;
    } catch (error) {
      if (ticket === this.#ticket)
        this.error = messageOf(error, 'The schedule could not be loaded.');
    }
  }
}
