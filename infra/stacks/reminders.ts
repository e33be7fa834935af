import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { TelevisitFunction } from '../constructs/televisit-function';
import { appointmentsTable, auditTable, guestLinksTable } from '../schema/tables';
import { type PermissionSources, sendsMail, useAppUrl } from './context-permissions';

/**
 * Reminders before video visits (functions/invitations/reminders.ts): a scheduled rule runs the
 * reminders function every minute, and each run sends what fell due in the last half hour, once
 * (a claim per reminder). A sweep rather than one schedule per reminder: nothing to create,
 * move or delete when an appointment is booked, moved or cancelled, and a missed minute is
 * caught up by the next. It reads the clinic's settings, the providers (gsi1 `USERS`) and each
 * one's visits starting in the due windows (gsi1), the client and names (GetItem); makes the
 * client's invitation when they have none (guest-links, Put in a transaction with its PIN),
 * reads invitees (Query), claims each reminder (UpdateItem), audits (Put), and sends by SES and
 * SMS with links signed by the link key. A failed invocation is retried, then dead-lettered.
 */
export class Reminders extends Construct {
  readonly function: TelevisitFunction;
  readonly deadLetterQueue: sqs.Queue;
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: PermissionSources) {
    super(scope, id);
    const { data, messaging, appUrl, dialInNumber } = props;
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.function = new TelevisitFunction(this, 'reminders-function', {
      entry: 'functions/handlers/reminders.ts',
      description: 'Televisit reminders before video visits (a sweep every minute)',
      serviceName: 'reminders',
      logs: data.logSettings,
      timeout: Duration.seconds(50),
      asynchronous: {
        deadLetterQueue: this.deadLetterQueue,
        retryAttempts: 1,
        maxEventAge: Duration.minutes(5),
      },
    });
    this.function
      .useTable(data.table(appointmentsTable), ['GetItem', 'Query'], { indexes: ['gsi1'] })
      .useTable(data.table(guestLinksTable), ['GetItem', 'Query', 'PutItem', 'UpdateItem'])
      .useTable(data.table(auditTable), ['PutItem'])
      .useMacKey('LINK_KEY_ID', data.linkKey)
      .allowSmsToPhoneNumbers();
    if (dialInNumber) this.function.setEnvironment('DIAL_IN_NUMBER', dialInNumber);
    sendsMail(this.function, messaging);
    useAppUrl(this.function, appUrl);
    this.rule = new events.Rule(this, 'EveryMinute', {
      description: 'Runs the Televisit reminders sweep',
      schedule: events.Schedule.rate(Duration.minutes(1)),
      targets: [
        new targets.LambdaFunction(this.function.lambda, {
          deadLetterQueue: this.deadLetterQueue,
          retryAttempts: 2,
          maxEventAge: Duration.minutes(5),
        }),
      ],
    });
  }
}
