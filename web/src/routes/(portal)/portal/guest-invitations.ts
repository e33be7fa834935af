import type { InviteeRequest, Invitees } from '$lib/api/types';
import { type InviteeRow, inviteeRows, personAction } from '$lib/invitations/invitation-view';
import { invite, sendAgain } from '$lib/invitations/invitations-data';

/** The guests this client invited (the ones they may withdraw), oldest first. */
export const ownGuests = (list: Invitees): InviteeRow[] =>
  inviteeRows(list, { name: '' }).filter((row) => row.removable);

/** One guest's button beside Withdraw: Retry a failure, Send one never sent, or Send again. */
export function rowAction(row: InviteeRow): { kind: 'retry' | 'again'; label: string } | null {
  const action = personAction(row);
  if (action === 'retry') return { kind: 'retry', label: 'Retry' };
  if (row.deliveries.some((d) => d.delivery.state === 'not-sent'))
    return { kind: 'again', label: 'Send' };
  return action ? { kind: 'again', label: 'Send again' } : null;
}

/**
 * Invites a guest and sends them their invitation at once: the portal has no Send Now, and a
 * client who invites someone means them to hear of it. The new guest is the one not on `known`.
 */
export async function inviteAndSend(
  appointmentId: string,
  body: InviteeRequest,
  known: Invitees | null,
): Promise<Invitees> {
  const before = new Set(known?.invitees.map((i) => i.inviteeId));
  const after = await invite(appointmentId, body);
  const added = after.invitees.find((i) => i.kind !== 'client' && !before.has(i.inviteeId));
  return added ? sendAgain(appointmentId, added.inviteeId) : after;
}
