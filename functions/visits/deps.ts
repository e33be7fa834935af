import type { UserDirectory } from '../identity/actor';
import type { InviteeStore } from '../invitations/ports';
import type { LinkRecord } from '../links/link';
import type { AppointmentStore } from '../scheduling/appointment';
import type { ClientStore } from '../scheduling/clients';
import type { SettingsStore } from '../scheduling/clinic';
import type { RoomStore } from '../scheduling/rooms';
import type { AuditLog, Meetings, Notifier, ParticipantTokens, VisitStore } from './ports';

export interface VisitDeps {
  visits: VisitStore;
  meetings: Meetings;
  tokens: ParticipantTokens;
  notify: Notifier;
  audit: AuditLog;
  appointments: AppointmentStore;
  rooms: RoomStore;
  clients: ClientStore;
  users: UserDirectory;
  settings: SettingsStore;
  invitees: InviteeStore;
  links: { get(hash: string): Promise<LinkRecord | undefined> };
  linkSecret: () => Promise<string>;
  now: () => Date;
  newId: () => string;
}
