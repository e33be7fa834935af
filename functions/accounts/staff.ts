import { passwordPolicy } from '../../infra/schema/user-pool';
import type { UserActor, UserDirectory, UserProfile } from '../identity/actor';
import { conflict, forbidden, invalid, notFound } from '../platform/errors';
import type { SettingsStore } from '../scheduling/clinic';
import type { AuditEntry, AuditLog } from '../shared/audit-entry';
import { staffInvitationEmail } from './messages';
import { openAccount } from './open-account';
import { temporaryPassword } from './passwords';
import {
  type AccountDirectory,
  LastOwnerError,
  type Mailer,
  ProfileChangedError,
  type ProfileStore,
} from './ports';
import { type InviteStaffInput, isStaffRole, presentUser, type UserPatch } from './users';

export interface StaffDeps {
  users: UserDirectory;
  audit: AuditLog;
  profiles: ProfileStore;
  accounts: AccountDirectory;
  mailer: Mailer;
  settings: SettingsStore;
  appUrl: () => Promise<string>;
  now: () => Date;
}

export async function listUsers(deps: Pick<StaffDeps, 'users'>) {
  const users = await deps.users.list();
  return {
    users: users.sort((a, b) => a.displayName.localeCompare(b.displayName)).map(presentUser),
  };
}

/** Only an owner makes someone an owner or changes an owner: managers run the clinic, owners own it. */
function checkOwnerRights(
  actor: UserActor,
  target: UserProfile | undefined,
  newRole: string | undefined,
): void {
  if (actor.role === 'owner') return;
  if (newRole === 'owner' || target?.role === 'owner') {
    throw forbidden(
      'user.owner_only',
      'Only an owner can make someone an owner or change an owner.',
    );
  }
}

/** Invites a staff member: an account with a temporary password, sent to them by email. */
export async function inviteStaff(actor: UserActor, input: InviteStaffInput, deps: StaffDeps) {
  checkOwnerRights(actor, undefined, input.role);
  if (input.teletherapy && input.role !== 'provider') {
    throw invalid('validation.failed', 'Only providers hold video sessions.', {
      teletherapy: 'Only for providers',
    });
  }
  const password = temporaryPassword();
  const { sub, profile: existing } = await openAccount(
    input.email,
    input.role,
    { value: password, permanent: false },
    deps,
  );
  if (existing)
    throw conflict('user.exists', 'Someone with this email address already has an account.');
  const now = deps.now().toISOString();
  const profile: UserProfile = {
    sub,
    email: input.email,
    role: input.role,
    displayName: input.displayName,
    teletherapy: input.teletherapy,
    status: 'active',
    createdAt: now,
    updatedAt: now,
  };
  await deps.profiles.create(profile, [
    {
      eventId: `user:${sub}:invited:${now}`,
      at: now,
      type: 'user.invited',
      actor: actor.sub,
      subject: sub,
      details: { role: input.role },
    },
  ]);
  const settings = await deps.settings.get();
  await deps.mailer.send({
    to: input.email,
    ...staffInvitationEmail({
      clinicName: settings.name,
      appUrl: await deps.appUrl(),
      email: input.email,
      temporaryPassword: password,
      validDays: passwordPolicy.temporaryPasswordValidityDays,
    }),
  });
  return presentUser(profile);
}

/**
 * What the audit trail keeps of a change to someone's account: a role, the teletherapy
 * permission, being disabled or enabled (a name change is no access change and is not kept).
 */
function staffChangeAudit(
  actor: UserActor,
  target: UserProfile,
  changes: Partial<UserProfile>,
): AuditEntry[] {
  const at = changes.updatedAt ?? new Date().toISOString();
  const entry = (type: string, details: AuditEntry['details']): AuditEntry => ({
    eventId: `user:${target.sub}:${type}:${at}`,
    at,
    type,
    actor: actor.sub,
    subject: target.sub,
    ...(details ? { details } : {}),
  });
  const entries: AuditEntry[] = [];
  if (changes.role !== undefined && changes.role !== target.role)
    entries.push(entry('user.role_changed', { from: target.role, to: changes.role }));
  if (changes.teletherapy !== undefined && changes.teletherapy !== target.teletherapy)
    entries.push(entry('user.teletherapy_changed', { to: changes.teletherapy }));
  if (changes.status !== undefined && changes.status !== target.status)
    entries.push(entry('user.status_changed', { from: target.status, to: changes.status }));
  return entries;
}

/** Changes a staff member's name, role, teletherapy permission or status. */
export async function updateUser(actor: UserActor, sub: string, patch: UserPatch, deps: StaffDeps) {
  const target = await deps.users.get(sub);
  if (!target) throw notFound('user.not_found', 'There is no such user.');
  if ((patch.role !== undefined || patch.teletherapy !== undefined) && !isStaffRole(target.role)) {
    throw invalid('validation.failed', 'Clients and contacts have no staff role.', {
      role: 'Only for staff accounts',
    });
  }
  checkOwnerRights(actor, target, patch.role);
  const role = patch.role ?? target.role;
  if (patch.teletherapy === true && role !== 'provider') {
    throw invalid('validation.failed', 'Only providers hold video sessions.', {
      teletherapy: 'Only for providers',
    });
  }
  const wasCountedOwner = target.role === 'owner' && target.status === 'active';
  const status = patch.status ?? target.status;
  const isCountedOwner = role === 'owner' && status === 'active';
  const ownerDelta = wasCountedOwner === isCountedOwner ? 0 : isCountedOwner ? 1 : -1;
  const changes: Partial<UserProfile> = {
    ...(patch.displayName !== undefined ? { displayName: patch.displayName } : {}),
    ...(patch.role !== undefined ? { role: patch.role } : {}),
    // Teletherapy belongs to providers: it goes when the role does.
    ...(patch.teletherapy !== undefined || role !== 'provider'
      ? { teletherapy: role === 'provider' && (patch.teletherapy ?? target.teletherapy) }
      : {}),
    ...(patch.status !== undefined ? { status: patch.status } : {}),
    updatedAt: deps.now().toISOString(),
  };
  let updated: UserProfile;
  try {
    updated = await deps.profiles.update(
      sub,
      changes,
      target.updatedAt,
      ownerDelta,
      staffChangeAudit(actor, target, changes),
    );
  } catch (error) {
    if (error instanceof LastOwnerError)
      throw conflict('user.last_owner', 'The clinic must keep at least one owner.');
    if (error instanceof ProfileChangedError)
      throw conflict(
        'user.changed',
        'Someone else changed this person meanwhile. Reload and try again.',
      );
    throw error;
  }
  if (role !== target.role) await deps.accounts.setRole(target.email, target.role, role);
  if (status !== target.status) await deps.accounts.setEnabled(target.email, status === 'active');
  return presentUser(updated);
}

export async function listProviders(deps: Pick<StaffDeps, 'users'>) {
  const providers = (await deps.users.list()).filter(
    (u) => u.role === 'provider' && u.status === 'active',
  );
  return {
    providers: providers
      .sort((a, b) => a.displayName.localeCompare(b.displayName))
      .map((p) => ({ sub: p.sub, displayName: p.displayName, teletherapy: p.teletherapy })),
  };
}

/** An owner or manager gives someone a new temporary password, sent to them by email. */
export async function resetTemporaryPassword(actor: UserActor, sub: string, deps: StaffDeps) {
  const target = await deps.users.get(sub);
  if (!target) throw notFound('user.not_found', 'There is no such user.');
  checkOwnerRights(actor, target, undefined);
  const password = temporaryPassword();
  await deps.accounts.setTemporaryPassword(target.email, password);
  const at = deps.now().toISOString();
  await deps.audit.append([
    {
      eventId: `user:${sub}:password_reset:${at}`,
      at,
      type: 'user.password_reset',
      actor: actor.sub,
      subject: sub,
    },
  ]);
  const settings = await deps.settings.get();
  await deps.mailer.send({
    to: target.email,
    ...staffInvitationEmail({
      clinicName: settings.name,
      appUrl: await deps.appUrl(),
      email: target.email,
      temporaryPassword: password,
      validDays: passwordPolicy.temporaryPasswordValidityDays,
      resent: true,
    }),
  });
  return { sentTo: target.email };
}
