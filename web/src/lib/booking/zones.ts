/** The zones a visitor may read times in: their own first, then the provider's, then common ones. */
const common = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
  'America/Halifax',
  'America/Puerto_Rico',
  'Europe/London',
  'Europe/Paris',
  'UTC',
];

export interface ZoneOption {
  value: string;
  label: string;
}

/** The browser's own zone; `UTC` where it cannot say (some locked-down browsers). */
export const detectedZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** A zone as people read it: "America/New York". */
export const zoneName = (zone: string): string => zone.replaceAll('_', ' ');

/**
 * A zone by its place alone, "New York" (or "UTC"): the list's options must fit a 320 px phone
 * with their notes; the line under the list names the zone in full.
 */
export const zonePlace = (zone: string): string => zoneName(zone.split('/').at(-1) ?? zone);

export function zoneOptions(detected: string, providerZone: string): ZoneOption[] {
  const zones = [...new Set([detected, providerZone, ...common])];
  return zones.map((value) => {
    const notes = [
      value === detected ? 'yours' : '',
      value === providerZone ? "provider's" : '',
    ].filter(Boolean);
    return {
      value,
      label: notes.length > 0 ? `${zonePlace(value)} (${notes.join(', ')})` : zonePlace(value),
    };
  });
}
