/**
 * Which changes of the appointments table reach the visit-news function: a visit's state item
 * (`VISIT#…` / `STATE`), written by every committed change with the events it caused. The CDK
 * event source filter and the local stack's stream poller both use this definition.
 */
export const visitNewsFilter = { pkPrefix: 'VISIT#', sk: 'STATE' } as const;

/** The same, as a Lambda event filter pattern over a DynamoDB stream record. */
export const visitNewsFilterPattern = {
  eventName: ['INSERT', 'MODIFY'],
  dynamodb: {
    Keys: {
      pk: { S: [{ prefix: visitNewsFilter.pkPrefix }] },
      sk: { S: [visitNewsFilter.sk] },
    },
  },
};

/** Whether a stream record's keys match visitNewsFilter (for the local poller). */
export function matchesVisitNews(
  eventName: string | undefined,
  keys: Record<string, { S?: string }> | undefined,
): boolean {
  return (
    (eventName === 'INSERT' || eventName === 'MODIFY') &&
    (keys?.pk?.S ?? '').startsWith(visitNewsFilter.pkPrefix) &&
    keys?.sk?.S === visitNewsFilter.sk
  );
}

/**
 * Which changes reach the appointment-notices function: an appointment's own item
 * (`APPT#…` / `APPOINTMENT`) changed (a new booking has told nobody anything yet).
 */
export const appointmentNoticesFilter = { pkPrefix: 'APPT#', sk: 'APPOINTMENT' } as const;

export const appointmentNoticesFilterPattern = {
  eventName: ['MODIFY'],
  dynamodb: {
    Keys: {
      pk: { S: [{ prefix: appointmentNoticesFilter.pkPrefix }] },
      sk: { S: [appointmentNoticesFilter.sk] },
    },
  },
};

export function matchesAppointmentNotices(
  eventName: string | undefined,
  keys: Record<string, { S?: string }> | undefined,
): boolean {
  return (
    eventName === 'MODIFY' &&
    (keys?.pk?.S ?? '').startsWith(appointmentNoticesFilter.pkPrefix) &&
    keys?.sk?.S === appointmentNoticesFilter.sk
  );
}
