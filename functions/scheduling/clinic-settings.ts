import * as z from 'zod/mini';
import { isAdmin, type UserActor } from '../identity/actor';
import { forbidden } from '../platform/errors';
import { timeZone } from '../shared/contact-fields';
import type { ClinicSettings, SettingsStore } from './clinic';

/** The settings as the API shows them, and what an owner or manager may change. */
export const ClinicSettingsSchema = z
  .object({
    name: z.string(),
    timeZone: z.string(),
    guestInvitations: z.boolean(),
    clientsMayInvite: z.boolean(),
    maxExtraAttendees: z.number().check(z.int()),
    launchWindowMinutes: z.number().check(z.int()),
    graceMinutes: z.number().check(z.int()),
    reminderHours: z.array(z.number()),
    onlineBookingVideo: z.enum(['generated', 'personal-room']),
    updatedAt: z.string(),
  })
  .register(z.globalRegistry, { id: 'ClinicSettings' });

export const ClinicSettingsPatch = z
  .partial(
    z.strictObject({
      name: z
        .string()
        .check(
          z.trim(),
          z.minLength(1, 'The clinic needs a name'),
          z.maxLength(120, 'At most 120 characters'),
        ),
      timeZone,
      guestInvitations: z.boolean(),
      clientsMayInvite: z.boolean(),
      maxExtraAttendees: z
        .number()
        .check(
          z.int('Whole people only'),
          z.gte(1, 'At least 1'),
          z.lte(6, 'At most 6 (8 people in all)'),
        ),
      launchWindowMinutes: z
        .number()
        .check(
          z.int('Whole minutes'),
          z.gte(0, 'Cannot be negative'),
          z.lte(120, 'At most 120 minutes'),
        ),
      graceMinutes: z
        .number()
        .check(
          z.int('Whole minutes'),
          z.gte(0, 'Cannot be negative'),
          z.lte(240, 'At most 240 minutes'),
        ),
      onlineBookingVideo: z.enum(['generated', 'personal-room']),
      reminderHours: z
        .array(
          z
            .number()
            .check(
              z.int('Whole hours'),
              z.gte(1, 'At least 1 hour'),
              z.lte(168, 'At most 168 hours (a week)'),
            ),
        )
        .check(
          z.maxLength(3, 'At most 3 reminders'),
          z.refine((hours) => new Set(hours).size === hours.length, 'Each time at most once'),
        ),
    }),
  )
  .register(z.globalRegistry, { id: 'ClinicSettingsPatch' });

export type ClinicSettingsPatch = z.infer<typeof ClinicSettingsPatch>;

export async function updateSettings(
  actor: UserActor,
  patch: ClinicSettingsPatch,
  deps: { settings: SettingsStore; now: () => Date },
): Promise<ClinicSettings> {
  if (!isAdmin(actor.role))
    throw forbidden('settings.forbidden', 'Only an owner or manager can change clinic settings.');
  const at = deps.now().toISOString();
  const fields = Object.keys(patch).sort();
  // Which settings changed, not their values (a clinic's name is no secret, but one rule for all).
  const audit =
    fields.length > 0
      ? [
          {
            eventId: `settings:${at}`,
            at,
            type: 'settings.changed',
            actor: actor.sub,
            details: { fields: fields.join(', ') },
          },
        ]
      : [];
  return deps.settings.update(patch, at, audit);
}
