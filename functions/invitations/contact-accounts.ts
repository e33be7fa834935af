import { passwordPolicy } from '../../infra/schema/user-pool';
import { createProfileOnce, openAccount } from '../accounts/open-account';
import { temporaryPassword } from '../accounts/passwords';
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
    const { sub, profile } = await openAccount(
      contact.email,
      'contact',
      { value: password, permanent: false },
      deps,
    );
    // The address already has an account of someone else (another role): no password.
    if (profile && profile.contactId !== contact.id) return undefined;
    const now = deps.now().toISOString();
    if (profile) {
      // This contact's own account, whose link to the contact was cut off: finish it.
      await deps.accounts.setTemporaryPassword(contact.email, password);
    } else {
      await createProfileOnce(
        {
          sub,
          email: contact.email,
          role: 'contact',
          displayName: contact.displayName,
          teletherapy: false,
          status: 'active',
          contactId: contact.id,
          createdAt: now,
          updatedAt: now,
        },
        deps,
      );
    }
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
