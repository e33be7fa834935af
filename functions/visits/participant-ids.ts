import { createHash } from 'node:crypto';

/**
 * A participant's id in a visit, fixed by who they are: the provider, the client, a contact or
 * an invitation always have the same id in the same visit. So their Chime attendees can be made
 * with the meeting, before anyone knocks (one CreateMeetingWithAttendees per visit at the peak),
 * and handed out at admission without another call to Chime. The id is a hash of the visit and
 * the identity in UUID form: opaque, as Chime's ExternalUserId must be (never a name or number).
 * A guest of an ad-hoc room has a random identity, so a random id.
 */
export function participantIdFor(visitId: string, identity: string): string {
  const hex = createHash('sha256')
    .update(`televisit-participant:${visitId}:${identity}`)
    .digest('hex');
  // Version 4 and variant bits set, so it reads as any other UUID of the project.
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Who is known to a scheduled visit before anyone knocks: the provider, the client, each invitee. */
export function knownIdentities(
  invitees: readonly { kind: string; inviteeId: string; contactId?: string; revokedAt?: string }[],
): string[] {
  const others = invitees
    .filter((i) => i.kind !== 'client' && !i.revokedAt)
    .map((i) => (i.contactId ? `contact:${i.contactId}` : `invitee:${i.inviteeId}`));
  return ['provider', 'client', ...new Set(others)];
}
