import { z } from 'zod';
import { isAdmin, type UserActor } from '../identity/actor';
import { forbidden } from '../platform/errors';
import { timeZone } from '../shared/fields';

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
  updatedAt: string;
}

export const defaultClinicSettings: Omit<ClinicSettings, 'name' | 'updatedAt'> = {
  timeZone: 'America/New_York',
  guestInvitations: true,
  clientsMayInvite: true,
  maxExtraAttendees: 6,
  launchWindowMinutes: 15,
  graceMinutes: 30,
};

export const ClinicSettingsSchema = z
  .object({
    name: z.string(),
    timeZone: z.string(),
    guestInvitations: z.boolean(),
    clientsMayInvite: z.boolean(),
    maxExtraAttendees: z.number().int(),
    launchWindowMinutes: z.number().int(),
    graceMinutes: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ClinicSettings' });

export const ClinicSettingsPatch = z
  .object({
    name: z.string().trim().min(1, 'The clinic needs a name').max(120, 'At most 120 characters'),
    timeZone,
    guestInvitations: z.boolean(),
    clientsMayInvite: z.boolean(),
    maxExtraAttendees: z
      .number()
      .int('Whole people only')
      .min(1, 'At least 1')
      .max(6, 'At most 6 (8 people in all)'),
    launchWindowMinutes: z
      .number()
      .int('Whole minutes')
      .min(0, 'Cannot be negative')
      .max(120, 'At most 120 minutes'),
    graceMinutes: z
      .number()
      .int('Whole minutes')
      .min(0, 'Cannot be negative')
      .max(240, 'At most 240 minutes'),
  })
  .partial()
  .strict()
  .meta({ id: 'ClinicSettingsPatch' });

export type ClinicSettingsPatch = z.infer<typeof ClinicSettingsPatch>;

/** Port: where the settings item lives. */
export interface SettingsStore {
  get(): Promise<ClinicSettings>;
  update(patch: ClinicSettingsPatch, updatedAt: string): Promise<ClinicSettings>;
}

export async function updateSettings(
  actor: UserActor,
  patch: ClinicSettingsPatch,
  deps: { settings: SettingsStore; now: () => Date },
): Promise<ClinicSettings> {
  if (!isAdmin(actor.role))
    throw forbidden('settings.forbidden', 'Only an owner or manager can change clinic settings.');
  return deps.settings.update(patch, deps.now().toISOString());
}
