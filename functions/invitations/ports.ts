import type { LinkRecord } from '../links/link';
import type { AuditEntry } from '../visits/visit';
import type { Invitee } from './invitee';

/** Port: invitees, their PINs and links, and each delivery's state. */
export interface InviteeStore {
  list(appointmentId: string): Promise<Invitee[]>;
  get(appointmentId: string, inviteeId: string): Promise<Invitee | undefined>;
  /**
   * Adds an invitee with its link and its PIN item in one transaction; anyone but the client
   * also counts against `maxInvitees` in that transaction. 'pin-taken' when another active
   * invitation holds the PIN (the caller draws another); 'duplicate' when the same person is
   * already invited to this appointment; 'full' at the limit; 'busy' when a concurrent
   * transaction touched the same items (the caller tries again).
   */
  add(
    invitee: Invitee,
    link: { record: LinkRecord; hash: string } | undefined,
    nowSeconds: number,
    maxInvitees: number,
  ): Promise<'added' | 'pin-taken' | 'duplicate' | 'full' | 'busy'>;
  /**
   * Removes an invitee, revoking their link and PIN and freeing their place under the limit in
   * the same transaction. 'gone' when another request removed them first; 'busy' as for add.
   */
  remove(
    invitee: Invitee,
    linkHash: string | undefined,
    now: string,
  ): Promise<'removed' | 'gone' | 'busy'>;
  /**
   * Takes the appointment's send lock for `attemptId`, unless another send holds it and began
   * after `staleBefore` (one cut off by a crash is taken over). False: a send is under way.
   */
  claimSending(
    appointmentId: string,
    attemptId: string,
    now: string,
    staleBefore: string,
  ): Promise<boolean>;
  /**
   * Records each invitee's deliveries as the send left them, the audit entries of its attempts,
   * and gives the lock back, in one transaction (an invitee withdrawn meanwhile is skipped).
   */
  recordSending(
    appointmentId: string,
    attemptId: string,
    invitees: readonly Invitee[],
    audit: readonly AuditEntry[],
  ): Promise<void>;
  /** Whether a send of this appointment is under way (its lock is held and not stale). */
  sendingUnderWay(appointmentId: string, staleBefore: string): Promise<boolean>;
  /** Gives the lock back after a send that failed before it could record anything. */
  releaseSending(appointmentId: string, attemptId: string): Promise<void>;
  /** Every invitation of a contact, upcoming ones first (their portal). */
  forContact(contactId: string): Promise<Invitee[]>;
}

/** Port: sends an SMS (SNS). */
export interface SmsSender {
  send(phoneNumber: string, text: string): Promise<{ messageId: string }>;
}
