/**
 * Which changes of the appointments table reach the visit-news function: a visit's state item
 * (`VISIT#…` / `STATE`), written by every committed change with the events it caused, and an
 * appointment's own item (`APPT#…` / `APPOINTMENT`) made or changed, so its provider's schedule
 * page hears of it. The CDK event source filters and the local stack's stream poller both use
 * these definitions.
 */
export const visitNewsFilter = { pkPrefix: 'VISIT#', sk: 'STATE' } as const;
export const scheduleNewsFilter = { pkPrefix: 'APPT#', sk: 'APPOINTMENT' } as const;

const filterPatternOf = (filter: { pkPrefix: string; sk: string }) => ({
  eventName: ['INSERT', 'MODIFY'],
  dynamodb: {
    Keys: {
      pk: { S: [{ prefix: filter.pkPrefix }] },
      sk: { S: [filter.sk] },
    },
  },
});

/** The same, as Lambda event filter patterns over a DynamoDB stream record (either passes). */
export const visitNewsFilterPatterns = [
  filterPatternOf(visitNewsFilter),
  filterPatternOf(scheduleNewsFilter),
];

const matches = (
  filter: { pkPrefix: string; sk: string },
  keys: Record<string, { S?: string }> | undefined,
) => (keys?.pk?.S ?? '').startsWith(filter.pkPrefix) && keys?.sk?.S === filter.sk;

/** Whether a stream record passes visitNewsFilterPatterns (for the local poller). */
export function matchesVisitNews(
  eventName: string | undefined,
  keys: Record<string, { S?: string }> | undefined,
): boolean {
  return (
    (eventName === 'INSERT' || eventName === 'MODIFY') &&
    (matches(visitNewsFilter, keys) || matches(scheduleNewsFilter, keys))
  );
}

/**
 * Which changes reach the appointment-notices function: an appointment's own item
 * (`APPT#…` / `APPOINTMENT`) changed (a new staff booking has told nobody anything yet), or
 * made by an online booking (its confirmation goes out from there).
 */
export const appointmentNoticesFilter = { pkPrefix: 'APPT#', sk: 'APPOINTMENT' } as const;

const appointmentKeys = {
  pk: { S: [{ prefix: appointmentNoticesFilter.pkPrefix }] },
  sk: { S: [appointmentNoticesFilter.sk] },
};

/** Two patterns (Lambda ORs them): every change, and an online booking's new appointment. */
export const appointmentNoticesFilterPatterns = [
  { eventName: ['MODIFY'], dynamodb: { Keys: appointmentKeys } },
  {
    eventName: ['INSERT'],
    dynamodb: { Keys: appointmentKeys, NewImage: { bookedOnline: { BOOL: [true] } } },
  },
];

export function matchesAppointmentNotices(
  eventName: string | undefined,
  keys: Record<string, { S?: string }> | undefined,
  newImage?: Record<string, { BOOL?: boolean }>,
): boolean {
  const appointment =
    (keys?.pk?.S ?? '').startsWith(appointmentNoticesFilter.pkPrefix) &&
    keys?.sk?.S === appointmentNoticesFilter.sk;
  return (
    appointment &&
    (eventName === 'MODIFY' || (eventName === 'INSERT' && newImage?.bookedOnline?.BOOL === true))
  );
}
