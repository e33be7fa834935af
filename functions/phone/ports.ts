import type { SmaResponse } from './actions';
import type { PhoneCall } from './dial-in';

/** A call as stored: the machine's state, and the last answer (for the same Sequence again). */
export interface StoredCall extends PhoneCall {
  /** The Sequence of the last event answered; the SIP media application retries after 5 s. */
  sequence: number;
  answer?: SmaResponse;
  /** Optimistic lock: 0 for a call not stored yet. */
  version: number;
}

/** Port: live calls, one item per TransactionId, expiring a day after their last event. */
export interface PhoneCallStore {
  get(transactionId: string): Promise<StoredCall | undefined>;
  /** Saves if nobody saved the call since `call.version` was read. */
  put(call: StoredCall): Promise<'saved' | 'lost'>;
}

/** Port: failures per calling number (by keyed hash), shared by every instance. */
export interface CallerLimits {
  /** Epoch ms until which the number is turned away, if it is. */
  lockedUntil(caller: string): Promise<number | undefined>;
  /** Counts a failure and returns the failures of the last hour, this one included. */
  fail(caller: string, now: number): Promise<number>;
  lock(caller: string, until: number): Promise<void>;
}

/** Port: which invitation a PIN belongs to, by the PIN's keyed hash. */
export interface PinDirectory {
  byHash(
    hash: string,
  ): Promise<
    { appointmentId: string; inviteeId: string; expiresAt: number; revokedAt?: string } | undefined
  >;
}

/**
 * Port: the SIP media application's calls (UpdateSipMediaApplicationCall,
 * CreateSipMediaApplicationCall).
 */
export interface PhoneLine {
  /** Wakes a call with these arguments; 'gone' when the call has ended meanwhile. */
  update(transactionId: string, args: Record<string, string>): Promise<'sent' | 'gone'>;
  /**
   * Places a call from the clinic's number to `to` (E.164); its events come to the phone
   * Lambda with `args`. Undefined when the clinic has no phone line.
   */
  call(to: string, args: Record<string, string>): Promise<{ transactionId: string } | undefined>;
}

/** Port: calls placed per provider in the last hour (shared by every instance). */
export interface DialLimits {
  /** Counts one call and returns the calls of the last hour, this one included. */
  count(provider: string, now: number): Promise<number>;
}
