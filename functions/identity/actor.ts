import type { RoleGroup } from '../../infra/schema/user-pool';

/** A person's role in the clinic; the same names as the Cognito groups. */
export type Role = RoleGroup;

export const adminRoles = ['owner', 'manager'] as const satisfies readonly Role[];
export const staffRoles = [
  'owner',
  'manager',
  'provider',
  'staff',
] as const satisfies readonly Role[];
export const allRoles = [
  'owner',
  'manager',
  'provider',
  'staff',
  'client',
  'contact',
] as const satisfies readonly Role[];

/** A signed-in person, as the clinic's records (not the token) describe them right now. */
export interface UserActor {
  kind: 'user';
  sub: string;
  role: Role;
  email: string;
  displayName: string;
  /** Providers only: may hold video (teletherapy) sessions. */
  teletherapy: boolean;
  /** Set for clients: their client record. */
  clientId?: string;
  /** Set for contacts: their contact record. */
  contactId?: string;
}

export interface AnonymousActor {
  kind: 'anonymous';
}

export type Actor = UserActor | AnonymousActor;

/** A user's profile as stored; the source of truth for role and permissions. */
export interface UserProfile {
  sub: string;
  email: string;
  role: Role;
  displayName: string;
  teletherapy: boolean;
  status: 'active' | 'disabled';
  clientId?: string;
  contactId?: string;
  createdAt: string;
  updatedAt: string;
}

/** Port: where profiles are read from. */
export interface UserDirectory {
  get(sub: string): Promise<UserProfile | undefined>;
  /** Everyone with an account (one index query, no scan). */
  list(): Promise<UserProfile[]>;
}

export function isStaff(role: Role): boolean {
  return (staffRoles as readonly Role[]).includes(role);
}

export function isAdmin(role: Role): boolean {
  return (adminRoles as readonly Role[]).includes(role);
}
