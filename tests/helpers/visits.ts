import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DateTime } from 'luxon';
import { apiAs, plusMinutes } from './api';
import { createUser, type TestUser } from './auth';
import { localClients } from './aws';
import { stack } from './local-stack';
import { newClient } from './people';

/** A video appointment starting in a few minutes (its join window is open), with its own provider. */
export async function openVisit(options: { guests?: number } = {}) {
  const provider: TestUser = await createUser('provider', {
    teletherapy: true,
    displayName: `Dr. Visit ${Date.now() % 10000}`,
  });
  const clientId = await newClient('Visit');
  const startsAt = new Date(Date.now() + 5 * 60_000).toISOString();
  const frontDesk = apiAs('frontdesk@demo.test');
  const appointment = (
    await frontDesk.post('/appointments', {
      providerId: provider.sub,
      clientId,
      startsAt,
      endsAt: plusMinutes(startsAt, 50),
      video: true,
    })
  ).body.appointments[0];
  const links: { email: string; token: string; inviteeId: string }[] = [];
  for (let i = 0; i < (options.guests ?? 0); i += 1) {
    const email = `guest${i}.${Date.now()}@example.com`;
    const listed = await frontDesk.post(`/appointments/${appointment.id}/invitees`, { email });
    const guest = listed.body.invitees.find((g: { email?: string }) => g.email === email);
    links.push({
      email,
      token: String(guest.link).split('/join/')[1] ?? '',
      inviteeId: guest.inviteeId,
    });
  }
  return {
    provider,
    host: apiAs(provider),
    appointment,
    visitId: String(appointment.id),
    links,
    clientLink: String(appointment.videoLink).split('/join/')[1] ?? '',
  };
}

/** Knocks through a join link as a guest would; returns the participant's credential and place. */
export async function knock(token: string, firstName = 'Guest', lastName = 'Person') {
  const response = await apiAs(null).post(`/join/${token}/knock`, { firstName, lastName });
  if (response.status !== 200)
    throw new Error(`knock failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as {
    participantToken: string;
    participantId: string;
    visitId: string;
    state: string;
    message: string;
  };
}

/** Calls a participant route with a participant token. */
export function asParticipant(participantToken: string) {
  const anonymous = apiAs(null);
  const headers = { 'x-participant-token': participantToken };
  return {
    me: (visitId: string) => anonymous.call('GET', `/visits/${visitId}/me`, undefined, headers),
    session: (visitId: string) =>
      anonymous.call('GET', `/visits/${visitId}/me/session`, undefined, headers),
    leave: (visitId: string) => anonymous.call('POST', `/visits/${visitId}/me/leave`, {}, headers),
    call: (method: string, path: string, body?: unknown) =>
      anonymous.call(method, path, body, headers),
  };
}

/**
 * The offsets (minutes from `now`) that start on the same day as `now` in New York, the zone the
 * browser tests read times in: the schedule's Today list shows only those, so near midnight a
 * start on the other side of it would not be listed, whatever hour CI runs.
 */
export function startsToday(now: number, offsets: readonly number[]): number[] {
  const day = (ms: number) => DateTime.fromMillis(ms, { zone: 'America/New_York' }).toISODate();
  return offsets.filter((minutes) => day(now + minutes * 60_000) === day(now));
}

/**
 * Books a short video appointment whose join window is open now (it opens 15 minutes before
 * the start and closes 30 after the end) on a provider's calendar that may already be busy
 * around now: the demo seed books dr.lee at fixed times of day, which at some hours leaves no
 * joinable slot at all. Tries start times from 14 minutes ahead to 35 minutes ago; if none is
 * free, cancels what the provider has around now (no test relies on the seed's appointments)
 * and books one starting now. Only starts on today's side of midnight (`startsToday`).
 */
export async function bookLiveAppointment(providerId: string, clientId: string) {
  const frontDesk = apiAs('frontdesk@demo.test');
  const now = Date.now() - (Date.now() % 60_000);
  const book = (minutes: number) => {
    const startsAt = new Date(now + minutes * 60_000).toISOString();
    return frontDesk.post('/appointments', {
      providerId,
      clientId,
      startsAt,
      endsAt: plusMinutes(startsAt, 5),
      video: true,
    });
  };
  const starts = [2, -1, -4, -7, -10, -13, -16, -19, -22, -25, -28, -31, -34, 5, 8, 11, 14];
  for (const minutes of startsToday(now, starts)) {
    const created = await book(minutes);
    if (created.status === 201) return created.body.appointments[0];
  }
  await clearAroundNow(providerId);
  const created = await book(0);
  if (created.status === 201) return created.body.appointments[0];
  throw new Error('No free slot near now on this calendar');
}

/**
 * Waits until Chime's MeetingEnded event for `meetingId` has reached the visit (the local
 * stand-in publishes it, the meeting-events function marks the stored meeting ended).
 */
export async function meetingMarkedEnded(visitId: string, meetingId: string): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    const stored = await localClients().documents.send(
      new GetCommand({
        TableName: stack().tables.TABLE_APPOINTMENTS,
        Key: { pk: `VISIT#${visitId}`, sk: 'MEETING' },
        ConsistentRead: true,
      }),
    );
    if (stored.Item?.meetingId !== meetingId || stored.Item?.endedAt) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The end of meeting ${meetingId} never reached visit ${visitId}`);
}

/** Cancels what a provider has around now (no test relies on the seed's appointments). */
export async function clearAroundNow(providerId: string): Promise<void> {
  const frontDesk = apiAs('frontdesk@demo.test');
  const around = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
  const schedule = await frontDesk.get(
    `/schedule?providerId=${providerId}&from=${around(-60)}&to=${around(30)}`,
  );
  for (const { id, status } of schedule.body.appointments as { id: string; status: string }[])
    if (status === 'scheduled') await frontDesk.post(`/appointments/${id}/cancel`);
}
