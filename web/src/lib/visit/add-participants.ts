import type { z } from 'zod';
import type { InviteeSchema, InviteesSchema } from '../../../../functions/invitations/invitee';
import type { RoomSchema } from '../../../../functions/scheduling/rooms';
import { api } from '../api/client';
import type { HostVisit } from './types';

type Invitees = z.infer<typeof InviteesSchema>;
export type Invitee = z.infer<typeof InviteeSchema>;
type Room = z.infer<typeof RoomSchema>;

const base = (appointmentId: string) => `/appointments/${encodeURIComponent(appointmentId)}`;

/** "+1 202 555 0100" for a US number, else the E.164 form as it is. */
export function readablePhone(e164: string): string {
  const us = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return us ? `+1 ${us[1]} ${us[2]} ${us[3]}` : e164;
}

/** Grouped as the invitation messages print it, for reading aloud over the phone. */
export const formatPin = (pin: string): string =>
  `${pin.slice(0, 3)} ${pin.slice(3, 7)} ${pin.slice(7)}`;

export const inviteeTitle = (i: Invitee): string =>
  i.name ?? i.email ?? (i.phone ? readablePhone(i.phone) : 'Guest');

/** How each message to someone went, in a few words. */
export function deliveryNote(i: Invitee): string {
  const parts = (['email', 'sms'] as const).flatMap((channel) => {
    const d = i.deliveries[channel];
    if (!d) return [];
    const name = channel === 'email' ? 'Email' : 'Text';
    const state = { 'not-sent': 'not sent', queued: 'sending', sent: 'sent', failed: 'failed' }[
      d.state
    ];
    return [`${name} ${state}`];
  });
  return parts.join(' · ');
}

/**
 * Where an invitee is in the visit, from the participant who came by their link: waiting, in
 * the call, denied, removed or left; undefined before they have knocked.
 */
export function presenceOf(i: Pick<Invitee, 'inviteeId'>, visit: HostVisit): string | undefined {
  const p = visit.participants.find((x) => x.inviteeId === i.inviteeId);
  if (!p) return undefined;
  if (p.state === 'admitted') return p.inCall ? 'In the call' : 'Let in, joining';
  return { waiting: 'Waiting', denied: 'Denied', removed: 'Removed', left: 'Left' }[p.state];
}

export function loadInvitees(appointmentId: string): Promise<Invitees> {
  return api<Invitees>(`${base(appointmentId)}/invitees`);
}

export function loadRoom(roomId: string): Promise<Room> {
  return api<Room>(`/rooms/${encodeURIComponent(roomId)}`);
}

/**
 * "Add participants" during the call: invite a guest by email or phone (they get their own link
 * and PIN) and send it at once. Returns the list after sending and the new person.
 */
export async function inviteAndSend(
  appointmentId: string,
  address: string,
): Promise<{ list: Invitees; added: Invitee | undefined }> {
  const value = address.trim();
  const body = value.includes('@') ? { email: value } : { phone: value };
  const listed = await api<Invitees>(`${base(appointmentId)}/invitees`, {
    method: 'POST',
    body: JSON.stringify(body),
  });
  // The list may gain the client's own row on the first invitation: find the guest by address.
  const added = listed.invitees.find((i) => i.kind === 'guest' && sameAddress(i, value));
  if (!added) return { list: listed, added };
  return { list: await sendTo(appointmentId, added.inviteeId), added };
}

/** Whether a guest row is the address typed: emails case-blind, phones by their digits. */
function sameAddress(i: Invitee, typed: string): boolean {
  if (typed.includes('@')) return i.email?.toLowerCase() === typed.toLowerCase();
  const digits = typed.replace(/\D/g, '').replace(/^0+/, '');
  return !!i.phone && digits.length >= 6 && i.phone.replace(/\D/g, '').endsWith(digits.slice(-10));
}

export function sendTo(appointmentId: string, inviteeId: string): Promise<Invitees> {
  return api<Invitees>(`${base(appointmentId)}/invitees/${encodeURIComponent(inviteeId)}/send`, {
    method: 'POST',
  });
}
