import type { UserActor } from '../identity/actor';
import { conflict, invalid } from '../platform/errors';
import type { ClientSearchInput } from './client-search';
import {
  type ClientInput,
  type ClientPatch,
  type ClientStore,
  clientChanges,
  newClient,
  presentClient,
  requireClient,
} from './clients';
import {
  type Contact,
  type ContactInput,
  type ContactPatch,
  type ContactStore,
  contactChanges,
  presentContact,
  requireContact,
} from './contacts';

/** Clients and contacts: the people the clinic schedules for and invites. */
export interface RecordDeps {
  clients: ClientStore;
  contacts: ContactStore;
  now: () => Date;
  newId: () => string;
}

/** One page of clients matching a name prefix, an email, a phone number or a date of birth. */
export async function searchClients(input: ClientSearchInput, deps: RecordDeps) {
  const page = await deps.clients.search(input.q, {
    includeArchived: input.includeArchived,
    limit: input.limit,
    cursor: input.cursor,
  });
  return {
    clients: page.clients.map(presentClient),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  };
}

export async function createClient(input: ClientInput, deps: RecordDeps) {
  const client = newClient(input, deps.newId(), deps.now().toISOString());
  await deps.clients.create(client);
  return presentClient(client);
}

export async function getClient(id: string, deps: RecordDeps) {
  return presentClient(await requireClient(deps.clients, id));
}

/** Edits seen at once re-read and apply in turn, so finder items always match the client. */
const editAttempts = 5;

export async function updateClient(id: string, patch: ClientPatch, deps: RecordDeps) {
  for (let attempt = 0; attempt < editAttempts; attempt += 1) {
    const current = await requireClient(deps.clients, id);
    const { set, remove } = clientChanges(current, patch, deps.now().toISOString());
    const edited = await deps.clients.edit(current, set, remove);
    if (edited) return presentClient(edited);
  }
  throw conflict('client.changed', 'Someone else is changing this client right now; try again.');
}

export async function clientContacts(id: string, deps: RecordDeps) {
  await requireClient(deps.clients, id);
  return { contacts: (await deps.contacts.listForClient(id)).map(presentContact) };
}

export async function createContact(_actor: UserActor, input: ContactInput, deps: RecordDeps) {
  const clientIds = [...new Set(input.clientIds)];
  const found = await Promise.all(clientIds.map((id) => deps.clients.get(id)));
  const missing = clientIds.filter((_, i) => !found[i]);
  if (missing.length > 0) {
    throw invalid('client.not_found', 'A linked client does not exist.', {
      clientIds: `No such client: ${missing.join(', ')}`,
    });
  }
  const now = deps.now().toISOString();
  const contact: Contact = {
    id: deps.newId(),
    firstName: input.firstName,
    lastName: input.lastName,
    displayName: `${input.firstName} ${input.lastName}`,
    relationship: input.relationship,
    ...(input.email ? { email: input.email } : {}),
    ...(input.phone ? { phone: input.phone } : {}),
    clientIds,
    createdAt: now,
    updatedAt: now,
  };
  await deps.contacts.create(contact);
  return presentContact(contact);
}

export async function getContact(id: string, deps: RecordDeps) {
  return presentContact(await requireContact(deps.contacts, id));
}

export async function updateContact(id: string, patch: ContactPatch, deps: RecordDeps) {
  const current = await requireContact(deps.contacts, id);
  const { set, remove } = contactChanges(current, patch, deps.now().toISOString());
  return presentContact(await deps.contacts.update(id, set, remove));
}

export async function linkContact(id: string, clientId: string, deps: RecordDeps) {
  await requireContact(deps.contacts, id);
  await requireClient(deps.clients, clientId);
  await deps.contacts.link(id, clientId, deps.now().toISOString());
  return presentContact(await requireContact(deps.contacts, id));
}

export async function unlinkContact(id: string, clientId: string, deps: RecordDeps) {
  const contact = await requireContact(deps.contacts, id);
  if (contact.clientIds.includes(clientId) && contact.clientIds.length === 1) {
    throw invalid('contact.last_client', 'A contact stays linked to at least one client.', {
      clientId: 'This is the only client of the contact',
    });
  }
  await deps.contacts.unlink(id, clientId, deps.now().toISOString());
  return presentContact(await requireContact(deps.contacts, id));
}
