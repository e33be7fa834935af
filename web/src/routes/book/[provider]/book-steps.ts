/**
 * A step of the booking page as its address says it, so that Back, Forward and a reload each
 * show what the visitor saw there: `?type=` the type of visit, `&time=` a chosen time, and
 * `&booked=` the time of the booking just made (the confirmation's own entry).
 */
export interface BookStep {
  type: string | null;
  time: string | null;
  booked: boolean;
}

export function stepOf(url: URL): BookStep {
  const params = url.searchParams;
  const booked = params.get('booked');
  const time = booked ?? params.get('time');
  return {
    type: params.get('type'),
    time: time && !Number.isNaN(Date.parse(time)) ? time : null,
    booked: booked !== null,
  };
}

/** The address of a step: the page's own path, with the step in its query. */
export function addressOf(url: URL, step: { type: string; time?: string; booked?: boolean }) {
  const next = new URLSearchParams({ type: step.type });
  if (step.time) next.set(step.booked ? 'booked' : 'time', step.time);
  return `${url.pathname}?${next}`;
}
