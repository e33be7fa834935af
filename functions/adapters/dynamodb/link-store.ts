import type { LinkRecord } from '../../links/link';
import { documents, GetCommand } from '../../platform/aws/dynamodb';
import { keys, tables } from './tables';

/** What a link's target is listed under (gsi1), so every link of an appointment is one query. */
function ownerKey(link: LinkRecord): string {
  return link.target.kind === 'room'
    ? `ROOM#${link.target.roomId}`
    : `APPT#${link.target.appointmentId}`;
}

/** A link item: keyed by SHA-256 of its token; the token itself is never stored. */
export function linkItem(link: LinkRecord, hash: string): Record<string, unknown> {
  return {
    ...keys.link(hash),
    gsi1pk: ownerKey(link),
    gsi1sk: `LINK#${link.linkId}`,
    hash,
    ...link,
  };
}

export const dynamoLinkStore = {
  async get(hash: string): Promise<LinkRecord | undefined> {
    const result = await documents().send(
      new GetCommand({ TableName: tables.guestLinks(), Key: keys.link(hash) }),
    );
    if (!result.Item) return undefined;
    const { linkId, target, expiresAt, revokedAt, createdAt } = result.Item as LinkRecord;
    return {
      linkId,
      target,
      createdAt,
      ...(expiresAt !== undefined ? { expiresAt } : {}),
      ...(revokedAt ? { revokedAt } : {}),
    };
  },
};
