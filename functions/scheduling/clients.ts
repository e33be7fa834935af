import * as z from 'zod/mini';
import { notFound } from '../platform/errors';
import { dateOfBirth, phone } from '../shared/contact-fields';
import { clearable, email, personName } from '../shared/fields';
import type { ClientQuery } from './client-search';

/** A patient of the clinic. */
export interface Client {
  id: string;
  firstName: string;
  lastName: string;
  displayName: string;
  dateOfBirth?: string;
  email?: string;
  phone?: string;
  status: 'active' | 'archived';
  /** The Cognito `sub` of their portal account, once they have one. */
  portalSub?: string;
  /** Their personal room, once one was made. */
  personalRoomId?: string;
  createdAt: string;
  updatedAt: string;
}

export const ClientSchema = z
  .object({
    id: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    displayName: z.string(),
    dateOfBirth: z.optional(z.string()),
    email: z.optional(z.string()),
    phone: z.optional(z.string()),
    status: z.enum(['active', 'archived']),
    hasPortalAccount: z.boolean(),
    personalRoomId: z.optional(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .register(z.globalRegistry, { id: 'Client' });

export const ClientInput = z
  .strictObject({
    firstName: personName('First name'),
    lastName: personName('Last name'),
    dateOfBirth: z.optional(dateOfBirth),
    email: z.optional(email),
    phone: z.optional(phone),
  })
  .register(z.globalRegistry, { id: 'ClientInput' });

/** Edits: any field; an empty string clears an optional one. */
export const ClientPatch = z
  .partial(
    z.strictObject({
      firstName: personName('First name'),
      lastName: personName('Last name'),
      dateOfBirth: clearable(dateOfBirth),
      email: clearable(email),
      phone: clearable(phone),
      status: z.enum(['active', 'archived']),
    }),
  )
  .register(z.globalRegistry, { id: 'ClientPatch' });

export type ClientInput = z.infer<typeof ClientInput>;
export type ClientPatch = z.infer<typeof ClientPatch>;

/** Attributes a search reads: changing one moves the client's index keys and finder items. */
export const searchedFields = [
  'firstName',
  'lastName',
  'status',
  'email',
  'phone',
  'dateOfBirth',
] as const;
export type SearchedField = (typeof searchedFields)[number];

/** One page of a search; `cursor` (opaque) is there when there may be more. */
export interface ClientPage {
  clients: Client[];
  cursor?: string;
}

/** Port: client records. Every search is a Query of index or finder keys, never a scan. */
export interface ClientStore {
  /** The client with its finder items, in one transaction. */
  create(client: Client): Promise<void>;
  get(id: string): Promise<Client | undefined>;
  /** Attributes no search reads (the portal account, timestamps). */
  update(
    id: string,
    changes: Partial<Omit<Client, SearchedField>>,
    remove: Exclude<keyof Client, SearchedField>[],
  ): Promise<Client>;
  /**
   * Any change, with the finder items it moves, in one transaction on condition that the
   * searched fields are still as in `current`; undefined when another edit came first.
   */
  edit(
    current: Client,
    changes: Partial<Client>,
    remove: (keyof Client)[],
  ): Promise<Client | undefined>;
  search(
    query: ClientQuery,
    options: { includeArchived: boolean; limit: number; cursor?: string | undefined },
  ): Promise<ClientPage>;
}

export function presentClient(client: Client): z.infer<typeof ClientSchema> {
  const { portalSub, ...rest } = client;
  return { ...rest, hasPortalAccount: portalSub !== undefined };
}

export async function requireClient(store: ClientStore, id: string): Promise<Client> {
  const client = await store.get(id);
  if (!client) throw notFound('client.not_found', 'There is no client with this id.');
  return client;
}

export function newClient(input: ClientInput, id: string, now: string): Client {
  return {
    id,
    firstName: input.firstName,
    lastName: input.lastName,
    displayName: `${input.firstName} ${input.lastName}`,
    ...(input.dateOfBirth ? { dateOfBirth: input.dateOfBirth } : {}),
    ...(input.email ? { email: input.email } : {}),
    ...(input.phone ? { phone: input.phone } : {}),
    status: 'active',
    createdAt: now,
    updatedAt: now,
  };
}

/** Splits a patch into attributes to set and optional attributes to clear. */
export function clientChanges(current: Client, patch: ClientPatch, now: string) {
  const set: Partial<Client> = { updatedAt: now };
  const remove: (keyof Client)[] = [];
  for (const key of ['dateOfBirth', 'email', 'phone'] as const) {
    const value = patch[key];
    if (value === '') remove.push(key);
    else if (value !== undefined) set[key] = value;
  }
  if (patch.firstName !== undefined) set.firstName = patch.firstName;
  if (patch.lastName !== undefined) set.lastName = patch.lastName;
  if (patch.status !== undefined) set.status = patch.status;
  if (patch.firstName !== undefined || patch.lastName !== undefined) {
    set.displayName = `${set.firstName ?? current.firstName} ${set.lastName ?? current.lastName}`;
  }
  return { set, remove };
}
