import type { PublicAnswer } from '../public/public-api';
import {
  type DaySlots,
  dayIn,
  groupByDay,
  lastWeek,
  type Slot,
  type WeekRange,
  weekHolding,
  weekLabel,
  weekRange,
} from './week';
import { detectedZone } from './zones';

export type SlotSource = (range: {
  from: string;
  to: string;
}) => Promise<PublicAnswer<{ slots: Slot[] }>>;

/**
 * What the slot picker shows: one week of free times at a time, in the zone the visitor
 * chose, from today to the provider's horizon. Both the booking page and the manage page
 * (moving a visit) page through the provider's free times with it.
 */
export class SlotWeeks {
  zone = $state(detectedZone());
  week = $state(0);
  days = $state<DaySlots[]>([]);
  status = $state<'loading' | 'ready' | 'none' | 'error'>('loading');
  message = $state('');
  /** Counts requests, so an answer that arrives after a newer request is dropped. */
  #asked = 0;

  constructor(
    private readonly source: SlotSource,
    readonly horizonDays: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get range(): WeekRange {
    return weekRange(dayIn(this.now(), this.zone), this.week, this.zone);
  }
  get label(): string {
    return weekLabel(this.range);
  }
  get hasPrevious(): boolean {
    return this.week > 0;
  }
  get hasNext(): boolean {
    return this.week < lastWeek(this.horizonDays);
  }

  /**
   * Shows the first week from `week` on with a free time, so nobody pages through empty
   * weeks by hand; `none` when there is none up to the horizon.
   */
  async findFrom(week = 0): Promise<void> {
    const ask = ++this.#asked;
    this.status = 'loading';
    for (let w = week; w <= lastWeek(this.horizonDays); w += 1) {
      this.week = w;
      const found = await this.#fetch(ask);
      if (found === 'stale' || found === 'failed') return;
      if (found.length > 0) return this.#show(found);
    }
    this.week = week;
    this.days = [];
    this.status = 'none';
  }

  /** Shows one week as it is, free times or not (the previous and next buttons). */
  async show(week: number): Promise<void> {
    const ask = ++this.#asked;
    this.week = Math.max(0, Math.min(week, lastWeek(this.horizonDays)));
    this.status = 'loading';
    const found = await this.#fetch(ask);
    if (found !== 'stale' && found !== 'failed') this.#show(found);
  }

  /** The page whose week holds an instant, e.g. a chosen time named in the page's address. */
  weekOf(instant: string): number {
    return weekHolding(dayIn(this.now(), this.zone), instant, this.zone, this.horizonDays);
  }

  /** The same week again, e.g. after a time was taken; onwards if it has no free time left. */
  refresh(): Promise<void> {
    return this.findFrom(this.week);
  }

  /** Reads the same week's days in another zone (its days begin at other instants). */
  setZone(zone: string): Promise<void> {
    this.zone = zone;
    return this.show(this.week);
  }

  #show(days: DaySlots[]): void {
    this.days = days;
    this.status = 'ready';
  }

  async #fetch(ask: number): Promise<DaySlots[] | 'stale' | 'failed'> {
    const range = this.range;
    const zone = this.zone;
    const answer = await this.source({ from: range.from, to: range.to });
    if (ask !== this.#asked) return 'stale';
    if (!answer.ok) {
      this.status = 'error';
      this.message = answer.message;
      return 'failed';
    }
    return groupByDay(answer.body.slots, range.days, zone);
  }
}
