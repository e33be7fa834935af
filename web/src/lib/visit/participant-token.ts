/**
 * A participant's credential for one visit, kept in sessionStorage: a reload keeps their place
 * in the waiting room or the call, and closing the tab forgets it. The link they came by is
 * kept beside it, so "come back" pages can send them through the waiting room again.
 */
export interface StoredPlace {
  participantToken: string;
  /** How to knock again: the join link's token, or the portal (signed in). */
  via: { link: string } | { portal: true };
  /** How to join by phone instead (an invitation's link): the number and their own PIN. */
  phone?: { number: string; pin: string };
}

const key = (visitId: string) => `televisit.visit.${visitId}`;

export function savePlace(visitId: string, place: StoredPlace): void {
  try {
    sessionStorage.setItem(key(visitId), JSON.stringify(place));
  } catch {
    // Private modes may refuse storage: the visit still works until a reload.
  }
}

export function loadPlace(visitId: string): StoredPlace | null {
  try {
    const raw = sessionStorage.getItem(key(visitId));
    const place = raw ? (JSON.parse(raw) as Partial<StoredPlace>) : null;
    return place?.participantToken && place.via ? (place as StoredPlace) : null;
  } catch {
    return null;
  }
}

export function forgetPlace(visitId: string): void {
  try {
    sessionStorage.removeItem(key(visitId));
  } catch {
    // Nothing stored, nothing to forget.
  }
}
