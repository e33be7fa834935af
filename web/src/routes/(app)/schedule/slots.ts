import { defaultMinutes } from './calendar-options';

/** A time someone picked on the calendar, with the provider column it was in, if any. */
export interface Slot {
  start: Date;
  end: Date;
  providerId?: string;
}

/** A click books the default length from the slot's start; a drag books exactly what it spans. */
export function slotFromClick(info: { date: Date; resource?: { id: string } }): Slot {
  const end = new Date(info.date.getTime() + defaultMinutes * 60_000);
  return { start: info.date, end, ...(info.resource ? { providerId: info.resource.id } : {}) };
}

export function slotFromSelection(info: {
  start: Date;
  end: Date;
  resource?: { id: string };
}): Slot {
  return {
    start: info.start,
    end: info.end,
    ...(info.resource ? { providerId: info.resource.id } : {}),
  };
}

/** "New appointment" without a click: the next whole hour today, for the chosen provider. */
export function defaultSlot(providerId: string | undefined, now = new Date()): Slot {
  const start = new Date(now);
  start.setHours(start.getHours() + 1, 0, 0, 0);
  const end = new Date(start.getTime() + defaultMinutes * 60_000);
  return { start, end, ...(providerId ? { providerId } : {}) };
}

/** What the appointment editor opens on: a new booking at a slot, or a saved appointment. */
export type EditorTarget = { kind: 'new'; slot: Slot } | { kind: 'edit'; id: string };
