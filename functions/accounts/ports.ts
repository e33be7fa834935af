import type { Role, UserProfile } from '../identity/actor';
import type { AuditEntry } from '../shared/audit-entry';

/** Port: sign-in accounts (Cognito). */
export interface AccountDirectory {
  /** Creates an account that must choose a new password at first sign-in; returns its `sub`. */
  create(email: string, role: Role, temporaryPassword: string): Promise<string>;
  /** Creates an account whose password the person chose themselves (portal sign-up). */
  createWithPassword(email: string, role: Role, password: string): Promise<string>;
  setRole(email: string, from: Role, to: Role): Promise<void>;
  setEnabled(email: string, enabled: boolean): Promise<void>;
  /** A new temporary password: the person must choose their own at next sign-in. */
  setTemporaryPassword(email: string, temporaryPassword: string): Promise<void>;
  /** The `sub` of the account this address has, if it has one. */
  subOf(email: string): Promise<string | undefined>;
  /**
   * Finishes an account an earlier attempt made and did not finish: puts it in the role's group
   * and sets its password (temporary, or the person's own when `permanent`).
   */
  finish(email: string, role: Role, password: string, permanent: boolean): Promise<void>;
}

export class AccountExistsError extends Error {
  override readonly name = 'AccountExistsError';
}

/** Port: writes to people's profiles that must keep the clinic's owner count right. */
export interface ProfileStore {
  /** Writes a new profile, with the audit entries of the change in the same transaction. */
  create(profile: UserProfile, audit?: readonly AuditEntry[]): Promise<void>;
  /**
   * Applies changes if the profile is unchanged since `expectedUpdatedAt`; `ownerDelta` moves the
   * owner count in the same transaction and refuses to take it below one.
   */
  update(
    sub: string,
    changes: Partial<UserProfile>,
    expectedUpdatedAt: string,
    ownerDelta: -1 | 0 | 1,
    audit?: readonly AuditEntry[],
  ): Promise<UserProfile>;
  /** Records that the person opened the app now, at most once per `everyMs` (no version bump). */
  touch(sub: string, at: string, everyMs: number): Promise<void>;
}

export class LastOwnerError extends Error {
  override readonly name = 'LastOwnerError';
}

export class ProfileChangedError extends Error {
  override readonly name = 'ProfileChangedError';
}

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: { filename: string; contentType: string; content: string }[];
}

/** An email composed and ready to go: sending it is one call. */
export interface PreparedEmail {
  send(): Promise<{ messageId: string }>;
}

/** Port: sends email (SES). */
export interface Mailer {
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
  /** Composes now, sends later: several emails composed first then go out at once. */
  prepare(email: OutgoingEmail): Promise<PreparedEmail>;
}
