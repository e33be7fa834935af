import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { documents } from '../../platform/aws/dynamodb';
import type { ParticipantTokens } from '../../visits/ports';
import { tables } from './tables';

const key = (hash: string) => ({ pk: `PTOKEN#${hash}`, sk: 'PTOKEN' });

/** Participant credentials in the guest-links table, keyed by the token's hash; TTL `expiresAt`. */
export const dynamoParticipantTokens: ParticipantTokens = {
  async put(hash, visitId, participantId, expiresAt) {
    await documents().send(
      new PutCommand({
        TableName: tables.guestLinks(),
        Item: { ...key(hash), visitId, participantId, expiresAt },
      }),
    );
  },
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
