/**
 * An iCalendar event (RFC 5545) as an invitation carries it, and its updates (RFC 5546): the
 * same UID for the life of the appointment, SEQUENCE raised on every change, METHOD:REQUEST
 * while it stands and METHOD:CANCEL with STATUS:CANCELLED once cancelled, times in UTC. Lines end
 * in CRLF and are folded at 75 octets; text is escaped. Written here: the general libraries
 * carry a schema validator several times the size of this file.
 */
export interface CalendarEvent {
  uid: string;
  /** Raised on every change of the event; 0 when first sent. */
  sequence: number;
  method: 'REQUEST' | 'CANCEL';
  startsAt: string;
  endsAt: string;
  title: string;
  description: string;
  /** The join link; none on a cancellation. */
  url?: string;
  /** Who sends it (the clinic's sending address): calendars show it as the organizer. */
  organizer: { name: string; email: string };
  /** When this version was made. */
  stamp: string;
}

/** 2026-11-24T15:00:00.000Z -> 20261124T150000Z */
const utc = (iso: string) => `${new Date(iso).toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;

/** TEXT values: backslash, semicolon, comma and newlines escaped (RFC 5545 3.3.11). */
const text = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** A parameter value (a name): quoted, without the characters a quoted value cannot hold. */
const param = (value: string) => `"${value.replace(/["\r\n]/g, '')}"`;

/** Folds a content line into lines of at most 75 octets, continuations starting with a space. */
function fold(line: string): string {
  const bytes = Buffer.from(line);
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  for (const char of line) {
    const limit = parts.length === 0 ? 75 : 74;
    if (Buffer.byteLength(current + char) > limit) {
      parts.push(current);
      current = char;
    } else current += char;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

export function calendarEvent(event: CalendarEvent): string {
  const cancelled = event.method === 'CANCEL';
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Televisit//Video visits//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${event.method}`,
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${utc(event.stamp)}`,
    `DTSTART:${utc(event.startsAt)}`,
    `DTEND:${utc(event.endsAt)}`,
    `SUMMARY:${text(event.title)}`,
    `DESCRIPTION:${text(event.description)}`,
    ...(event.url ? [`URL:${event.url}`] : []),
    `ORGANIZER;CN=${param(event.organizer.name)}:mailto:${event.organizer.email}`,
    `STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
