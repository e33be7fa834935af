import type { PhoneLine } from '../phone/ports';
import type { VisitMessage } from './messages';
import { participantMessages } from './messages';
import type { Notifier, VisitStore } from './ports';
import { joinInfoOf } from './seats';
import type { Visit } from './visit';
import type { Participant, VisitEvent } from './waiting-room';

/**
 * The news a committed change sends, read from the visit's stream after the commit (never on
 * the request's path): knocks to the provider, join information to (only) those admitted, and
 * what happened to those denied, removed or waiting; `visit-changed` to the provider and the
 * staff watching. Pushes are hints: pages also read the state on a slow timer and whenever
 * their socket comes back, so a lost push delays nobody for long.
 */

export type Delivery =
  | { to: { user: string } | { participant: string } | { watchers: string }; message: VisitMessage }
  | { admittedPerson: Participant };

const toPerson = (p: Participant) => (p.sub ? { user: p.sub } : { participant: p.participantId });

/** What each event of a change tells whom (pure). Admissions are filled in with join info. */
export function newsOf(visit: Visit, events: readonly VisitEvent[]): Delivery[] {
  const deliveries: Delivery[] = [];
  const visitId = visit.visitId;
  for (const event of events) {
    const participant =
      'participantId' in event ? visit.participants[event.participantId] : undefined;
    switch (event.type) {
      case 'knocked':
        if (participant)
          deliveries.push({
            to: { user: visit.providerId },
            message: {
              type: 'knock',
              visitId,
              participantId: participant.participantId,
              name: participant.name,
              via: participant.via,
              knockedAt: participant.knockedAt,
            },
          });
        break;
      case 'admitted':
        if (participant?.state === 'admitted') deliveries.push({ admittedPerson: participant });
        break;
      case 'full':
      case 'denied':
      case 'removed':
        if (participant)
          deliveries.push({
            to: toPerson(participant),
            message: { type: event.type, visitId, message: participantMessages[event.type] },
          });
        break;
      case 'started':
        for (const p of Object.values(visit.participants).filter((x) => x.state === 'waiting'))
          deliveries.push({ to: toPerson(p), message: { type: 'started', visitId } });
        break;
      case 'ended':
        for (const p of Object.values(visit.participants).filter((x) => x.kind !== 'provider'))
          deliveries.push({
            to: toPerson(p),
            message: { type: 'ended', visitId, message: participantMessages.ended },
          });
        break;
      default:
        break;
    }
  }
  if (events.length > 0) {
    const changed: VisitMessage = { type: 'visit-changed', visitId, version: visit.version };
    deliveries.push({ to: { user: visit.providerId }, message: changed });
    deliveries.push({ to: { watchers: visitId }, message: changed });
  }
  return deliveries;
}

/** Sends a change's news. Throws when a push could not be attempted (the stream retries). */
export async function deliverNews(
  visit: Visit,
  events: readonly VisitEvent[],
  deps: { visits: Pick<VisitStore, 'meeting' | 'attendee'>; notify: Notifier; phone?: PhoneLine },
): Promise<void> {
  const deliveries = newsOf(visit, events);
  // A caller on the phone has no page: their call is woken instead, and its line reads the
  // visit for where they stand (the update's arguments are only a hint, like a push).
  const phoneCallOf = (to: Delivery) => {
    const id =
      'admittedPerson' in to
        ? to.admittedPerson.participantId
        : 'participant' in to.to
          ? to.to.participant
          : undefined;
    return id ? visit.participants[id]?.phoneCall : undefined;
  };
  const needsMeeting = deliveries.some((d) => 'admittedPerson' in d);
  const meeting = needsMeeting ? await deps.visits.meeting(visit.visitId) : undefined;
  await Promise.all(
    deliveries.map(async (delivery) => {
      const phoneCall = phoneCallOf(delivery);
      if (phoneCall) {
        const op = 'admittedPerson' in delivery ? 'admitted' : delivery.message.type;
        await deps.phone?.update(phoneCall, { op, visitId: visit.visitId });
        return;
      }
      if ('admittedPerson' in delivery) {
        const person = delivery.admittedPerson;
        const attendee = await deps.visits.attendee(visit.visitId, person.participantId);
        // No seat yet (a guest the visit did not know): the hint alone; their page then asks
        // for join information, which makes the seat.
        const joinInfo =
          meeting && !meeting.endedAt && attendee?.meetingId === meeting.meetingId
            ? { joinInfo: joinInfoOf(meeting, attendee) }
            : {};
        const message: VisitMessage = { type: 'admitted', visitId: visit.visitId, ...joinInfo };
        return send(deps.notify, toPerson(person), message);
      }
      return send(deps.notify, delivery.to, delivery.message);
    }),
  );
}

function send(
  notify: Notifier,
  to: { user: string } | { participant: string } | { watchers: string },
  message: VisitMessage,
) {
  if ('user' in to) return notify.toUser(to.user, message);
  if ('participant' in to) return notify.toParticipant(to.participant, message);
  return notify.toWatchers(to.watchers, message);
}

/**
 * Tells a provider's pages that one of their appointments was made or changed (by the front
 * desk, a booking, a cancellation), so today's visits and the calendar reload without a click.
 * Only the appointment's id travels; the page reads the rest with its own rights.
 */
export async function deliverScheduleNews(
  changes: readonly { appointmentId: string; providerId: string }[],
  notify: Notifier,
): Promise<void> {
  await Promise.all(
    changes.map(({ appointmentId, providerId }) =>
      notify.toUser(providerId, { type: 'schedule-changed', appointmentId } satisfies VisitMessage),
    ),
  );
}
