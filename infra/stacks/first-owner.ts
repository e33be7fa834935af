import { CustomResource, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { FirstOwnerProperties } from '../../functions/handlers/first-owner';
import { TelevisitFunction } from '../constructs/televisit-function';
import { appointmentsTable } from '../schema/tables';
import type { AuthStack } from './auth-stack';
import type { DataStack } from './data-stack';

/** Who the first owner is, and the clinic settings made with them (infra/config.ts). */
export interface FirstOwnerSettings {
  ownerEmail: string;
  ownerName: string;
  clinicName: string;
  timeZone: string;
}

export interface FirstOwnerProps extends FirstOwnerSettings {
  data: DataStack;
  auth: AuthStack;
}

/**
 * How long CloudFormation waits for the answer, and how long Lambda keeps retrying the event:
 * a run takes a second or two, so a deploy that cannot make the owner fails in minutes, not
 * after CloudFormation's default hour.
 */
const serviceTimeout = Duration.minutes(10);

/**
 * The clinic's first owner, made by the deployment: self sign-up is off and every other account
 * is created from the app by an owner or manager, so without one nobody could sign in.
 *
 * A custom resource whose service token is a house function (functions/handlers/first-owner.ts),
 * with no provider framework in between: CloudFormation invokes the function itself, which
 * answers at the event's response URL. On Create, and on Update with a new owner email, it
 * makes whatever is missing of the clinic settings, the owner's Cognito account (Cognito emails
 * the temporary password) and their profile with the owner count. It never deletes anything:
 * the resource is retained, and a Delete that reaches the function does nothing.
 *
 * CloudFormation invokes the function asynchronously, so like the meeting-events function it has
 * Lambda's retries and an encrypted dead-letter queue (fixing HIPAA LambdaDLQ): every step is
 * idempotent, so an answer that failed to reach CloudFormation is simply worked out again.
 */
export class FirstOwner extends Construct {
  readonly function: TelevisitFunction;
  readonly deadLetterQueue: sqs.Queue;
  readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: FirstOwnerProps) {
    super(scope, id);
    // The events carry the owner's email and name: kept encrypted, and no longer than needed.
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.function = new TelevisitFunction(this, 'first-owner-function', {
      entry: 'functions/handlers/first-owner.ts',
      description: 'Televisit first owner (CloudFormation custom resource)',
      serviceName: 'first-owner',
      logs: props.data.logSettings,
      // A run takes a second or two, but waits up to half a minute for a new role (the handler).
      timeout: Duration.minutes(1),
      asynchronous: {
        deadLetterQueue: this.deadLetterQueue,
        retryAttempts: 2,
        maxEventAge: serviceTimeout,
      },
    });
    grantFirstOwner(this.function, props);
    const properties: FirstOwnerProperties = {
      OwnerEmail: props.ownerEmail,
      OwnerName: props.ownerName,
      ClinicName: props.clinicName,
      TimeZone: props.timeZone,
    };
    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: this.function.lambda.functionArn,
      resourceType: 'Custom::TelevisitFirstOwner',
      properties: { ...properties },
      serviceTimeout,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}

/**
 * Exactly what functions/handlers/first-owner.ts calls. Cognito: AdminGetUser (find the
 * account), AdminCreateUser (with Cognito's invitation) and AdminAddUserToGroup (`owner`), on
 * this pool. Appointments table, only items under `CLINIC` (settings, owner count) and `USER#…`
 * (profiles): PutItem for the settings (condition: none yet) and for the profile, UpdateItem for
 * `ADD ownerCount`, the two together in one TransactWriteItems (which has no IAM action of its
 * own). No reads of the table, no index, nothing else.
 */
function grantFirstOwner(fn: TelevisitFunction, { data, auth }: FirstOwnerProps) {
  fn.useTable(data.table(appointmentsTable), ['PutItem', 'UpdateItem'], {
    leadingKeys: ['CLINIC', 'USER#*'],
  })
    .setEnvironment('USER_POOL_ID', auth.userPool.userPoolId)
    .allow(
      [
        'cognito-idp:AdminGetUser',
        'cognito-idp:AdminCreateUser',
        'cognito-idp:AdminAddUserToGroup',
      ],
      [auth.userPool.userPoolArn],
    );
}
