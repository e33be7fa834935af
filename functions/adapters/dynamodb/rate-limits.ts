import { createHash } from 'node:crypto';
import type { RateCounter } from '../../http/limits';
import { documents, UpdateCommand } from '../../platform/aws/dynamodb';
import { tables } from './tables';

/**
 * Counters in the limits table, one item per key and minute: `RATE#addr#<hash>` (requests and
 * failures of a client address) and `RATE#<scope>#<hash>` (requests with one credential). Keys
 * are SHA-256 hashes: no address or token is stored as it is. Each count is one atomic update
 * (ADD), so every instance counts into the same number; items expire two minutes after their
 * minute.
 */
const hashed = (value: string) =>
  createHash('sha256').update(`televisit-limit:${value}`).digest('hex');

async function add(pk: string, minute: number, field: 'requests' | 'failures') {
  const result = await documents().send(
    new UpdateCommand({
      TableName: tables.limits(),
      Key: { pk, sk: String(minute) },
      UpdateExpression: 'ADD #f :one SET expiresAt = if_not_exists(expiresAt, :e)',
      ExpressionAttributeNames: { '#f': field },
      ExpressionAttributeValues: { ':one': 1, ':e': (minute + 3) * 60 },
      ReturnValues: 'ALL_NEW',
    }),
  );
  return result.Attributes ?? {};
}

export const dynamoRateCounter: RateCounter = {
  async hit(scope, address, credential, minute) {
    const [byAddress, byCredential] = await Promise.all([
      add(`RATE#addr#${hashed(address)}`, minute, 'requests'),
      credential ? add(`RATE#${scope}#${hashed(credential)}`, minute, 'requests') : undefined,
    ]);
    return {
      address: {
        requests: Number(byAddress.requests ?? 0),
        failures: Number(byAddress.failures ?? 0),
      },
      ...(byCredential ? { credential: Number(byCredential.requests ?? 0) } : {}),
    };
  },
  async fail(address, minute) {
    await add(`RATE#addr#${hashed(address)}`, minute, 'failures');
  },
};
