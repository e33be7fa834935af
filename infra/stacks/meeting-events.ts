import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { TelevisitFunction } from '../constructs/televisit-function';
import { appointmentsTable, auditTable } from '../schema/tables';
import type { DataStack } from './data-stack';

/** What Chime sends to the account's default event bus when meetings and attendees change. */
export const chimeMeetingEventPattern: events.EventPattern = {
  source: ['aws.chime'],
  detailType: ['Chime Meeting State Change'],
};

/**
 * How long a meeting event is worth delivering. Presence is only news while it is current: an
 * "attendee joined" applied after a later "attendee left" would show someone in the call who
 * is not. Past this age an event goes to the dead-letter queue instead (kept for inspection).
 */
const maxEventAge = Duration.minutes(15);

export interface MeetingEventsProps {
  data: DataStack;
}

/**
 * Chime SDK meeting events (who actually connected to the media, who left) as visit presence:
 * an EventBridge rule on the default bus sends each "Chime Meeting State Change" to the
 * meeting-events function (functions/handlers/meeting-events.ts), which records it on the visit
 * and writes the audit entry in the same transaction; the news reaches the visit's hosts from the
 * appointments table's stream (VisitNews).
 *
 * Both hops are asynchronous, so neither loses an event silently: EventBridge retries delivery
 * to Lambda, Lambda retries a failed invocation, and what still fails lands in one encrypted
 * dead-letter queue (which also fixes HIPAA LambdaDLQ for this function).
 */
export class MeetingEvents extends Construct {
  readonly function: TelevisitFunction;
  readonly deadLetterQueue: sqs.Queue;
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: MeetingEventsProps) {
    super(scope, id);
    const { data } = props;
    // Events carry opaque ids only (visit, participant, attendee), no names or numbers.
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.function = new TelevisitFunction(this, 'meeting-events-function', {
      entry: 'functions/handlers/meeting-events.ts',
      description: 'Televisit Chime meeting events (presence)',
      serviceName: 'meeting-events',
      logs: data.logSettings,
      timeout: Duration.seconds(30),
      asynchronous: { deadLetterQueue: this.deadLetterQueue, retryAttempts: 2, maxEventAge },
    });
    grantMeetingEvents(this.function, props);
    this.rule = new events.Rule(this, 'ChimeMeetingStateChange', {
      description: 'Chime SDK attendee joins and leaves, to the Televisit meeting-events function',
      eventPattern: chimeMeetingEventPattern,
      targets: [
        new targets.LambdaFunction(this.function.lambda, {
          deadLetterQueue: this.deadLetterQueue,
          retryAttempts: 4,
          maxEventAge,
        }),
      ],
    });
  }
}

/**
 * Exactly what functions/visits/meeting-events.ts (onMeetingEvent -> applyCommand) calls for a
 * presence change or a meeting's end. Appointments table: the visit (`VISIT#…` / `STATE`,
 * GetItem), its current meeting (`/ MEETING`, GetItem: an older generation's end is ignored),
 * the visit with its meeting in one read (Query on `VISIT#…`), its next state (Put in the transaction)
 * and the meeting marked ended (Update, in the transaction or alone). Audit table: the entry (Put
 * in the same transaction). The news of the change goes out from the table's stream (VisitNews).
 * A presence change admits no one: no Chime, no guest links.
 */
function grantMeetingEvents(fn: TelevisitFunction, { data }: MeetingEventsProps) {
  fn.useTable(data.table(appointmentsTable), [
    'GetItem',
    'Query',
    'PutItem',
    'UpdateItem',
  ]).useTable(data.table(auditTable), ['PutItem']);
}
