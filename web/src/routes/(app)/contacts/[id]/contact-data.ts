import { api } from '$lib/api/client';
import type { Client, Contact } from '$lib/api/types';

const path = (id: string) => `/contacts/${encodeURIComponent(id)}`;

export function loadContact(id: string): Promise<Contact> {
  return api<Contact>(path(id));
}

/** The clients a contact is linked to, by name; one that is gone shows as such, not as an error. */
export async function linkedClients(contact: Contact): Promise<{ id: string; name: string }[]> {
  return Promise.all(
    contact.clientIds.map((id) =>
      api<Client>(`/clients/${encodeURIComponent(id)}`).then(
        (c) => ({ id, name: c.displayName }),
        () => ({ id, name: 'Unknown client' }),
      ),
    ),
  );
}

export function link(contactId: string, clientId: string): Promise<Contact> {
  return api<Contact>(`${path(contactId)}/clients/${encodeURIComponent(clientId)}`, {
    method: 'PUT',
  });
}

export function unlink(contactId: string, clientId: string): Promise<Contact> {
  return api<Contact>(`${path(contactId)}/clients/${encodeURIComponent(clientId)}`, {
    method: 'DELETE',
  });
}
