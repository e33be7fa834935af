import type { LinkRecord } from '../links/link';
import type { Channel, Invitee } from './invitee';

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
   * Records a delivery attempt before it is made. Succeeds only for the first claim of a channel
   * never sent ('first'); for a deliberate resend ('again'), when no other attempt is in flight
   * (or it has been stuck since `staleBefore`); for a retry ('retry'), only when the last attempt
   * failed or has been stuck since `staleBefore`.
   */
  claim(
    invitee: Invitee,
    channel: Channel,
    attemptId: string,
    now: string,
    mode: 'first' | 'again' | 'retry',
    staleBefore: string,
  ): Promise<boolean>;
  /** Records how an attempt ended; only the attempt holding the claim can. */
  finish(
    invitee: Invitee,
    channel: Channel,
    attemptId: string,
    result: { state: 'sent'; at: string } | { state: 'failed'; at: string; reason: string },
  ): Promise<void>;
  /** Every invitation of a contact, upcoming ones first (their portal). */
  forContact(contactId: string): Promise<Invitee[]>;
}

/** Port: sends an SMS (SNS). */
export interface SmsSender {
  send(phoneNumber: string, text: string): Promise<{ messageId: string }>;
}
