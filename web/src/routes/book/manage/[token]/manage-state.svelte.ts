import type { ManagedBooking } from '$lib/api/types';
import {
  cancelBooking,
  loadBooking,
  loadBookingPage,
  loadSlots,
  rescheduleBooking,
} from '$lib/booking/booking-api';
import { SlotWeeks } from '$lib/booking/slot-weeks.svelte';
import type { Slot } from '$lib/booking/week';
import type { PublicAnswer } from '$lib/public/public-api';

export type ManageView =
  | { kind: 'loading' }
  | { kind: 'ready'; booking: ManagedBooking }
  | { kind: 'unknown'; message: string }
  | { kind: 'unreachable'; message: string };

/** The booking's state in a word or two, for its badge. */
export function statusLabel(b: ManagedBooking): string {
  if (b.status === 'cancelled') return b.declined ? 'Declined' : 'Cancelled';
  if (b.status === 'completed') return 'Over';
  return b.pendingApproval ? 'Waiting for approval' : 'Booked';
}

/**
 * The page behind a booking's manage link: the booking, and while the provider's cutoff has
 * not passed, Cancel and Change time. Every refusal is a sentence on the page; a time taken
 * meanwhile brings the free times back.
 */
export class ManageState {
  view = $state<ManageView>({ kind: 'loading' });
  /** The free times, once the visitor asked to change the time. */
  weeks = $state<SlotWeeks | null>(null);
  /** The new time chosen, waiting for its confirmation. */
  moveTo = $state<Slot | null>(null);
  confirmingCancel = $state(false);
  busy = $state(false);
  banner = $state<string | null>(null);
  notice = $state<string | null>(null);

  constructor(private readonly token: string) {}

  get booking(): ManagedBooking | null {
    return this.view.kind === 'ready' ? this.view.booking : null;
  }

  async load(): Promise<void> {
    const answer = await loadBooking(this.token);
    if (answer.ok) this.view = { kind: 'ready', booking: answer.body };
    else if (answer.status === 404 || answer.status === 400)
      this.view = { kind: 'unknown', message: answer.message };
    else this.view = { kind: 'unreachable', message: answer.message };
  }

  async cancel(): Promise<void> {
    const request = this.booking?.pendingApproval === true;
    if (await this.#change(() => cancelBooking(this.token)))
      this.notice = request
        ? 'Your request is withdrawn.'
        : 'Your visit is cancelled. Its link no longer works.';
    this.confirmingCancel = false;
  }

  #starting: Promise<void> | null = null;

  /**
   * Opens the free times of the same visit type; the provider's horizon comes with their page.
   * At the week of `near` (a time the page's address names), else the first with a free time.
   */
  startChange(near?: string): Promise<void> {
    this.#starting ??= this.#startChange(near).finally(() => (this.#starting = null));
    return this.#starting;
  }

  async #startChange(near?: string): Promise<void> {
    const booking = this.booking;
    if (!booking) return;
    this.banner = null;
    this.notice = null;
    const page = await loadBookingPage(booking.providerId);
    if (!page.ok) {
      this.banner =
        page.status === 404
          ? 'This provider takes no online bookings now. Please call the clinic to change your visit.'
          : page.message;
      return;
    }
    const weeks = new SlotWeeks(
      (range) => loadSlots(booking.providerId, booking.visitType.id, range),
      page.body.horizonDays,
    );
    this.weeks = weeks;
    await weeks.findFrom(near ? weeks.weekOf(near) : 0);
  }

  stopChange(): void {
    this.weeks = null;
    this.moveTo = null;
  }

  async move(): Promise<void> {
    const slot = this.moveTo;
    if (!slot) return;
    if (await this.#change(() => rescheduleBooking(this.token, slot.startsAt))) {
      this.notice = 'Your visit has a new time.';
      this.stopChange();
    }
  }

  async #change(request: () => Promise<PublicAnswer<ManagedBooking>>): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.banner = null;
    this.notice = null;
    try {
      const answer = await request();
      if (answer.ok) {
        this.view = { kind: 'ready', booking: answer.body };
        return true;
      }
      this.banner = answer.message;
      if (answer.code === 'appointment.conflict') {
        this.moveTo = null;
        void this.weeks?.refresh();
      } else if (answer.code === 'booking.past_cutoff' || answer.status === 409) {
        // The booking changed meanwhile (the cutoff passed, the clinic cancelled it): show it as it is.
        this.stopChange();
        await this.load();
      }
      return false;
    } finally {
      this.busy = false;
    }
  }
}
