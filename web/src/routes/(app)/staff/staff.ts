import { api } from '$lib/api/client';
import type { InviteStaffRequest, Role, StaffRole, User, UserPatchRequest } from '$lib/api/types';

export const staffRoles: { value: StaffRole; label: string; what: string }[] = [
  {
    value: 'owner',
    label: 'Owner',
    what: 'Everything, including staff, roles and clinic settings.',
  },
  {
    value: 'manager',
    label: 'Manager',
    what: 'Everything, including staff, roles and clinic settings.',
  },
  { value: 'provider', label: 'Provider', what: 'Their own calendar and video visits.' },
  {
    value: 'staff',
    label: 'Front desk',
    what: 'Schedules for every provider and keeps client records; joins no calls.',
  },
];

/** The roles this person may give: only an owner makes owners (the API says user.owner_only). */
export function rolesGivenBy(actor: Role): typeof staffRoles {
  return actor === 'owner' ? staffRoles : staffRoles.filter((r) => r.value !== 'owner');
}

/** Whether this person may change this account: a manager leaves owners to owners. */
export const mayChange = (actor: Role, user: User): boolean =>
  actor === 'owner' || user.role !== 'owner';

export function asStaffRole(value: string): StaffRole | undefined {
  return staffRoles.find((r) => r.value === value)?.value;
}

export const isStaffUser = (u: User): boolean => u.role !== 'client' && u.role !== 'contact';

const byName = (a: User, b: User) => a.displayName.localeCompare(b.displayName);

/** Staff first (the people this page manages), then portal accounts, each by name. */
export async function loadUsers(): Promise<{ staff: User[]; portal: User[] }> {
  const { users } = await api<{ users: User[] }>('/users');
  return {
    staff: users.filter(isStaffUser).sort(byName),
    portal: users.filter((u) => !isStaffUser(u)).sort(byName),
  };
}

export function patchUser(sub: string, patch: UserPatchRequest): Promise<User> {
  return api<User>(`/users/${encodeURIComponent(sub)}`, {
    method: 'PATCH',
    body: JSON.stringify(patch),
  });
}

export function inviteStaff(body: InviteStaffRequest): Promise<User> {
  return api<User>('/users', { method: 'POST', body: JSON.stringify(body) });
}

export function lastSeen(user: User): string {
  if (!user.lastSignInAt) return 'Never signed in';
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(user.lastSignInAt),
  );
}

/** A new temporary password, emailed; the person chooses their own at the next sign-in. */
export function setTemporaryPassword(sub: string): Promise<{ sentTo: string }> {
  return api<{ sentTo: string }>(`/users/${encodeURIComponent(sub)}/temporary-password`, {
    method: 'POST',
  });
}
