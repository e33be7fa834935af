import type { Role, UserDirectory, UserProfile } from '../identity/actor';
import { type AccountDirectory, AccountExistsError, type ProfileStore } from './ports';

export interface OpenedAccount {
  sub: string;
  /**
   * The profile the account has already: undefined when it was made now, or when an earlier
   * attempt made it and was cut off before its profile (then it is finished now: group and
   * password set as asked). Its owner, if any, is someone the caller must decide about.
   */
  profile: UserProfile | undefined;
}

/**
 * Makes the account for an address, so that a request cut off halfway can simply be made again.
 * The account (Cognito) and the profile (DynamoDB) cannot be written in one transaction; the
 * account comes first, so an account without a profile is always one an earlier attempt left
 * unfinished, and the next attempt (an owner inviting again, the next invitation, the same
 * sign-up link) finishes it instead of finding the address taken for good.
 */
export async function openAccount(
  email: string,
  role: Role,
  password: { value: string; permanent: boolean },
  deps: { accounts: AccountDirectory; users: Pick<UserDirectory, 'get'> },
): Promise<OpenedAccount> {
  try {
    const sub = password.permanent
      ? await deps.accounts.createWithPassword(email, role, password.value)
      : await deps.accounts.create(email, role, password.value);
    return { sub, profile: undefined };
  } catch (error) {
    if (!(error instanceof AccountExistsError)) throw error;
  }
  const sub = await deps.accounts.subOf(email);
  if (!sub) throw new Error('Cognito said the account exists, then that it does not');
  const profile = await deps.users.get(sub);
  if (!profile) await deps.accounts.finish(email, role, password.value, password.permanent);
  return { sub, profile };
}

/**
 * Writes a new account's profile; when two requests open the same account at once (a sign-up
 * submitted from two tabs), the second finds the first's profile and takes it as its own.
 */
export async function createProfileOnce(
  profile: UserProfile,
  deps: { profiles: ProfileStore; users: Pick<UserDirectory, 'get'> },
): Promise<void> {
  try {
    await deps.profiles.create(profile);
  } catch (error) {
    const written = await deps.users.get(profile.sub);
    const same =
      written?.role === profile.role &&
      written.clientId === profile.clientId &&
      written.contactId === profile.contactId;
    if (!same) throw error;
  }
}
