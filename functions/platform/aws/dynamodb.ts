import { randomUUID } from 'node:crypto';
import type {
  BatchGetCommandInput,
  BatchGetCommandOutput,
  DeleteCommandInput,
  DeleteCommandOutput,
  GetCommandInput,
  GetCommandOutput,
  PutCommandInput,
  PutCommandOutput,
  QueryCommandInput,
  QueryCommandOutput,
  TransactWriteCommandInput,
  TransactWriteCommandOutput,
  UpdateCommandInput,
  UpdateCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { callDynamoDB } from './dynamodb-wire';
import { once } from './options';

export type { QueryCommandInput, TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
export {
  ConditionalCheckFailedException,
  DynamoDBServiceError,
  TransactionCanceledException,
} from './dynamodb-wire';

/**
 * The document client the stores use: the commands of `@aws-sdk/lib-dynamodb`, with the same
 * names, inputs and outputs (plain JavaScript values in and out), sent over dynamodb-wire.ts
 * instead of the SDK (why: that file). Only the operations the stores use are here.
 */
class Command<Input, Output> {
  declare readonly output: Output;
  constructor(
    readonly operation: string,
    readonly input: Input,
  ) {}
}

export class GetCommand extends Command<GetCommandInput, GetCommandOutput> {
  constructor(input: GetCommandInput) {
    super('GetItem', input);
  }
}
export class PutCommand extends Command<PutCommandInput, PutCommandOutput> {
  constructor(input: PutCommandInput) {
    super('PutItem', input);
  }
}
export class UpdateCommand extends Command<UpdateCommandInput, UpdateCommandOutput> {
  constructor(input: UpdateCommandInput) {
    super('UpdateItem', input);
  }
}
export class DeleteCommand extends Command<DeleteCommandInput, DeleteCommandOutput> {
  constructor(input: DeleteCommandInput) {
    super('DeleteItem', input);
  }
}
export class QueryCommand extends Command<QueryCommandInput, QueryCommandOutput> {
  constructor(input: QueryCommandInput) {
    super('Query', input);
  }
}
export class BatchGetCommand extends Command<BatchGetCommandInput, BatchGetCommandOutput> {
  constructor(input: BatchGetCommandInput) {
    super('BatchGetItem', input);
  }
}
export class TransactWriteCommand extends Command<
  TransactWriteCommandInput,
  TransactWriteCommandOutput
> {
  constructor(input: TransactWriteCommandInput) {
    super('TransactWriteItems', input);
  }
}
/** The health check's: whether the table answers (its description is not read). */
export class DescribeTableCommand extends Command<
  { TableName: string },
  { Table?: { TableStatus?: string } }
> {
  constructor(input: { TableName: string }) {
    super('DescribeTable', input);
  }
}

type Value = Record<string, unknown>;
const isObject = (v: unknown): v is Value => typeof v === 'object' && v !== null;

/** Fields holding one item (or key, or values by placeholder) in DynamoDB's own JSON. */
const itemFields = new Set([
  'Key',
  'Item',
  'ExpressionAttributeValues',
  'ExclusiveStartKey',
  'Attributes',
  'LastEvaluatedKey',
]);

/** Fields holding a list of items or keys. */
const listFields = new Set(['Keys', 'Items']);

/**
 * Converts every item in a request or an answer (wherever lib-dynamodb converts them: keys,
 * items, values, pages, a batch's keys and answers, a cancelled transaction's items).
 */
function convert(value: unknown, item: (v: Value) => Value, field = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => convert(v, item, field));
  if (!isObject(value)) return value;
  if (itemFields.has(field) || listFields.has(field)) return item(value);
  return Object.fromEntries(
    // A batch's answers are lists of items under each table's name.
    Object.entries(value).map(([k, v]) => [
      k,
      convert(v, item, field === 'Responses' ? 'Items' : k),
    ]),
  );
}

const toWire = (v: Value) => marshall(v, { removeUndefinedValues: true }) as Value;
const fromWire = (v: Value) => unmarshall(v as never);

/** A request's items in DynamoDB's JSON (plain values in). */
export const toWireRequest = (input: unknown) => convert(input, toWire) as Value;
/** An answer's items as plain values. */
export const fromWireAnswer = (answer: unknown) => convert(answer, fromWire) as Value;

export interface DocumentClient {
  send<Input, Output>(command: Command<Input, Output>): Promise<Output>;
}

/** The document client, one per instance. */
export const documents = once(
  (): DocumentClient => ({
    async send<Input, Output>(command: Command<Input, Output>): Promise<Output> {
      try {
        const input = toWireRequest(command.input);
        // As the SDK does: a transaction carries a token made once per call, so an attempt
        // repeated after a timeout is applied at most once (DynamoDB remembers it 10 minutes).
        if (command.operation === 'TransactWriteItems') input.ClientRequestToken ??= randomUUID();
        const answer = await callDynamoDB(command.operation, input);
        return { ...fromWireAnswer(answer), $metadata: {} } as Output;
      } catch (error) {
        const reasons = (error as { CancellationReasons?: unknown }).CancellationReasons;
        if (Array.isArray(reasons))
          Object.assign(error as object, { CancellationReasons: fromWireAnswer(reasons) });
        throw error;
      }
    },
  }),
);

/** The same client, under the name the health check uses for table-level calls. */
export const dynamodb = documents;
