import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { TelevisitFunction } from '../constructs/televisit-function';
import { visitNewsFilterPatterns } from '../schema/streams';
import { appointmentsTable, connectionsTable } from '../schema/tables';
import type { DataStack } from './data-stack';

/**
 * How long a change's news is worth sending: pages also read their visit every few seconds, so
 * a push older than this tells nobody anything; the record goes to the dead-letter queue.
 */
const maxRecordAge = Duration.minutes(1);

export interface VisitNewsProps {
  data: DataStack;
  /** Tells the function where to push and lets it (the realtime stack's `allowPushing`). */
  allowPushing(fn: TelevisitFunction): void;
  /** Where records that failed every retry go: the realtime stack's one dead-letter queue. */
  deadLetterQueue: sqs.IQueue;
}

/**
 * The news of every committed visit change, pushed to browsers off the request's path: the
 * appointments table's stream (new images), filtered to visit states (infra/schema/streams.ts),
 * feeds the visit-news function (functions/handlers/visit-news.ts), which sends knocks, join
 * information to the admitted, and "visit changed" to the provider and the staff watching.
 * A record whose pushes could not be attempted is retried (the function reports it), the batch
 * split on errors, and what still fails lands in the realtime stack's encrypted dead-letter
 * queue, beside the meeting events that failed.
 */
export class VisitNews extends Construct {
  readonly function: TelevisitFunction;

  constructor(scope: Construct, id: string, props: VisitNewsProps) {
    super(scope, id);
    const { data, deadLetterQueue } = props;
    this.function = new TelevisitFunction(this, 'visit-news-function', {
      entry: 'functions/handlers/visit-news.ts',
      description: 'Televisit visit news (pushes after each committed change)',
      serviceName: 'visit-news',
      logs: data.logSettings,
      timeout: Duration.seconds(30),
      stream: { deadLetterQueue },
    });
    // The meeting and attendee an admission's join information is made of (GetItem); the
    // provider's and participants' connections (gsi1) and the staff watching (`WATCH#…`,
    // Query), a closed one forgotten (DeleteItem); the push itself.
    this.function
      .useTable(data.table(appointmentsTable), ['GetItem'])
      .useTable(data.table(connectionsTable), ['Query', 'DeleteItem'], { indexes: ['gsi1'] });
    props.allowPushing(this.function);
    const { table } = data.table(appointmentsTable);
    this.function.lambda.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: lambda.StartingPosition.LATEST,
        batchSize: 100,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        retryAttempts: 3,
        maxRecordAge,
        onFailure: new SqsDlq(deadLetterQueue),
        filters: visitNewsFilterPatterns.map((pattern) => lambda.FilterCriteria.filter(pattern)),
      }),
    );
  }
}
