import type { UserDirectory } from '../identity/actor';
import type { InviteeStore } from '../invitations/ports';
import type { LinkRecord } from '../links/link';
import type { DialLimits, PhoneLine } from '../phone/ports';
import type { AppointmentStore } from '../scheduling/appointment';
import type { SettingsStore } from '../scheduling/clinic';
import type { RoomStore } from '../scheduling/rooms';
import type { AuditLog, DirectPush, Meetings, ParticipantTokens, VisitStore } from './ports';

/** What the visits function's domain code talks to (composed in functions/http/deps/visits.ts). */
export interface VisitDeps {
  visits: VisitStore;
  meetings: Meetings;
  tokens: ParticipantTokens;
  audit: AuditLog;
  appointments: AppointmentStore;
  rooms: RoomStore;
  users: UserDirectory;
  /** Display names (a provider's, in a page or a message); may be minutes old. */
  names: Pick<UserDirectory, 'get'>;
  settings: SettingsStore;
  invitees: InviteeStore;
  links: { get(hash: string): Promise<LinkRecord | undefined> };
  /** Pushes on the request's path (Allow); without it, only the news stream tells people. */
  push?: DirectPush;
  /** The clinic's phone line: wakes a caller's call (mute), places a provider's call. */
  phone?: PhoneLine;
  /** Calls placed per provider, against toll fraud (dial-out.ts). */
  dialLimits?: DialLimits;
  /** The clinic's phone number (E.164), which calls come to and go out from. */
  clinicNumber?: () => string | undefined;
  /** Marks the appointment completed and revokes its links (End visit). */
  completeAppointment(appointmentId: string): Promise<void>;
  now: () => Date;
  newId: () => string;
}
