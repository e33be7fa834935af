import { randomUUID } from 'node:crypto';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { invoke, type LambdaHandler, lambdaContext } from './lambdas';

export interface StreamPollerOptions {
  dynamodb: DynamoDBClient;
  streams: DynamoDBStreamsClient;
  tableName: string;
  region: string;
  /** The function's name, for its context and the gateway's log. */
  functionName: string;
  /** The event source mapping's filter (infra/schema/streams.ts). */
  matches: (
    eventName: string | undefined,
    keys: Record<string, { S?: string }>,
    newImage?: Record<string, { BOOL?: boolean }>,
  ) => boolean;
  handler: () => Promise<{ handler: LambdaHandler }>;
  /** How often an idle shard is read: Lambda polls a stream's shards four times a second. */
  idleMs?: number;
}

/** How many times a batch whose records failed is offered again before it is dropped. */
const maxRetries = 3;
const batchSize = 100;

/**
 * Lambda's DynamoDB event source mapping on one machine: reads the table's stream from DynamoDB
 * Local (its real Streams API), keeps the records the CDK filter keeps (infra/schema/streams.ts),
 * and invokes the handler with the event Lambda would send, one batch at a time per shard, in
 * order. A batch the handler reports failures for is offered again from the first failed record
 * (ReportBatchItemFailures), at most three times.
 */
export function startStreamPoller(options: StreamPollerOptions) {
  const idleMs = options.idleMs ?? 250;
  const iterators = new Map<string, string>();
  let stopped = false;
  let streamArn = '';
  let timer: NodeJS.Timeout | undefined;
  let lastDiscovery = 0;

  async function discover(type: 'LATEST' | 'TRIM_HORIZON'): Promise<void> {
    lastDiscovery = Date.now();
    const shards = (await options.streams.send(new DescribeStreamCommand({ StreamArn: streamArn })))
      .StreamDescription?.Shards;
    for (const shard of shards ?? []) {
      const shardId = shard.ShardId ?? '';
      if (iterators.has(shardId) || shard.SequenceNumberRange?.EndingSequenceNumber) continue;
      const iterator = await options.streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shardId,
          ShardIteratorType: type,
        }),
      );
      if (iterator.ShardIterator) iterators.set(shardId, iterator.ShardIterator);
    }
  }

  function eventOf(records: StreamRecord[]): DynamoDBStreamEvent {
    return {
      Records: records.map((r) => ({
        eventID: r.eventID ?? randomUUID(),
        eventName: r.eventName as 'INSERT' | 'MODIFY' | 'REMOVE',
        eventVersion: '1.1',
        eventSource: 'aws:dynamodb',
        awsRegion: options.region,
        eventSourceARN: streamArn,
        dynamodb: {
          ...(r.dynamodb?.ApproximateCreationDateTime
            ? {
                ApproximateCreationDateTime:
                  r.dynamodb.ApproximateCreationDateTime.getTime() / 1000,
              }
            : {}),
          Keys: r.dynamodb?.Keys as never,
          NewImage: r.dynamodb?.NewImage as never,
          SequenceNumber: r.dynamodb?.SequenceNumber ?? '',
          SizeBytes: r.dynamodb?.SizeBytes ?? 0,
          StreamViewType: 'NEW_IMAGE',
        },
      })),
    };
  }

  async function deliver(records: StreamRecord[]): Promise<void> {
    let pending = records;
    for (let attempt = 0; pending.length > 0 && attempt <= maxRetries; attempt += 1) {
      const { handler } = await options.handler();
      const event = eventOf(pending);
      const result = (await invoke(
        () => handler(event, lambdaContext(options.functionName, randomUUID(), 30_000)),
        30_000,
      ).catch((error: unknown) => {
        console.error(`[gateway] ${options.functionName} failed:`, error);
        return { batchItemFailures: [{ itemIdentifier: pending[0]?.dynamodb?.SequenceNumber }] };
      })) as DynamoDBBatchResponse | undefined;
      const failures = (result?.batchItemFailures ?? []).map((f) => f.itemIdentifier);
      if (failures.length === 0) return;
      const first = pending.findIndex((r) => failures.includes(r.dynamodb?.SequenceNumber ?? ''));
      pending = first < 0 ? [] : pending.slice(first);
      await new Promise((resolve) => setTimeout(resolve, 200 * (attempt + 1)));
    }
    if (pending.length > 0)
      console.error(`[gateway] ${options.functionName} dropped ${pending.length} record(s)`);
  }

  async function pollShard(shardId: string, iterator: string): Promise<boolean> {
    const page = await options.streams.send(
      new GetRecordsCommand({ ShardIterator: iterator, Limit: batchSize }),
    );
    if (page.NextShardIterator) iterators.set(shardId, page.NextShardIterator);
    else iterators.delete(shardId); // the shard closed; its successor is found by discovery
    const wanted = (page.Records ?? []).filter((r) =>
      options.matches(
        r.eventName,
        r.dynamodb?.Keys as Record<string, { S?: string }>,
        r.dynamodb?.NewImage as Record<string, { BOOL?: boolean }> | undefined,
      ),
    );
    if (wanted.length > 0) await deliver(wanted);
    return (page.Records?.length ?? 0) > 0;
  }

  async function tick(): Promise<void> {
    let busy = false;
    try {
      if (iterators.size === 0 || Date.now() - lastDiscovery > 10_000)
        await discover('TRIM_HORIZON');
      for (const [shardId, iterator] of [...iterators]) {
        try {
          if (await pollShard(shardId, iterator)) busy = true;
        } catch (error) {
          // An iterator that no longer reads (expired, or DynamoDB restarted): find the shard
          // again. Records read twice are handled twice, which pushes (hints) and
          // notices (each invitee's told time is checked first) allow.
          iterators.delete(shardId);
          throw error;
        }
      }
    } catch (error) {
      if (!stopped) console.error('[gateway] stream poll failed:', (error as Error).name);
    }
    if (!stopped) timer = setTimeout(() => void tick(), busy ? 0 : idleMs);
  }

  const ready = (async () => {
    const table = await options.dynamodb.send(
      new DescribeTableCommand({ TableName: options.tableName }),
    );
    streamArn = table.Table?.LatestStreamArn ?? '';
    if (!streamArn) throw new Error(`Table ${options.tableName} has no stream`);
    await discover('LATEST');
    timer = setTimeout(() => void tick(), idleMs);
  })();

  return {
    ready,
    stop(): void {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

export { DynamoDBStreamsClient };
