import type { Calendar } from '@event-calendar/core';
import type { Provider, ScheduleEntry } from '$lib/api/types';
import { floating } from '$lib/time/local-inputs';

/** One provider's calendar, or every provider side by side (front desk, managers). */
export type CalendarMode = { kind: 'one'; providerId: string } | { kind: 'all' };
export type Span = 'day' | 'week';

/** The view name the calendar knows for a mode and a span. */
export function viewName(mode: CalendarMode, span: Span): string {
  if (mode.kind === 'all') return span === 'day' ? 'resourceTimeGridDay' : 'resourceTimeGridWeek';
  return span === 'day' ? 'timeGridDay' : 'timeGridWeek';
}

/** Length of a new appointment when a slot is clicked rather than dragged. */
export const defaultMinutes = 50;

/** Quarter-hour slots, 17 px each: a working day (about 8 to 6) in view without scrolling. */
export const slotsPerHour = 4;
export const slotHeightPx = 17;

/** `HH:00` of the hour before `now` (the viewer's clock), for where the grid opens. */
export function anHourBefore(now: Date): string {
  return `${String(Math.max(0, now.getHours() - 1)).padStart(2, '0')}:00`;
}

/** What every schedule view shares: the whole day, opened at the current time; 15-minute slots, weeks from Monday. */
export function baseOptions(): Calendar.Options {
  return {
    firstDay: 1,
    allDaySlot: false,
    slotDuration: '00:15',
    slotHeight: slotHeightPx,
    slotLabelInterval: '01:00',
    // The whole day: an early or late booking, or one seen from another time zone, is never
    // hidden; the grid opens scrolled to an hour before now, so what is next is in view.
    slotMinTime: '00:00',
    slotMaxTime: '24:00',
    scrollTime: anHourBefore(new Date()),
    height: 'calc(100vh - 190px)',
    nowIndicator: true,
    selectable: true,
    editable: false,
    dayMaxEvents: true,
    // The viewer's zone, fed floating wall-clock times (see floating()).
    timeZone: 'local',
    buttonText: (text) => ({
      ...text,
      today: 'Today',
      prev: 'Previous',
      next: 'Next',
      timeGridDay: 'Day',
      timeGridWeek: 'Week',
      resourceTimeGridDay: 'Day',
      resourceTimeGridWeek: 'Week',
    }),
    dayHeaderFormat: { weekday: 'short', month: 'short', day: 'numeric' },
    slotLabelFormat: { hour: 'numeric' },
  };
}

export function toolbarFor(mode: CalendarMode): Calendar.Options['headerToolbar'] {
  const day = viewName(mode, 'day');
  const week = viewName(mode, 'week');
  return { start: 'prev,next today', center: 'title', end: `${day},${week}` };
}

export function resourcesFor(providers: readonly Provider[]): Calendar.ResourceInput[] {
  return providers.map((p) => ({ id: p.sub, title: p.displayName }));
}

/** What the event's own markup needs, kept on the event. */
export interface EventProps {
  entry: ScheduleEntry;
  showProvider: boolean;
}

/**
 * Calendar events for the schedule. Cancelled appointments free their time, so they are left
 * out rather than drawn over the slot someone may book next.
 */
export function toEvents(
  entries: readonly ScheduleEntry[],
  showProvider: boolean,
): Calendar.EventInput[] {
  return entries
    .filter((e) => e.status !== 'cancelled')
    .map((entry) => ({
      id: entry.id,
      start: floating(new Date(entry.startsAt)),
      end: floating(new Date(entry.endsAt)),
      resourceIds: [entry.providerId],
      title: entry.clientName,
      classNames: [
        entry.video ? 'ev-video' : 'ev-office',
        `ev-${entry.status}`,
        // A stripe as well as the words: a half-hour event is too short to show them.
        ...(entry.bookedOnline ? ['ev-online'] : []),
      ],
      extendedProps: { entry, showProvider } satisfies EventProps,
    }));
}
