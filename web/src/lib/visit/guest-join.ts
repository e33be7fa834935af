import { publicApi } from '../public/public-api';
import { savePlace } from './participant-token';
import type { Knocked } from './types';

export interface NameErrors {
  firstName?: string;
  lastName?: string;
}

/** The same rules the API applies (KnockInput), said before a round trip. */
export function checkName(firstName: string, lastName: string): NameErrors {
  const errors: NameErrors = {};
  if (!firstName.trim()) errors.firstName = 'Enter your first name';
  else if (firstName.trim().length > 50) errors.firstName = 'At most 50 characters';
  if (!lastName.trim()) errors.lastName = 'Enter your last name';
  else if (lastName.trim().length > 50) errors.lastName = 'At most 50 characters';
  return errors;
}

export type KnockResult = { ok: true; visitId: string } | { ok: false; message: string };

/**
 * Join: knock with the link, and keep the participant token for this tab so a reload finds
 * the same place in the waiting room.
 */
export async function knockWithLink(
  token: string,
  firstName: string,
  lastName: string,
  phone?: { number: string; pin: string },
): Promise<KnockResult> {
  const answer = await publicApi<Knocked>(`/join/${encodeURIComponent(token)}/knock`, {
    method: 'POST',
    body: { firstName: firstName.trim(), lastName: lastName.trim() },
  });
  if (!answer.ok) return { ok: false, message: answer.message };
  savePlace(answer.body.visitId, {
    participantToken: answer.body.participantToken,
    via: { link: token },
    ...(phone ? { phone } : {}),
  });
  return { ok: true, visitId: answer.body.visitId };
}

const nameKey = 'televisit.guest-name';

/**
 * The name this tab typed last, so that coming back (removed, then "Back to the waiting room";
 * a reload) does not ask again. Kept for the tab only (session storage), never sent anywhere.
 */
export function rememberedName(): { firstName: string; lastName: string } | undefined {
  try {
    const saved = JSON.parse(sessionStorage.getItem(nameKey) ?? 'null') as unknown;
    if (saved && typeof saved === 'object' && 'firstName' in saved && 'lastName' in saved)
      return { firstName: String(saved.firstName), lastName: String(saved.lastName) };
  } catch {
    // Storage refused (private mode) or damaged: ask again.
  }
  return undefined;
}

export function rememberName(firstName: string, lastName: string): void {
  try {
    sessionStorage.setItem(nameKey, JSON.stringify({ firstName, lastName }));
  } catch {
    // Not remembered: the next visit asks again.
  }
}
