import type { Booked, Me } from '$lib/api/types';
import { bookSlot, checkCode, newIdempotencyKey, sendCode } from '$lib/booking/booking-api';
import type { Slot } from '$lib/booking/week';
import type { PublicAnswer } from '$lib/public/public-api';

/** Email, then the code sent to it, then (new clients) a name, then Book. */
export type Step = 'email' | 'code' | 'ready';

/**
 * One visitor's way from a chosen time to a booking. The proof of their address outlives a
 * change of time (it is good for half an hour), so choosing another time keeps the step.
 */
export class BookingFlow {
  step = $state<Step>('email');
  email = $state('');
  code = $state('');
  /** The honeypot: people never see it, a form-filling robot fills it in. */
  website = $state('');
  firstName = $state('');
  lastName = $state('');
  phone = $state('');
  knownClient = $state(false);
  slot = $state<Slot | null>(null);
  busy = $state(false);
  errors = $state<Record<string, string>>({});
  banner = $state<string | null>(null);
  notice = $state<string | null>(null);
  booked = $state<Booked | null>(null);
  /** A client signed in to the portal in this browser: they book as themselves, no code. */
  portalClient = $state<string | null>(null);
  #proof: string | null = null;
  /** One per chosen time: a second click or a retry of the same booking books it once. */
  #key = '';

  constructor(
    private readonly providerId: string,
    private readonly typeId: () => string,
    /** The time was taken meanwhile: the page shows the free times again. */
    private readonly onTaken: () => void,
    /** The zone the visitor reads the times in: their emails and texts say the time in it. */
    private readonly zone: () => string,
  ) {}

  choose(slot: Slot | null): void {
    this.slot = slot;
    this.#key = newIdempotencyKey();
    this.banner = null;
  }

  async sendCode(): Promise<void> {
    this.errors = {};
    if (!this.email.trim().includes('@')) {
      this.errors = { email: 'Enter your email address.' };
      return;
    }
    const sent = await this.#run(() =>
      sendCode(this.providerId, { email: this.email.trim(), website: this.website }),
    );
    if (!sent) return;
    this.code = '';
    this.step = 'code';
    this.notice = `We sent a 6-digit code to ${this.email.trim()}. It works for ${Math.round(sent.expiresInSeconds / 60)} minutes.`;
  }

  async checkCode(): Promise<void> {
    this.errors = {};
    if (!/^\d{6}$/.test(this.code.trim())) {
      this.errors = { code: 'The code is the 6 digits in the email.' };
      return;
    }
    const proven = await this.#run(() =>
      checkCode(this.providerId, { email: this.email.trim(), code: this.code.trim() }),
    );
    if (!proven) return;
    this.#proof = proven.proof;
    this.knownClient = proven.knownClient;
    this.notice = null;
    this.step = 'ready';
  }

  /**
   * Whether a client is signed in to the portal in this browser. The signed-in client (and
   * the session code it needs) loads only then, so the page stays small for everyone else.
   */
  async detectPortalClient(): Promise<void> {
    if (!globalThis.localStorage?.getItem('televisit.session')) return;
    try {
      const { api } = await import('$lib/api/client');
      const me = await api<Me>('/me');
      if (me.role !== 'client') return;
      this.portalClient = me.displayName;
      this.knownClient = true;
      this.step = 'ready';
    } catch {
      // Signed out or expired: the email code works for everyone.
    }
  }

  /** After a booking, another: the proof of the address still holds while it is fresh. */
  startOver(): void {
    this.booked = null;
    this.choose(null);
    this.notice = null;
    this.errors = {};
  }

  /** Back to the email step, e.g. to use another address. */
  restart(): void {
    this.portalClient = null;
    this.#proof = null;
    this.step = 'email';
    this.notice = null;
    this.errors = {};
  }

  async book(): Promise<void> {
    if (this.portalClient) return this.#bookAsClient();
    if (!this.slot || !this.#proof || this.busy) return;
    this.errors = {};
    const newClient = this.knownClient
      ? {}
      : {
          firstName: this.firstName.trim(),
          lastName: this.lastName.trim(),
          ...(this.phone.trim() ? { phone: this.phone.trim() } : {}),
        };
    const booked = await this.#run(() =>
      bookSlot(this.providerId, {
        typeId: this.typeId(),
        startsAt: this.slot?.startsAt ?? '',
        proof: this.#proof ?? '',
        idempotencyKey: this.#key,
        timeZone: this.zone(),
        website: this.website,
        ...newClient,
      }),
    );
    if (booked) this.booked = booked;
  }

  async #bookAsClient(): Promise<void> {
    if (!this.slot || this.busy) return;
    const body = {
      typeId: this.typeId(),
      startsAt: this.slot.startsAt,
      idempotencyKey: this.#key,
      timeZone: this.zone(),
    };
    const booked = await this.#run(async (): Promise<PublicAnswer<Booked>> => {
      const { api, ApiError } = await import('$lib/api/client');
      try {
        const path = `/book/${encodeURIComponent(this.providerId)}/portal-bookings`;
        const answer = await api<Booked>(path, { method: 'POST', body: JSON.stringify(body) });
        return { ok: true, status: 201, body: answer };
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        const { status, code, message, fields } = error;
        return { ok: false, status, code, message, fields };
      }
    });
    if (booked) this.booked = booked;
  }

  /** Runs one request with the form busy; a refusal is shown on the form, never thrown. */
  async #run<T>(request: () => Promise<PublicAnswer<T>>): Promise<T | null> {
    this.busy = true;
    this.banner = null;
    try {
      const answer = await request();
      if (answer.ok) return answer.body;
      this.#refused(answer);
      return null;
    } finally {
      this.busy = false;
    }
  }

  #refused(answer: Extract<PublicAnswer<unknown>, { ok: false }>): void {
    if (answer.code === 'booking.code_invalid') {
      this.errors = { code: answer.message };
      return;
    }
    if (answer.code === 'appointment.conflict') {
      this.slot = null;
      this.onTaken();
    }
    if (answer.code === 'booking.unverified') {
      // The proof is half an hour old: a new code, and the same time is booked with it.
      this.restart();
    }
    const shown = ['email', 'code', 'firstName', 'lastName', 'phone'];
    const fields = Object.fromEntries(
      Object.entries(answer.fields).filter(([name]) => shown.includes(name)),
    );
    this.errors = fields;
    if (Object.keys(fields).length === 0) this.banner = answer.message;
  }
}
