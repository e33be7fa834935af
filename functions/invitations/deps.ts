import type { AccountDirectory, Mailer, ProfileStore } from '../accounts/ports';
import type { UserActor, UserDirectory } from '../identity/actor';
import type { AppointmentStore } from '../scheduling/appointment';
import type { ClientStore } from '../scheduling/clients';
import type { ClinicSettings, SettingsStore } from '../scheduling/clinic';
import type { ContactStore } from '../scheduling/contacts';
import type { RoomStore } from '../scheduling/rooms';
import type { AuditLog } from '../visits/ports';
import type { InviteeStore, SmsSender } from './ports';

export interface InvitationDeps {
  appointments: AppointmentStore;
  clients: ClientStore;
  contacts: ContactStore;
  rooms: RoomStore;
  users: UserDirectory;
  /** Display names (a provider's, in a page or a message); may be minutes old. */
  names: Pick<UserDirectory, 'get'>;
  settings: SettingsStore;
  invitees: InviteeStore;
  mailer: Mailer;
  sms: SmsSender;
  accounts: AccountDirectory;
  profiles: ProfileStore;
  audit: AuditLog;
  linkSecret: () => Promise<string>;
  appUrl: () => Promise<string>;
  /** The clinic's sending address (the organizer of the events invitations carry). */
  mailFrom: () => string;
  /** Undefined until the clinic has a phone number: invitations then offer no dial-in. */
  dialInNumber: () => string | undefined;
  now: () => Date;
  newId: () => string;
}

export type { ClinicSettings, UserActor };
