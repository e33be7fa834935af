import * as z from 'zod/mini';
import { invalid, notFound } from '../platform/errors';
import { phone } from '../shared/contact-fields';
import { clearable, email, id, personName } from '../shared/fields';

export const relationships = [
  'family',
  'caregiver',
  'interpreter',
  'other-provider',
  'other',
] as const;

/** A third party who joins visits: family, caregiver, interpreter, another provider. */
export interface Contact {
  id: string;
  firstName: string;
  lastName: string;
  displayName: string;
  relationship: (typeof relationships)[number];
  email?: string;
  phone?: string;
  clientIds: string[];
  /** The Cognito `sub` of their account, once their first invitation created it. */
  accountSub?: string;
  /** Whether an invitation carrying their temporary password has gone out. */
  passwordSent?: boolean;
  createdAt: string;
  updatedAt: string;
}

export const ContactSchema = z
  .object({
    id: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    displayName: z.string(),
    relationship: z.enum(relationships),
    email: z.optional(z.string()),
    phone: z.optional(z.string()),
    clientIds: z.array(z.string()),
    hasAccount: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .register(z.globalRegistry, { id: 'Contact' });

const contactFields = {
  firstName: personName('First name'),
  lastName: personName('Last name'),
  relationship: z.enum(relationships, { error: `One of: ${relationships.join(', ')}` }),
  email: z.optional(email),
  phone: z.optional(phone),
};

export const ContactInput = z
  .strictObject({
    ...contactFields,
    clientIds: z
      .array(id)
      .check(
        z.minLength(1, 'Link the contact to at least one client'),
        z.maxLength(20, 'At most 20 clients'),
      ),
  })
  .check(
    z.refine((c) => c.email !== undefined || c.phone !== undefined, {
      message: 'Give an email address or a phone number, so the contact can be invited',
      path: ['email'],
    }),
  )
  .register(z.globalRegistry, { id: 'ContactInput' });

export const ContactPatch = z
  .partial(
    z.strictObject({
      firstName: contactFields.firstName,
      lastName: contactFields.lastName,
      relationship: contactFields.relationship,
      email: clearable(email),
      phone: clearable(phone),
    }),
  )
  .register(z.globalRegistry, { id: 'ContactPatch' });

export type ContactInput = z.infer<typeof ContactInput>;
export type ContactPatch = z.infer<typeof ContactPatch>;

/** Port: contacts and their links to clients (both directions, no scan). */
export interface ContactStore {
  create(contact: Contact): Promise<void>;
  get(id: string): Promise<Contact | undefined>;
  update(id: string, changes: Partial<Contact>, remove: (keyof Contact)[]): Promise<Contact>;
  listForClient(clientId: string): Promise<Contact[]>;
  link(contactId: string, clientId: string, now: string): Promise<void>;
  unlink(contactId: string, clientId: string, now: string): Promise<void>;
}

export function presentContact(contact: Contact): z.infer<typeof ContactSchema> {
  const { accountSub, passwordSent: _sent, ...rest } = contact;
  return { ...rest, hasAccount: accountSub !== undefined };
}

export async function requireContact(store: ContactStore, contactId: string): Promise<Contact> {
  const contact = await store.get(contactId);
  if (!contact) throw notFound('contact.not_found', 'There is no contact with this id.');
  return contact;
}

export function contactChanges(current: Contact, patch: ContactPatch, now: string) {
  const set: Partial<Contact> = { updatedAt: now };
  const remove: (keyof Contact)[] = [];
  for (const key of ['email', 'phone'] as const) {
    const value = patch[key];
    if (value === '') remove.push(key);
    else if (value !== undefined) set[key] = value;
  }
  if (patch.firstName !== undefined) set.firstName = patch.firstName;
  if (patch.lastName !== undefined) set.lastName = patch.lastName;
  if (patch.relationship !== undefined) set.relationship = patch.relationship;
  if (patch.firstName !== undefined || patch.lastName !== undefined) {
    set.displayName = `${set.firstName ?? current.firstName} ${set.lastName ?? current.lastName}`;
  }
  const email = remove.includes('email') ? undefined : (set.email ?? current.email);
  const phoneNumber = remove.includes('phone') ? undefined : (set.phone ?? current.phone);
  if (!email && !phoneNumber) {
    throw invalid('validation.failed', 'A contact needs an email address or a phone number.', {
      email: 'Give an email address or a phone number',
    });
  }
  return { set, remove };
}
