import { ApiError, api } from '$lib/api/client';
import type { Contact, ContactRequest, InviteeRequest, Invitees } from '$lib/api/types';

const base = (appointmentId: string) => `/appointments/${encodeURIComponent(appointmentId)}`;

export function loadInvitees(appointmentId: string): Promise<Invitees> {
  return api<Invitees>(`${base(appointmentId)}/invitees`);
}

export async function loadContacts(clientId: string): Promise<Contact[]> {
  return (await api<{ contacts: Contact[] }>(`/clients/${encodeURIComponent(clientId)}/contacts`))
    .contacts;
}

/** Each change answers with the whole invitation list, so the page never re-reads it. */
export function invite(appointmentId: string, body: InviteeRequest): Promise<Invitees> {
  return api<Invitees>(`${base(appointmentId)}/invitees`, {
    method: 'POST',
    body: JSON.stringify(body),
  });
}

export function uninvite(appointmentId: string, inviteeId: string): Promise<Invitees> {
  return api<Invitees>(`${base(appointmentId)}/invitees/${encodeURIComponent(inviteeId)}`, {
    method: 'DELETE',
  });
}

/** Send Now: everyone not notified yet. The server claims each delivery, so a repeat sends none. */
export function sendNow(appointmentId: string): Promise<Invitees> {
  return api<Invitees>(`${base(appointmentId)}/invitations/send`, { method: 'POST' });
}

/**
 * One person again: "Retry" sends only the channels that failed (an email already sent is not
 * sent twice); "Send again" deliberately sends every channel again.
 */
export function sendAgain(
  appointmentId: string,
  inviteeId: string,
  action: 'retry' | 'again' = 'again',
): Promise<Invitees> {
  const query = action === 'retry' ? '?only=failed' : '';
  return api<Invitees>(
    `${base(appointmentId)}/invitees/${encodeURIComponent(inviteeId)}/send${query}`,
    { method: 'POST' },
  );
}

export function createContact(body: ContactRequest): Promise<Contact> {
  return api<Contact>('/contacts', { method: 'POST', body: JSON.stringify(body) });
}

/** "+ Other guest" takes one address: an email address has an @, anything else is a phone. */
export function guestRequest(text: string): { field: 'email' | 'phone'; body: InviteeRequest } {
  const value = text.trim();
  return value.includes('@')
    ? { field: 'email', body: { email: value } }
    : { field: 'phone', body: { phone: value } };
}

export const invitationsOff = (error: unknown): boolean =>
  error instanceof ApiError && error.code === 'invitations.disabled';
