import { passwordPolicy } from '../../infra/schema/user-pool';
import { temporaryPassword } from '../accounts/passwords';
import { AccountExistsError } from '../accounts/ports';
import type { InvitationDeps } from './deps';

export interface NewAccount {
  email: string;
  temporaryPassword: string;
  validDays: number;
}

/**
 * A contact's first emailed invitation creates their account (group `contact`) with a
 * temporary password that the email carries; later invitations carry none. Until an email with
 * a password has gone out (`passwordSent`), a retry sets a fresh temporary password, so a failed
 * first send never leaves an account nobody can open.
 */
export async function accountForFirstInvitation(
  contactId: string,
  deps: InvitationDeps,
): Promise<NewAccount | undefined> {
  const contact = await deps.contacts.get(contactId);
  if (!contact?.email || contact.passwordSent) return undefined;
  const password = temporaryPassword();
  if (contact.accountSub) {
    await deps.accounts.setTemporaryPassword(contact.email, password);
  } else {
    let sub: string;
    try {
      sub = await deps.accounts.create(contact.email, 'contact', password);
    } catch (error) {
      // The address already has an account (another role): invite without a password.
      if (error instanceof AccountExistsError) return undefined;
      throw error;
    }
    const now = deps.now().toISOString();
    await deps.profiles.create({
      sub,
      email: contact.email,
      role: 'contact',
      displayName: contact.displayName,
      teletherapy: false,
      status: 'active',
      contactId: contact.id,
      createdAt: now,
      updatedAt: now,
    });
    await deps.contacts.update(contact.id, { accountSub: sub, updatedAt: now }, []);
  }
  return {
    email: contact.email,
    temporaryPassword: password,
    validDays: passwordPolicy.temporaryPasswordValidityDays,
  };
}

/** Once the email with the password went out, later invitations carry none. */
export async function markPasswordSent(contactId: string, deps: InvitationDeps): Promise<void> {
  await deps.contacts.update(
    contactId,
    { passwordSent: true, updatedAt: deps.now().toISOString() },
    [],
  );
}
