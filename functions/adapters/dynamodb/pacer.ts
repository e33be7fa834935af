import { documents, UpdateCommand } from '../../platform/aws/dynamodb';
import { unavailable } from '../../platform/errors';
import { tables } from './tables';

/** How fast calls may go: one per `intervalMs` on average, `burst` at once, waiting at most `maxWaitMs`. */
export interface PaceRule {
  intervalMs: number;
  burst: number;
  maxWaitMs: number;
}

/**
 * Chime's control plane allows 10 requests a second, bursts of 20, per account and region. We
 * stay inside it with room to spare (its bucket and ours do not share a clock): 9 a second,
 * bursts of 15. A caller waits at most 6 s for its turn; beyond that the queue is longer than a
 * request should wait, and it is told to come back (503 meetings.busy with Retry-After).
 */
export const chimeRule: PaceRule = { intervalMs: 1000 / 9, burst: 15, maxWaitMs: 6_000 };

const conditionFailed = (error: unknown): error is Error & { Item?: Record<string, unknown> } =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

/** `tat` of the item a failed condition returns: DynamoDB's wire format (the document client leaves it so). */
function tatOf(error: { Item?: Record<string, unknown> }): number {
  const raw = error.Item?.tat as { N?: string } | number | undefined;
  const value = typeof raw === 'object' && raw !== null ? Number(raw.N) : Number(raw);
  return Number.isFinite(value) ? value : 0;
}

/**
 * A pacer shared by every function instance: the generic cell rate algorithm on one DynamoDB
 * item (`PACER#<name>` in the limits table). The item holds `tat`, the theoretical arrival time
 * of the next call; each caller takes the next slot with one atomic conditional update and waits
 * until its slot, so calls leave in order at the rule's rate whatever the number of instances.
 * An idle pacer (`tat` in the past) lets a call go at once. A `tat` far in the future can only
 * come from a clock set back (the local stack's movable clock): it is treated as idle.
 *
 * Usually one round trip; two when the pacer changed between idle and busy meanwhile.
 */
export function dynamoPacer(name: string, rule: PaceRule, now: () => number) {
  const key = { pk: `PACER#${name}`, sk: 'PACER' };
  const tolerance = (rule.burst - 1) * rule.intervalMs;
  /** The last `tat` this instance saw: where the pacer probably is now. */
  let lastTat = 0;

  async function startIdle(at: number): Promise<number | 'busy'> {
    try {
      await documents().send(
        new UpdateCommand({
          TableName: tables.limits(),
          Key: key,
          UpdateExpression: 'SET tat = :next',
          ConditionExpression: 'attribute_not_exists(tat) OR tat <= :now OR tat > :stale',
          ExpressionAttributeValues: {
            ':next': at + rule.intervalMs,
            ':now': at,
            ':stale': at + tolerance + rule.maxWaitMs + 120_000,
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      lastTat = at + rule.intervalMs;
      return 0;
    } catch (error) {
      if (!conditionFailed(error)) throw error;
      lastTat = tatOf(error);
      return 'busy';
    }
  }

  async function queue(at: number): Promise<number | 'idle'> {
    try {
      const result = await documents().send(
        new UpdateCommand({
          TableName: tables.limits(),
          Key: key,
          UpdateExpression: 'SET tat = tat + :interval',
          ConditionExpression: 'tat > :now AND tat <= :limit',
          ExpressionAttributeValues: {
            ':interval': rule.intervalMs,
            ':now': at,
            ':limit': at + tolerance + rule.maxWaitMs,
          },
          ReturnValues: 'UPDATED_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      const tat = Number(result.Attributes?.tat);
      lastTat = tat;
      return Math.max(0, tat - rule.intervalMs - tolerance - at);
    } catch (error) {
      if (!conditionFailed(error)) throw error;
      const tat = tatOf(error);
      lastTat = tat;
      const stale = tat > at + tolerance + rule.maxWaitMs + 120_000;
      if (tat <= at || stale) return 'idle';
      throw unavailable(
        'meetings.busy',
        'Many visits are starting right now. Please try again in a moment.',
        Math.ceil((tat - tolerance - rule.maxWaitMs - at) / 1000),
      );
    }
  }

  /** Takes the next slot: the time (on `now`'s clock) at which the call may go. */
  async function take(): Promise<number> {
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const at = now();
      const outcome = lastTat > at ? await queue(at) : await startIdle(at);
      if (outcome === 'busy' || outcome === 'idle') {
        if (outcome === 'idle') lastTat = 0;
        continue;
      }
      return at + outcome;
    }
    throw unavailable(
      'meetings.busy',
      'Many visits are starting right now. Please try again in a moment.',
      1,
    );
  }

  /** Waits until a slot taken with `take` has come. */
  async function until(slot: number): Promise<void> {
    const wait = slot - now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }

  return {
    take,
    until,
    /** Waits for this call's turn; throws 503 meetings.busy when the queue is too long. */
    async pace(): Promise<void> {
      await until(await take());
    },
  };
}
