import { randomBytes } from 'node:crypto';
import { passwordProblems } from '../../infra/schema/user-pool';
import { html, htmlEmail, link } from '../accounts/messages';
import { createProfileOnce, openAccount } from '../accounts/open-account';
import type { UserActor } from '../identity/actor';
import { tokenHash } from '../links/tokens';
import { conflict, gone, invalid, notFound } from '../platform/errors';
import { requireClient } from '../scheduling/clients';
import type { InvitationDeps } from './deps';

/** A client's invitation to create their portal account: valid 24 hours, used once. */
export interface SignupRecord {
  hash: string;
  clientId: string;
  email: string;
  createdAt: string;
  /** Epoch seconds; DynamoDB's TTL removes it later, readers treat it as gone at once. */
  expiresAt: number;
  renewed?: boolean;
  /** Set once the client created their account with it: a link works once. */
  usedAt?: string;
}

export interface SignupStore {
  put(record: SignupRecord): Promise<void>;
  get(hash: string): Promise<SignupRecord | undefined>;
  /** Uses the invitation up; false when it was already used (a double submit). */
  consume(hash: string): Promise<boolean>;
  /** Marks an expired invitation renewed; false when it was renewed before. */
  markRenewed(hash: string): Promise<boolean>;
}

export const signupValidHours = 24;

async function sendSignup(
  clientId: string,
  email: string,
  deps: InvitationDeps & { signups: SignupStore },
): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  const now = deps.now();
  await deps.signups.put({
    hash: tokenHash(token),
    clientId,
    email,
    createdAt: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + signupValidHours * 3600,
  });
  const settings = await deps.settings.get();
  const url = `${await deps.appUrl()}/portal/sign-up/${token}`;
  const subject = `Create your patient portal account for ${settings.name}`;
  const lines = [
    `${settings.name} invites you to its patient portal, where you see your appointments and join video visits.`,
    `Create your account here (the link works for ${signupValidHours} hours): ${url}`,
    'If it has expired, open it anyway and ask for a new one.',
  ];
  await deps.mailer.send({
    to: email,
    subject,
    text: lines.join('\n\n'),
    html: htmlEmail(subject, [
      lines[0] ?? '',
      html`${link(url, 'Create my account')} (the link works for ${signupValidHours} hours)`,
      lines[2] ?? '',
    ]),
  });
}

/** Staff invite a client to the portal; sending again simply sends a fresh link. */
export async function inviteToPortal(
  _actor: UserActor,
  clientId: string,
  deps: InvitationDeps & { signups: SignupStore },
): Promise<{ sentTo: string }> {
  const client = await requireClient(deps.clients, clientId);
  if (client.portalSub)
    throw conflict('client.has_account', 'This client already has a portal account.');
  if (!client.email)
    throw invalid('client.no_email', 'Add the client’s email address first.', {
      email: 'The client has no email address',
    });
  await sendSignup(client.id, client.email, deps);
  return { sentTo: client.email };
}

async function requireSignup(
  token: string,
  deps: { signups: SignupStore; now: () => Date },
  allowExpired = false,
): Promise<SignupRecord> {
  const record = /^[A-Za-z0-9_-]{43}$/.test(token)
    ? await deps.signups.get(tokenHash(token))
    : undefined;
  if (!record)
    throw notFound(
      'signup.unknown',
      'This sign-up link is not valid. Ask the clinic for a new one.',
    );
  if (record.usedAt) {
    throw gone(
      'signup.used',
      'This sign-up link was used already: sign in with your email and password.',
    );
  }
  if (!allowExpired && record.expiresAt <= Math.floor(deps.now().getTime() / 1000)) {
    throw gone('signup.expired', 'This sign-up link has expired. You can ask for a new one below.');
  }
  return record;
}

export async function describeSignup(
  token: string,
  deps: { signups: SignupStore; now: () => Date },
) {
  const record = await requireSignup(token, deps);
  return { email: record.email, expiresAt: new Date(record.expiresAt * 1000).toISOString() };
}

/** The client chooses their password: their account is made and linked to their record. */
export async function completeSignup(
  token: string,
  password: string,
  deps: InvitationDeps & { signups: SignupStore },
) {
  const record = await requireSignup(token, deps);
  const problems = passwordProblems(password);
  if (problems.length > 0)
    throw invalid('validation.failed', `The password needs ${problems.join(', ')}.`, {
      password: `Needs ${problems.join(', ')}`,
    });
  const client = await requireClient(deps.clients, record.clientId);
  if (client.portalSub)
    throw conflict('client.has_account', 'This portal account exists already: sign in.');
  // The link is used up last: a sign-up cut off halfway (account made, profile or link to the
  // client not yet) is finished by the same link, and two at once make one account.
  const { sub, profile } = await openAccount(
    record.email,
    'client',
    { value: password, permanent: true },
    deps,
  );
  if (profile && profile.clientId !== client.id)
    throw conflict(
      'user.exists',
      'An account with this email address exists already: sign in, or use "Forgot password?".',
    );
  const now = deps.now().toISOString();
  if (profile) {
    // This client's own account, whose link to the record was cut off: finish it.
    await deps.accounts.finish(record.email, 'client', password, true);
  } else {
    await createProfileOnce(
      {
        sub,
        email: record.email,
        role: 'client',
        displayName: client.displayName,
        teletherapy: false,
        status: 'active',
        clientId: client.id,
        createdAt: now,
        updatedAt: now,
      },
      deps,
    );
  }
  await deps.clients.update(client.id, { portalSub: sub, updatedAt: now }, []);
  if (!(await deps.signups.consume(record.hash)))
    throw gone('signup.used', 'This sign-up link was used already: sign in.');
  return { email: record.email };
}

/** An expired sign-up link offers a new one: sent to the address on file, once per link. */
export async function renewSignup(token: string, deps: InvitationDeps & { signups: SignupStore }) {
  const record = await requireSignup(token, deps, true);
  const client = await requireClient(deps.clients, record.clientId);
  if (client.portalSub)
    throw conflict('client.has_account', 'This portal account exists already: sign in.');
  if (!client.email)
    throw conflict(
      'client.no_email',
      'The clinic has no email address on file for you. Please call the clinic.',
    );
  if (!(await deps.signups.markRenewed(record.hash)))
    throw conflict('signup.renewed', 'A new link was sent already. Check your email.');
  await sendSignup(client.id, client.email, deps);
  return { sent: true };
}
