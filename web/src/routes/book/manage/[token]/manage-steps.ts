/**
 * A step of the manage page as its address says it, so that Back, Forward and a reload each
 * show what the visitor saw there: `?change` the free times, `&time=` a new time chosen and
 * waiting for its confirmation. The booking as it is has the bare address.
 */
export interface ManageStep {
  change: boolean;
  time: string | null;
}

export function manageStepOf(url: URL): ManageStep {
  const time = url.searchParams.get('time');
  const change = url.searchParams.has('change');
  return { change, time: change && time && !Number.isNaN(Date.parse(time)) ? time : null };
}

export function manageAddressOf(url: URL, step: Partial<ManageStep>): string {
  if (!step.change) return url.pathname;
  const next = new URLSearchParams({ change: '' });
  if (step.time) next.set('time', step.time);
  return `${url.pathname}?${next}`;
}

/** How many entries back the bare address is, from a step this page made. */
export const stepsIn = (step: ManageStep): number => (step.change ? 1 : 0) + (step.time ? 1 : 0);
