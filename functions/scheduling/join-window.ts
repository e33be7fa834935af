import type { ClinicSettings } from './clinic';

export type JoinState =
  | { enabled: true; opensAt: string; closesAt: string }
  | {
      enabled: false;
      opensAt: string;
      closesAt: string;
      reason: 'not-video' | 'cancelled' | 'completed' | 'too-early' | 'ended';
      message: string;
    };

/**
 * When a person may join a video appointment: from the launch window before the start until
 * the grace period after the end. Pure, so the portal, the visit and the tests agree.
 */
export function joinState(
  appointment: { startsAt: string; endsAt: string; status: string; video: boolean },
  settings: Pick<ClinicSettings, 'launchWindowMinutes' | 'graceMinutes'>,
  now: Date,
): JoinState {
  const opens = new Date(Date.parse(appointment.startsAt) - settings.launchWindowMinutes * 60_000);
  const closes = new Date(Date.parse(appointment.endsAt) + settings.graceMinutes * 60_000);
  const window = { opensAt: opens.toISOString(), closesAt: closes.toISOString() };
  if (!appointment.video) {
    return {
      enabled: false,
      ...window,
      reason: 'not-video',
      message: 'This is an in-person appointment.',
    };
  }
  if (appointment.status === 'cancelled') {
    return {
      enabled: false,
      ...window,
      reason: 'cancelled',
      message: 'This appointment was cancelled.',
    };
  }
  if (appointment.status === 'completed') {
    return { enabled: false, ...window, reason: 'completed', message: 'This visit has ended.' };
  }
  if (now < opens) {
    return {
      enabled: false,
      ...window,
      reason: 'too-early',
      message: `You can join from ${settings.launchWindowMinutes} minutes before the start.`,
    };
  }
  if (now >= closes) {
    return {
      enabled: false,
      ...window,
      reason: 'ended',
      message: 'The time for this visit has passed.',
    };
  }
  return { enabled: true, ...window };
}
