import type { AuditEntry } from '../shared/audit-entry';
/** Clinic-wide settings an owner or manager controls. */
export interface ClinicSettings {
  name: string;
  /** IANA zone the clinic schedules in, e.g. America/New_York. */
  timeZone: string;
  guestInvitations: boolean;
  clientsMayInvite: boolean;
  /** Attendees beside provider and patient, 1 to 6: at most 8 people in a visit. */
  maxExtraAttendees: number;
  /** Minutes before the start when Join becomes available. */
  launchWindowMinutes: number;
  /** Minutes after the scheduled end before guest links expire. */
  graceMinutes: number;
  /** Hours before a video visit when reminders go out (none: no reminders). */
  reminderHours: number[];
  /** The link an online booking gets: its own generated link, or the client's personal room. */
  onlineBookingVideo: 'generated' | 'personal-room';
  updatedAt: string;
}

export const defaultClinicSettings: Omit<ClinicSettings, 'name' | 'updatedAt'> = {
  timeZone: 'America/New_York',
  guestInvitations: true,
  clientsMayInvite: true,
  maxExtraAttendees: 6,
  launchWindowMinutes: 15,
  graceMinutes: 30,
  reminderHours: [24, 1],
  onlineBookingVideo: 'generated',
};

/** Port: where the settings item lives. */
export interface SettingsStore {
  get(): Promise<ClinicSettings>;
  /** Applies the change with its audit entries, in one transaction. */
  update(
    patch: Partial<Omit<ClinicSettings, 'updatedAt'>>,
    updatedAt: string,
    audit?: readonly AuditEntry[],
  ): Promise<ClinicSettings>;
}
