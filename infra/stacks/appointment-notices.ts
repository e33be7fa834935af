import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { TelevisitFunction } from '../constructs/televisit-function';
import { appointmentNoticesFilterPatterns } from '../schema/streams';
import { appointmentsTable, auditTable, guestLinksTable } from '../schema/tables';
import { type PermissionSources, sendsMail, useAppUrl } from './context-permissions';

/**
 * Everyone told of a video visit hears when its time changes or it is cancelled: the
 * appointments table's stream, filtered to appointment items (infra/schema/streams.ts), feeds
 * the appointment-notices function (functions/handlers/appointment-notices.ts). It reads the
 * appointment and its settings and provider (appointments table, GetItem), its invitees
 * (guest-links, Query) and rooms' links (GetItem), takes and releases Send Now's lock (Update,
 * Delete) and records each outcome (Update) with its audit entry (audit, Put), all in the one
 * transaction Send Now uses; it signs links with the link key, and sends by SES and SMS. A
 * change whose notices could not be attempted is retried (the function reports it), the batch
 * split on errors, and what still fails after an hour lands in its encrypted dead-letter queue.
 * An appointment booked online is confirmed from here too: the client's invitation is made
 * (guest-links, Put in a transaction with its PIN) and sent as Send Now sends it.
 */
export class AppointmentNotices extends Construct {
  readonly function: TelevisitFunction;
  readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: PermissionSources) {
    super(scope, id);
    const { data, messaging, appUrl, dialInNumber } = props;
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.function = new TelevisitFunction(this, 'appointment-notices-function', {
      entry: 'functions/handlers/appointment-notices.ts',
      description: 'Televisit notices of a changed or cancelled visit to those invited',
      serviceName: 'appointment-notices',
      logs: data.logSettings,
      timeout: Duration.seconds(60),
      stream: { deadLetterQueue: this.deadLetterQueue },
      // The same queue takes an event replayed asynchronously (an operator re-sending a
      // dead-lettered batch with `--invocation-type Event`) that fails again.
      asynchronous: {
        deadLetterQueue: this.deadLetterQueue,
        retryAttempts: 2,
        maxEventAge: Duration.hours(1),
      },
    });
    this.function
      .useTable(data.table(appointmentsTable), ['GetItem'])
      .useTable(data.table(guestLinksTable), [
        'GetItem',
        'Query',
        'PutItem',
        'UpdateItem',
        'DeleteItem',
      ])
      .useTable(data.table(auditTable), ['PutItem'])
      .useMacKey('LINK_KEY_ID', data.linkKey)
      .allowSmsToPhoneNumbers();
    if (dialInNumber) this.function.setEnvironment('DIAL_IN_NUMBER', dialInNumber);
    sendsMail(this.function, messaging);
    useAppUrl(this.function, appUrl);
    this.function.lambda.addEventSource(
      new DynamoEventSource(data.table(appointmentsTable).table, {
        startingPosition: lambda.StartingPosition.LATEST,
        batchSize: 20,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        retryAttempts: 10,
        // A new time is worth sending for hours; a Send Now holding the lock only for seconds.
        maxRecordAge: Duration.hours(1),
        onFailure: new SqsDlq(this.deadLetterQueue),
        filters: appointmentNoticesFilterPatterns.map((p) => lambda.FilterCriteria.filter(p)),
      }),
    );
  }
}
