import * as z from 'zod/mini';
import type { LinkRecord } from '../links/link';
import type { Slot } from './calendar-rules';
import type { Client } from './clients';
import type { NewPersonalRoom } from './rooms';

/**
 * How an appointment's video is reached. A room's `linkId` is copied from the room when the
 * appointment is booked (a room's link never changes), so sending the client their link needs no
 * read of the room; older appointments without it read the room.
 */
export type VideoOption = { kind: 'generated' } | { kind: 'room'; roomId: string; linkId?: string };

/** An appointment on a provider's calendar. Times are ISO 8601 UTC (`Date.toISOString()`). */
export interface Appointment {
  id: string;
  providerId: string;
  clientId: string;
  startsAt: string;
  endsAt: string;
  status: 'scheduled' | 'cancelled' | 'completed';
  /** A video (teletherapy) session. */
  video: boolean;
  videoOption?: VideoOption;
  /** The generated link's id when videoOption is 'generated'. */
  linkId?: string;
  reason?: string;
  notes?: string;
  seriesId?: string;
  /** Booked by the client on the provider's public page (staff see "booked online"). */
  bookedOnline?: boolean;
  /**
   * An online booking by a new client that waits for the provider (request mode): the slot is
   * held, nobody is sent a link until it is approved. Declined: cancelled with `declined`.
   */
  pendingApproval?: boolean;
  declined?: boolean;
  /**
   * An online booking's: the zone its client read the free times in. The client's messages
   * (confirmation, reminders, changes) say the time in it; everyone else's, in the clinic's.
   */
  bookerTimeZone?: string;
  /** An online booking's visit type, as the provider named it when it was booked. */
  visitType?: { id: string; name: string };
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  version: number;
}

export const AppointmentStatus = z.enum(['scheduled', 'cancelled', 'completed']);

/** A provider's booked slots for one UTC day, with the version guarding concurrent writes. */
export interface DayIndex {
  providerId: string;
  day: string;
  version: number;
  slots: Slot[];
}

/** A day index as it will be written, only if its version is still `expectedVersion`. */
export interface DayChange {
  providerId: string;
  day: string;
  /** 0 when the day has no index item yet. */
  expectedVersion: number;
  slots: Slot[];
}

/** Everything one booking writes, in one transaction. */
export interface BookingWrite {
  create: Appointment[];
  update?: { appointment: Appointment; expectedVersion: number };
  days: DayChange[];
  links: { record: LinkRecord; hash: string; appointmentId: string }[];
  /** Existing links to re-time (expiresAt) or revoke, by hash. */
  linkUpdates: { hash: string; expiresAt?: number; revokedAt?: string }[];
  /**
   * Every link, PIN and invitation of the appointment at once: re-timed when its end moves,
   * revoked when it is cancelled or completed.
   */
  appointmentLinks?: { appointmentId: string; expiresAt?: number; revokedAt?: string };
  /** The client's personal room, made with the booking that chose it (if the client has none). */
  personalRoom?: NewPersonalRoom;
  /** What a booking on the public page writes beside the appointment. */
  online?: OnlineBookingWrite;
}

/**
 * An online booking's own records: the manage link's hash (the link itself is derived from the
 * link secret, never stored), the idempotency key that makes a retried request book once, and a
 * new client with the guard that one email makes one client however many bookings race.
 */
export interface OnlineBookingWrite {
  manage: { hash: string; appointmentId: string; expiresAt: number };
  idempotency: { key: string; appointmentId: string; expiresAt: number };
  newClient?: Client;
}

/** Thrown by the store when a condition failed because another request wrote first. */
export class BookingRaceError extends Error {
  override readonly name = 'BookingRaceError';
  /**
   * Which write lost: the appointment itself (edited meanwhile), a calendar day, the client's
   * personal room (another request made it first), an online booking's idempotency key (the
   * same request booked already) or its new client (another booking made the email's client).
   */
  constructor(readonly lost: 'appointment' | 'calendar' | 'personal-room' | 'replayed' | 'client') {
    super(`A concurrent write changed the ${lost} first`);
  }
}

export interface ClientSummary {
  id: string;
  displayName: string;
}

/** Port: appointment storage as scheduling needs it. */
export interface AppointmentStore {
  get(id: string): Promise<Appointment | undefined>;
  listForProvider(providerId: string, fromIso: string, toIso: string): Promise<Appointment[]>;
  listForClient(clientId: string, fromIso: string, toIso: string): Promise<Appointment[]>;
  dayIndexes(providerId: string, days: readonly string[]): Promise<DayIndex[]>;
  commit(write: BookingWrite): Promise<void>;
}

/** Port: the client records scheduling shows beside appointments. */
export interface ClientDirectory {
  summaries(ids: readonly string[]): Promise<Map<string, ClientSummary>>;
}
