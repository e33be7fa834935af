/** The longest appointment the clinic can book: a full working day. */
export const maxAppointmentMs = 12 * 60 * 60 * 1000;
export const minAppointmentMs = 5 * 60 * 1000;
/** A weekly series books at most this many appointments (one transaction holds them all). */
export const maxRepeatWeeks = 24;

/** An appointment's place on a provider's calendar, as the day index keeps it. */
export interface Slot {
  appointmentId: string;
  startsAt: string;
  endsAt: string;
}

/** Whether two half-open intervals [start, end) share any instant. */
export function overlaps(
  a: { startsAt: string; endsAt: string },
  b: { startsAt: string; endsAt: string },
): boolean {
  return (
    Date.parse(a.startsAt) < Date.parse(b.endsAt) && Date.parse(b.startsAt) < Date.parse(a.endsAt)
  );
}

/** The first booked slot (other than the appointment itself) that a candidate would overlap. */
export function findOverlap(booked: readonly Slot[], candidate: Slot): Slot | undefined {
  return booked.find(
    (slot) => slot.appointmentId !== candidate.appointmentId && overlaps(slot, candidate),
  );
}

/** The UTC calendar days an interval touches: one, or two when it crosses midnight UTC. */
export function utcDays(startsAt: string, endsAt: string): string[] {
  const days: string[] = [];
  const end = Date.parse(endsAt);
  const day = 86_400_000;
  for (let cursor = Math.floor(Date.parse(startsAt) / day) * day; cursor < end; cursor += day)
    days.push(new Date(cursor).toISOString().slice(0, 10));
  return days;
}

/** Problems with an appointment's times, by field, for the one error shape. */
export function timeProblems(startsAt: string, endsAt: string): Record<string, string> {
  const length = Date.parse(endsAt) - Date.parse(startsAt);
  if (length <= 0) return { endsAt: 'The end must be after the start' };
  if (length < minAppointmentMs) return { endsAt: 'An appointment lasts at least 5 minutes' };
  if (length > maxAppointmentMs) return { endsAt: 'An appointment lasts at most 12 hours' };
  return {};
}
