import type { Delivery, Invitee, Invitees } from '$lib/api/types';
import { formatDateTime, formatTime } from '$lib/time/format';

export type Channel = 'email' | 'sms';
export const channelNames: Record<Channel, string> = { email: 'Email', sms: 'Text' };
export const kindNames: Record<Invitee['kind'], string> = {
  client: 'Client',
  contact: 'Contact',
  guest: 'Guest',
};

/** One person on the invitation list, as the editor shows them. */
export interface InviteeRow {
  key: string;
  /** Absent for the client before the API has added them (it does at the first invite or send). */
  inviteeId?: string;
  kind: Invitee['kind'];
  /** Their name, or the address a guest was invited by. */
  title: string;
  /** The addresses not already in the title. */
  details: string;
  link?: string;
  pin?: string;
  deliveries: { channel: Channel; delivery: Delivery }[];
  /** Whether the viewer may withdraw this invitation. */
  removable: boolean;
}

export interface ClientFacts {
  name: string;
  email?: string | undefined;
  phone?: string | undefined;
  link?: string | undefined;
}

const rank: Record<Invitee['kind'], number> = { client: 0, contact: 1, guest: 2 };
const notSent: Delivery = { state: 'not-sent', attempts: 0 };

/** "+12025550143" → "+1 202 555 0143"; other countries as stored (E.164 is still dialable). */
export function readablePhone(e164: string): string {
  const us = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return us ? `+1 ${us[1]} ${us[2]} ${us[3]}` : e164;
}

/** Grouped as the invitation messages print it, for reading aloud: 123 4567 8901. */
export const formatPin = (pin: string): string =>
  `${pin.slice(0, 3)} ${pin.slice(3, 7)} ${pin.slice(7)}`;

function row(i: Invitee): InviteeRow {
  const addresses = [i.email, i.phone && readablePhone(i.phone)].filter((a): a is string => !!a);
  const title = i.name ?? addresses[0] ?? 'Guest';
  const deliveries = (['email', 'sms'] as const).flatMap((channel) => {
    const delivery = i.deliveries[channel];
    return delivery ? [{ channel, delivery }] : [];
  });
  return {
    key: i.inviteeId,
    inviteeId: i.inviteeId,
    kind: i.kind,
    title,
    details: addresses.filter((a) => a !== title).join(' · '),
    link: i.link,
    pin: i.pin,
    deliveries,
    removable: i.removable,
  };
}

/**
 * The list the editor shows: the client first, then contacts, then guests, each in the order
 * invited. Until the API has added the client, a row made from the appointment stands in.
 */
export function inviteeRows(list: Invitees, client: ClientFacts): InviteeRow[] {
  const rows = [...list.invitees]
    .sort((a, b) => rank[a.kind] - rank[b.kind] || a.createdAt.localeCompare(b.createdAt))
    .map(row);
  if (rows.some((r) => r.kind === 'client')) return rows;
  const channels = [
    ...(client.email ? [{ channel: 'email' as const, delivery: notSent }] : []),
    ...(client.phone ? [{ channel: 'sms' as const, delivery: notSent }] : []),
  ];
  const details = [client.email, client.phone && readablePhone(client.phone)].filter(Boolean);
  return [
    {
      key: 'client',
      kind: 'client',
      title: client.name,
      details: details.join(' · '),
      ...(client.link ? { link: client.link } : {}),
      deliveries: channels,
      removable: false,
    },
    ...rows,
  ];
}

export type Tone = 'muted' | 'warning' | 'success' | 'danger';

/** A delivery's state in a word or two, with its colour: not sent, sending, sent (when), failed. */
export function deliveryLabel(d: Delivery, nowMs = Date.now()): { tone: Tone; text: string } {
  if (d.state === 'queued') return { tone: 'warning', text: 'Sending…' };
  if (d.state === 'failed') return { tone: 'danger', text: 'Failed' };
  if (d.state === 'not-sent') return { tone: 'muted', text: 'Not sent' };
  if (!d.sentAt) return { tone: 'success', text: 'Sent' };
  const today = new Date(d.sentAt).toDateString() === new Date(nowMs).toDateString();
  return {
    tone: 'success',
    text: `Sent ${today ? formatTime(d.sentAt) : formatDateTime(d.sentAt)}`,
  };
}

/** What one person's own button does: retry a failure, or send again once something went out. */
export function personAction(r: InviteeRow): 'retry' | 'again' | null {
  if (!r.inviteeId) return null;
  const states = r.deliveries.map((d) => d.delivery.state);
  if (states.includes('failed')) return 'retry';
  if (states.includes('sent')) return 'again';
  return null;
}

/**
 * Who Send Now notifies: everyone, or, while the clinic has guest invitations off, only the
 * client (their own invitation is not a guest invitation).
 */
export const sendable = (rows: InviteeRow[], guestsToo: boolean): InviteeRow[] =>
  guestsToo ? rows : rows.filter((r) => r.kind === 'client');

/** How many people Send Now would notify (someone with a channel not sent yet). */
export const waitingCount = (rows: InviteeRow[]): number =>
  rows.filter((r) => r.deliveries.some((d) => d.delivery.state === 'not-sent')).length;

/** How many people beside the client are invited (they count against the appointment's limit). */
export const guestCount = (rows: InviteeRow[]): number =>
  rows.filter((r) => r.kind !== 'client').length;

/** The line beside Send Now: who is still to be notified, and any message that failed. */
export function sendSummary(rows: InviteeRow[]): string {
  const waiting = waitingCount(rows);
  const failed = rows.filter((r) => r.deliveries.some((d) => d.delivery.state === 'failed')).length;
  const parts: string[] = [];
  if (waiting > 0)
    parts.push(
      `${waiting === 1 ? '1 person has' : `${waiting} people have`} not been notified yet.`,
    );
  if (failed > 0)
    parts.push(
      `${failed === 1 ? 'A message to 1 person' : `Messages to ${failed} people`} could not be sent: use Retry beside them.`,
    );
  return parts.length > 0 ? parts.join(' ') : 'Everyone on the list has been notified.';
}

/** Deliveries still in flight (another tab's Send Now, say): worth reading the list again. */
export const inFlight = (rows: InviteeRow[]): boolean =>
  rows.some((r) => r.deliveries.some((d) => d.delivery.state === 'queued'));
