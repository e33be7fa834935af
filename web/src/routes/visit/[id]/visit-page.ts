import { goto } from '$app/navigation';
import { ApiError, api } from '$lib/api/client';
import { messageOf } from '$lib/api/errors';
import type { Me } from '$lib/api/types';
import { session } from '$lib/auth/session.svelte';
import { knockWithLink, rememberedName } from '$lib/visit/guest-join';
import { loadPlace, type StoredPlace, savePlace } from '$lib/visit/participant-token';
import { portalKnock } from '$lib/visit/visit-api';

/**
 * Who is opening this visit page, and so which page it is: a participant holding a place
 * (a guest from their link, or a client or contact from the portal), the provider who runs
 * the visit, or clinic staff (who follow it on the visit details page instead).
 */
export type VisitRole =
  | { kind: 'loading' }
  | { kind: 'participant'; place: StoredPlace }
  | { kind: 'host'; me: Me }
  | { kind: 'staff' }
  | { kind: 'nobody' }
  | { kind: 'refused'; title: string; message: string; portal: boolean };

export async function resolveRole(visitId: string): Promise<VisitRole> {
  const place = loadPlace(visitId);
  if (place) return { kind: 'participant', place };
  if (!session.signedIn) return { kind: 'nobody' };
  try {
    const me = await api<Me>('/me');
    session.me = me;
    if (me.role === 'provider') return { kind: 'host', me };
    if (me.role === 'client' || me.role === 'contact') return knockFromPortal(visitId);
    return { kind: 'staff' };
  } catch (error) {
    return refused(error, false);
  }
}

/** The portal's Join (and Join again after leaving or being removed): knock as oneself. */
export async function knockFromPortal(visitId: string): Promise<VisitRole> {
  try {
    const knocked = await portalKnock(visitId);
    const place: StoredPlace = {
      participantToken: knocked.participantToken,
      via: { portal: true },
    };
    savePlace(knocked.visitId, place);
    return { kind: 'participant', place };
  } catch (error) {
    return refused(error, true);
  }
}

/**
 * Back into the waiting room after the page lost its place without the person leaving (a network
 * drop): through the same link, with the name this tab typed, or the portal's Join. Without a
 * remembered name the link's page asks for it.
 */
export async function knockAgain(visitId: string, place: StoredPlace): Promise<VisitRole> {
  if ('portal' in place.via) return knockFromPortal(visitId);
  const link = place.via.link;
  const name = rememberedName();
  if (!name) {
    await goto(`/join/${encodeURIComponent(link)}`);
    return { kind: 'loading' };
  }
  const knocked = await knockWithLink(link, name.firstName, name.lastName);
  if (!knocked.ok)
    return {
      kind: 'refused',
      title: 'The visit could not be opened',
      message: knocked.message,
      portal: false,
    };
  const again = loadPlace(knocked.visitId);
  return again ? { kind: 'participant', place: again } : { kind: 'nobody' };
}

function refused(error: unknown, portal: boolean): VisitRole {
  const message = messageOf(error, 'The visit could not be opened.');
  if (error instanceof ApiError && error.status === 409)
    return { kind: 'refused', title: 'The visit is not open yet', message, portal };
  if (error instanceof ApiError && error.status === 410)
    return { kind: 'refused', title: 'This visit is over', message, portal };
  if (error instanceof ApiError && error.status === 404)
    return { kind: 'refused', title: 'There is no such visit', message, portal };
  return { kind: 'refused', title: 'The visit could not be opened', message, portal };
}
