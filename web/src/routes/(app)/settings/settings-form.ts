import type { ClinicSettings, ClinicSettingsPatchRequest } from '$lib/api/types';

/** The settings an owner or manager edits, as the form holds them. */
export type SettingsValues = Omit<ClinicSettings, 'updatedAt'>;

export function valuesOf(s: ClinicSettings): SettingsValues {
  const { updatedAt: _updatedAt, ...values } = s;
  return values;
}

/** Only what changed, so two managers editing different settings do not undo each other. */
export function settingsPatch(
  values: SettingsValues,
  saved: SettingsValues,
): ClinicSettingsPatchRequest {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(values) as (keyof SettingsValues)[]) {
    // Arrays (the reminder hours) compare by value.
    if (JSON.stringify(values[key]) !== JSON.stringify(saved[key])) patch[key] = values[key];
  }
  return patch as ClinicSettingsPatchRequest;
}

/** Every IANA zone the browser knows, the clinic's own first if it is an alias. */
export function timeZones(current: string): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes(current) ? zones : [current, ...zones];
}

/** The reminder hours as typed ("24, 1"): whole numbers, largest first; junk is left to the server. */
export function reminderHoursOf(text: string): number[] {
  return text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map(Number)
    .sort((a, b) => b - a);
}

export const reminderText = (hours: readonly number[]) => hours.join(', ');
