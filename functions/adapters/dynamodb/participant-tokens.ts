import { documents, GetCommand } from '../../platform/aws/dynamodb';
import type { ParticipantTokens } from '../../visits/ports';
import { tables } from './tables';

const key = (hash: string) => ({ pk: `PTOKEN#${hash}`, sk: 'PTOKEN' });

/**
 * Participant credentials in the guest-links table, keyed by the token's hash; TTL `expiresAt`.
 * They are written by the knock's own transaction (visit-store.ts commit).
 */
export const dynamoParticipantTokens: ParticipantTokens = {
  async get(hash) {
    const result = await documents().send(
      new GetCommand({ TableName: tables.guestLinks(), Key: key(hash) }),
    );
    if (!result.Item) return undefined;
    return {
      visitId: String(result.Item.visitId),
      participantId: String(result.Item.participantId),
      expiresAt: Number(result.Item.expiresAt),
    };
  },
};
