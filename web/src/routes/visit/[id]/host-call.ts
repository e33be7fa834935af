import { api } from '$lib/api/client';
import { messageOf } from '$lib/api/errors';
import type { Appointment } from '$lib/api/types';
import type { MediaEnd } from '$lib/media/media-session';
import { CallState } from '$lib/visit/call.svelte';
import type { HostVisit } from '$lib/visit/types';
import { hostJoin } from '$lib/visit/visit-api';

/** "Visit with Pat Rivera · 3:00 – 3:50 PM": from the appointment, else whoever came as the client. */
export function hostTitle(visit: HostVisit | null, appointment: Appointment | null): string {
  if (appointment)
    return `Visit with ${appointment.clientName} · ${formatTimeRange(appointment.startsAt, appointment.endsAt)}`;
  const client = visit?.participants.find((p) => p.kind === 'client');
  return client ? `Visit with ${client.name}` : 'Video visit';
}

/** The appointment behind the visit (an appointment's visit has the appointment's id). */
export function loadAppointment(visitId: string): Promise<Appointment | null> {
  return api<Appointment>(`/appointments/${encodeURIComponent(visitId)}`).catch(() => null);
}

function formatTimeRange(startIso: string, endIso: string): string {
  return new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' }).formatRange(
    new Date(startIso),
    new Date(endIso),
  );
}

/**
 * The provider's way into the call: join information (starting the visit again if needed),
 * then the media. Resolves to the call, or to what to tell the provider.
 */
export async function openHostCall(
  visitId: string,
  onended: (reason: MediaEnd, meetingId: string) => void,
  failedMeetingId?: string,
): Promise<{ call: CallState } | { error: string; ended: boolean }> {
  try {
    const info = await hostJoin(visitId, failedMeetingId);
    const meetingId = String(info.Meeting.MeetingId ?? '');
    const call = new CallState(info, (reason) => onended(reason, meetingId));
    void call.start();
    return { call };
  } catch (error) {
    const ended = error instanceof Error && 'status' in error && error.status === 410;
    return { error: messageOf(error, 'The call could not be opened.'), ended };
  }
}
