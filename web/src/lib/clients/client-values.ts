import type {
  Client,
  ClientPatchRequest,
  ClientRequest,
  Contact,
  ContactPatchRequest,
  ContactRequest,
  Relationship,
} from '../api/types';

/** A person's fields as a form holds them: always strings, blank when not given. */
export interface PersonValues {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
}
export interface ClientValues extends PersonValues {
  dateOfBirth: string;
}
export interface ContactValues extends PersonValues {
  relationship: Relationship;
}

export const relationshipNames: Record<Relationship, string> = {
  family: 'Family',
  caregiver: 'Caregiver',
  interpreter: 'Interpreter',
  'other-provider': 'Other provider',
  other: 'Other',
};

export function clientValues(c?: Client): ClientValues {
  return {
    firstName: c?.firstName ?? '',
    lastName: c?.lastName ?? '',
    dateOfBirth: c?.dateOfBirth ?? '',
    email: c?.email ?? '',
    phone: c?.phone ?? '',
  };
}

export function contactValues(c?: Contact): ContactValues {
  return {
    firstName: c?.firstName ?? '',
    lastName: c?.lastName ?? '',
    relationship: c?.relationship ?? 'family',
    email: c?.email ?? '',
    phone: c?.phone ?? '',
  };
}

const optional = ['dateOfBirth', 'email', 'phone'] as const;

/** A new record: blank optional fields are left out, not sent as empty strings. */
export function clientCreateBody(v: ClientValues): ClientRequest {
  const body: ClientRequest = { firstName: v.firstName, lastName: v.lastName };
  for (const key of optional) if (v[key].trim()) body[key] = v[key].trim();
  return body;
}

export function contactCreateBody(v: ContactValues, clientIds: string[]): ContactRequest {
  const body: ContactRequest = {
    firstName: v.firstName,
    lastName: v.lastName,
    relationship: v.relationship,
    clientIds,
  };
  if (v.email.trim()) body.email = v.email.trim();
  if (v.phone.trim()) body.phone = v.phone.trim();
  return body;
}

/**
 * The fields that changed. An emptied optional field is sent as '' (the API's way to clear
 * it); the API normalises what it keeps, so the form shows the saved values after a save.
 */
function changed<V extends object>(values: V, saved: V): Partial<V> {
  const patch: Partial<V> = {};
  for (const key of Object.keys(values) as (keyof V)[]) {
    const value = values[key];
    const next = typeof value === 'string' ? (value.trim() as V[keyof V]) : value;
    if (next !== saved[key]) patch[key] = next;
  }
  return patch;
}

export const clientPatchBody = (v: ClientValues, saved: ClientValues): ClientPatchRequest =>
  changed(v, saved);

export const contactPatchBody = (v: ContactValues, saved: ContactValues): ContactPatchRequest =>
  changed(v, saved);
