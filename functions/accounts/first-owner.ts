import * as z from 'zod/mini';
import english from 'zod/v4/locales/en.js';
import type { UserProfile } from '../identity/actor';
import { invalid } from '../platform/errors';
import { type ClinicSettings, defaultClinicSettings } from '../scheduling/clinic';
import { timeZone } from '../shared/contact-fields';
import { email, personName } from '../shared/fields';

/**
 * The clinic's first owner, made by the deployment (a CloudFormation custom resource,
 * functions/handlers/first-owner.ts): self sign-up is off and every other account is created
 * by an owner or manager in the app, so someone has to exist before anyone can sign in.
 *
 * Every step is idempotent and runs again safely after a failure part way: what exists is
 * found or kept, never replaced. Nothing is ever deleted: the owner and the clinic's records
 * outlive the stack.
 */
export const FirstOwnerInput = z.object({
  email,
  displayName: personName("The owner's name"),
  clinicName: z
    .string()
    .check(z.trim(), z.minLength(1, 'The clinic needs a name'), z.maxLength(120)),
  timeZone,
});
export type FirstOwnerInput = z.input<typeof FirstOwnerInput>;

/**
 * Whoever deploys reads these messages (CloudFormation's reason for the failure): zod's English
 * ones where a field has none of its own, since zod/mini loads no language by itself.
 */
const englishMessages = english().localeError;

/** Port: the clinic settings item, written only where none exists. */
export interface ClinicSettingsSeed {
  /** Writes the settings unless the clinic has some already; true if it wrote them. */
  createIfAbsent(settings: ClinicSettings): Promise<boolean>;
}

/** Port: the owner's sign-in account (Cognito). */
export interface OwnerAccounts {
  /** The `sub` of the account signing in with `email`, if there is one. */
  find(email: string): Promise<string | undefined>;
  /**
   * Creates the account with a temporary password that the directory itself generates and
   * emails (Cognito's own invitation); the person chooses their own at first sign-in.
   */
  invite(email: string): Promise<string>;
  /** Puts the account in the role's group; nothing happens if it is there already. */
  addToGroup(email: string, role: 'owner'): Promise<void>;
}

/** Port: the owner's profile, written together with the clinic's owner count. */
export interface OwnerProfiles {
  /**
   * Writes the profile and counts one more active owner, in one transaction, unless a profile
   * for this `sub` exists (then neither is written); true if it wrote them.
   */
  createIfAbsent(profile: UserProfile): Promise<boolean>;
}

export interface FirstOwnerDeps {
  settings: ClinicSettingsSeed;
  accounts: OwnerAccounts;
  profiles: OwnerProfiles;
  now: () => Date;
}

export interface FirstOwnerOutcome {
  sub: string;
  settings: 'created' | 'kept';
  account: 'created' | 'found';
  profile: 'created' | 'kept';
}

/**
 * Makes sure the clinic has its settings, and `input.email` an owner's account and profile.
 *
 * The group follows the profile: the account joins group `owner` only when this run writes an
 * owner's profile for it. Someone who already has a profile keeps it as it is, role and groups
 * too (the deployment changes no one's role; an owner does that in the app). A new account
 * cannot have a profile yet, so it joins the group first and a run that fails before the
 * profile is written finds the account, writes the profile and adds the group (again) next time.
 */
export async function ensureFirstOwner(
  raw: FirstOwnerInput,
  deps: FirstOwnerDeps,
): Promise<FirstOwnerOutcome> {
  const parsed = FirstOwnerInput.safeParse(raw, { error: englishMessages });
  if (!parsed.success) {
    const fields = Object.fromEntries(
      parsed.error.issues.map((issue) => [issue.path.join('.'), issue.message]),
    );
    const list = Object.entries(fields).map(([field, message]) => `${field}: ${message}`);
    throw invalid(
      'first_owner.invalid',
      `The first owner's settings are wrong (${list.join('; ')})`,
      fields,
    );
  }
  const input = parsed.data;
  const now = deps.now().toISOString();
  const settingsCreated = await deps.settings.createIfAbsent({
    ...defaultClinicSettings,
    name: input.clinicName,
    timeZone: input.timeZone,
    updatedAt: now,
  });
  const found = await deps.accounts.find(input.email);
  const sub = found ?? (await deps.accounts.invite(input.email));
  const profile: UserProfile = {
    sub,
    email: input.email,
    role: 'owner',
    displayName: input.displayName,
    teletherapy: false,
    status: 'active',
    createdAt: now,
    updatedAt: now,
  };
  // A brand-new account has no profile yet; a found one may, and then it stays as it is.
  const profileCreated =
    found === undefined
      ? await addToGroupThenCreate(profile, deps)
      : await createThenAddToGroup(profile, deps);
  return {
    sub,
    settings: settingsCreated ? 'created' : 'kept',
    account: found === undefined ? 'created' : 'found',
    profile: profileCreated ? 'created' : 'kept',
  };
}

async function addToGroupThenCreate(profile: UserProfile, deps: FirstOwnerDeps) {
  await deps.accounts.addToGroup(profile.email, 'owner');
  return deps.profiles.createIfAbsent(profile);
}

async function createThenAddToGroup(profile: UserProfile, deps: FirstOwnerDeps) {
  const created = await deps.profiles.createIfAbsent(profile);
  if (created) await deps.accounts.addToGroup(profile.email, 'owner');
  return created;
}
