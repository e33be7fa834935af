import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { AssetHashType, DockerImage, Duration, Stack, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { repositoryRoot } from '../paths';
import type { TableDefinition } from '../schema/tables';
import { houseLogGroup, type LogSettings } from './log-settings';
import { ManagedPolicyRole } from './managed-policy-role';
import { nagArn } from './nag-ids';

/**
 * A function's code: its handler bundled at synth by infra/bundling/bundle.ts, which needs
 * esbuild's asynchronous API (for its plugins), so it runs as a child process here.
 */
function bundledCode(entry: string): lambda.Code {
  return lambda.Code.fromAsset(join(repositoryRoot, 'functions'), {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:22'),
      // Never run (local bundling always succeeds), but part of the asset's cache key: without
      // it CDK would take every function's bundle for the first one's.
      command: ['bundle', entry],
      local: {
        tryBundle(outputDir) {
          const run = spawnSync(
            join(repositoryRoot, 'node_modules', '.bin', 'tsx'),
            [join(repositoryRoot, 'infra', 'bundling', 'bundle.ts'), entry, outputDir],
            { cwd: repositoryRoot, stdio: 'inherit' },
          );
          if (run.status !== 0) throw new Error(`Bundling ${entry} failed`);
          return true;
        },
      },
    },
  });
}

/** A deployed table together with its definition in infra/schema/tables.ts. */
export interface DataTable {
  definition: TableDefinition;
  table: dynamodb.ITable;
}

/**
 * A DynamoDB operation a function's code performs, each granted as the IAM action of that name.
 * A transaction needs the action of each of its parts (PutItem for a Put, UpdateItem for an
 * Update, DeleteItem for a Delete, ConditionCheckItem for a ConditionCheck); there is no
 * TransactWriteItems action. There is deliberately no Scan: no request path may scan a table
 * (see ARCHITECTURE.md, access patterns).
 */
export type TableAction =
  | 'DescribeTable'
  | 'GetItem'
  | 'BatchGetItem'
  | 'Query'
  | 'PutItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'BatchWriteItem'
  | 'ConditionCheckItem';

/** Named sets of table actions; `describe` is for health probes. */
export type TableAccess = 'describe' | 'read' | 'readWrite';

const tableActions: Record<TableAccess, readonly TableAction[]> = {
  describe: ['DescribeTable'],
  read: ['GetItem', 'BatchGetItem', 'Query'],
  readWrite: [
    'GetItem',
    'BatchGetItem',
    'Query',
    'PutItem',
    'UpdateItem',
    'DeleteItem',
    'BatchWriteItem',
    'ConditionCheckItem',
  ],
};

/** What an append-only table (TableDefinition.appendOnly) refuses: changing or removing items. */
const changesItems: readonly TableAction[] = ['UpdateItem', 'DeleteItem', 'BatchWriteItem'];

export interface UseTableOptions {
  /**
   * The indexes the function queries: `true` for every index of the table's definition, or
   * their names. Only Query reads an index, so only Query is granted on them.
   */
  indexes?: true | readonly string[];
  /**
   * Limits the grant to items whose partition key matches one of these patterns (`*` any
   * characters), e.g. `USER#*`: IAM's `dynamodb:LeadingKeys`. On the table only, so not together
   * with `indexes` (an index's leading key is another attribute).
   */
  leadingKeys?: readonly string[];
}

/**
 * Actions that IAM cannot scope to a resource (the service defines no resource type for them),
 * so they need `Resource: *`. Only these may be granted that way; anything else must name its
 * resources. The AwsSolutions-IAM5[Resource::*] acknowledgement below relies on this list.
 */
export const actionsWithoutResourceType = [
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'ses:GetSendQuota',
  'sns:GetSMSAttributes',
  // The meeting it creates has no ARN yet; IAM defines no resource type for this action.
  'chime:CreateMeetingWithAttendees',
  // The clinic's SIP rule (infra/stacks/sip-rule.ts): IAM defines no resource type for rules.
  'chime:CreateSipRule',
  'chime:UpdateSipRule',
  'chime:DeleteSipRule',
] as const;
export type ResourcelessAction = (typeof actionsWithoutResourceType)[number];

export interface TelevisitFunctionProps {
  /** The handler module, relative to the repository root, e.g. `functions/handlers/platform.ts`. */
  entry: string;
  description: string;
  /** Names the function in logs and traces (SERVICE_NAME). */
  serviceName: string;
  logs: LogSettings;
  memorySize?: number;
  timeout?: Duration;
  /**
   * For a function invoked asynchronously (EventBridge, SNS, S3): Lambda retries a failed event
   * `retryAttempts` times while it is younger than `maxEventAge`, then sends it to the dead-letter
   * queue instead of dropping it. Without this the function is taken to be invoked synchronously
   * only (API Gateway), where the caller receives the error and a DLQ would never fill.
   */
  asynchronous?: { deadLetterQueue: sqs.IQueue; retryAttempts: number; maxEventAge: Duration };
  /**
   * For a function fed by a stream's event source mapping (DynamoDB): records that fail every
   * retry go to the mapping's on-failure destination, this queue, not to a function DLQ.
   */
  stream?: { deadLetterQueue: sqs.IQueue };
}

/**
 * The house Lambda function: Node.js 22 on arm64, bundled by the local esbuild (no Docker),
 * X-Ray tracing, an encrypted log group with retention, and a role that holds exactly what
 * the function calls, granted together with the environment variable that names the resource.
 *
 * The code is bundled by infra/bundling/bundle.ts (esbuild, on this machine, no Docker): the
 * AWS SDK is bundled rather than taken from the runtime, whose copy changes under us, while the
 * bundled one is the exact version the local stack and the tests run. No source maps: Node
 * starts slower with them, and without the sources they say little.
 */
export class TelevisitFunction extends Construct {
  readonly lambda: lambda.Function;
  readonly role: ManagedPolicyRole;

  constructor(scope: Construct, id: string, props: TelevisitFunctionProps) {
    super(scope, id);
    this.role = new ManagedPolicyRole(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `${props.description} (Lambda role)`,
    });
    const logGroup = houseLogGroup(this, 'Logs', props.logs);
    this.lambda = new lambda.Function(this, 'Function', {
      code: bundledCode(props.entry),
      handler: 'index.handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      role: this.role,
      logGroup,
      tracing: lambda.Tracing.ACTIVE,
      ...(props.asynchronous
        ? {
            deadLetterQueue: props.asynchronous.deadLetterQueue,
            retryAttempts: props.asynchronous.retryAttempts,
            maxEventAge: props.asynchronous.maxEventAge,
          }
        : {}),
      environment: { SERVICE_NAME: props.serviceName },
    });
    this.allow(['logs:CreateLogStream', 'logs:PutLogEvents'], [logGroup.logGroupArn]);
    this.acknowledgeHouseFindings(props.asynchronous !== undefined, props.stream !== undefined);
  }

  /**
   * Sets the table's environment variable (from tables.ts) and grants exactly `access` on the
   * table: a named set, or the list of actions the function's code performs.
   */
  useTable(
    data: DataTable,
    access: TableAccess | readonly TableAction[],
    options: UseTableOptions = {},
  ): this {
    const { definition, table } = data;
    const actions = typeof access === 'string' ? tableActions[access] : access;
    const refused = definition.appendOnly ? actions.filter((a) => changesItems.includes(a)) : [];
    if (refused.length > 0) {
      throw new Error(
        `Table ${definition.id} is append-only: ${refused.join(', ')} may not be granted (PutItem adds entries)`,
      );
    }
    this.lambda.addEnvironment(definition.envVar, table.tableName);
    if (options.leadingKeys && (options.leadingKeys.length === 0 || options.indexes)) {
      throw new Error(
        `Leading keys on table ${definition.id}: name at least one, and grant no index with them`,
      );
    }
    if (actions.length > 0) {
      this.allow(
        actions.map((a) => `dynamodb:${a}`),
        [table.tableArn],
        options.leadingKeys
          ? { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...options.leadingKeys] } }
          : undefined,
      );
    }
    if (options.indexes) {
      const names =
        options.indexes === true ? definition.indexes.map((i) => i.indexName) : options.indexes;
      if (names.length === 0) throw new Error(`Table ${definition.id} has no indexes`);
      for (const name of names) {
        if (!definition.indexes.some((i) => i.indexName === name)) {
          throw new Error(`Table ${definition.id} has no index ${name}`);
        }
      }
      // Index ARNs are named one by one: no `index/*` wildcard, and only Query reads an index.
      const indexArns = names.map((name) => `${table.tableArn}/index/${name}`);
      this.allow(['dynamodb:Query'], indexArns);
    } else if (actions.length === 0) {
      throw new Error(`Grant at least one action on table ${definition.id}`);
    }
    return this;
  }

  /**
   * Names a KMS HMAC key in `envVar` and lets the function sign with it (GenerateMac only: it
   * cannot verify, encrypt, decrypt or read the key).
   */
  useMacKey(envVar: string, key: kms.IKey): this {
    this.lambda.addEnvironment(envVar, key.keyArn);
    this.allow(['kms:GenerateMac'], [key.keyArn]);
    return this;
  }

  /**
   * Names an SSM String parameter of this account and region in `envVar` and lets the function
   * read it (GetParameter). Built from the name alone, so the parameter may be written by a
   * stack that deploys later, without a cross-stack reference.
   */
  useParameter(envVar: string, parameterName: string): this {
    this.lambda.addEnvironment(envVar, parameterName);
    const arn = Stack.of(this).formatArn({
      service: 'ssm',
      resource: 'parameter',
      resourceName: parameterName.replace(/^\//, ''),
    });
    this.allow(['ssm:GetParameter'], [arn]);
    return this;
  }

  /**
   * Lets the function send SMS straight to phone numbers (SNS Publish with `PhoneNumber`), and
   * nothing else: a publish to a phone number names no resource, so IAM matches it against `*`,
   * while every topic and platform endpoint has an `arn:<partition>:sns:` ARN, which
   * `NotResource` excludes. The function cannot publish to any topic, its account's or another's.
   */
  allowSmsToPhoneNumbers(): this {
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['sns:Publish'],
        notResources: [`arn:${Stack.of(this).partition}:sns:*:*:*`],
      }),
    );
    return this;
  }

  setEnvironment(name: string, value: string): this {
    this.lambda.addEnvironment(name, value);
    return this;
  }

  /** Grants `actions` on named resources. A `*` resource is refused: see allowResourceless. */
  allow(actions: string[], resources: string[], conditions?: Record<string, unknown>): this {
    if (resources.length === 0 || resources.includes('*')) {
      throw new Error(`Grant ${actions.join(', ')} on named resources, not "*"`);
    }
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions, resources, ...(conditions ? { conditions } : {}) }),
    );
    return this;
  }

  /**
   * Attaches a customer managed policy that several functions share, so that one grant (and
   * the one cdk-nag finding it may draw) serves them all, e.g. the realtime stack's
   * PushToConnections. Never an AWS managed policy (AwsSolutions-IAM4 would fail the synth).
   */
  attachPolicy(policy: iam.IManagedPolicy): this {
    this.role.addManagedPolicy(policy);
    return this;
  }

  /** Grants actions that have no resource type in IAM (see actionsWithoutResourceType). */
  allowResourceless(actions: ResourcelessAction[]): this {
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions, resources: ['*'] }));
    return this;
  }

  /**
   * Grants Chime SDK meeting actions on this account's meetings in this region. Meeting ids
   * are made at run time, one per visit, so the ARN ends in a wildcard. Creating a meeting is
   * not among them: chime:CreateMeeting has no resource type (see allowResourceless).
   */
  allowMeetings(actions: `chime:${string}`[]): this {
    if (actions.some((a) => (actionsWithoutResourceType as readonly string[]).includes(a))) {
      throw new Error(
        `${actions.join(', ')}: grant actions without a resource type with allowResourceless`,
      );
    }
    const stack = Stack.of(this);
    this.allow(actions, [
      stack.formatArn({ service: 'chime', resource: 'meeting', resourceName: '*' }),
    ]);
    Validations.of(this).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagArn(stack, 'chime', 'meeting/*')}]`,
      reason:
        'Chime meeting ids are created at run time, one per visit; the grant is limited to meetings of this account and region.',
    });
    return this;
  }

  /**
   * Findings every house function shares; each reason is also in ARCHITECTURE.md (cdk-nag
   * findings).
   * The DLQ reason holds only for functions invoked synchronously (API Gateway); a function with
   * an asynchronous caller (EventBridge, SNS, S3) gets an SQS dead-letter queue instead
   * (`asynchronous`), which fixes the finding rather than acknowledging it.
   */
  private acknowledgeHouseFindings(hasDeadLetterQueue: boolean, streamFed: boolean): void {
    const findings: Record<string, string> = {
      'AwsSolutions-IAM5[Resource::*]':
        'Only for actions IAM cannot scope (X-Ray trace upload, SES send quota, SNS SMS settings, Chime meeting creation, and listing a DynamoDB stream for its event source); the house function refuses "*" for anything else.',
      'AwsSolutions-L1':
        'Node.js 22 (supported by Lambda until 2027) is the runtime nearest the Node 20 that the local stack and CI run the same handlers on; the house construct changes it in one place.',
      'HIPAA.Security-LambdaConcurrency':
        'New AWS accounts have a concurrency quota of 10, which leaves nothing to reserve; the API stages throttle requests instead.',
      'HIPAA.Security-LambdaInsideVPC':
        'The functions reach only AWS service endpoints (TLS, IAM-signed) and no private network; a VPC would add NAT or endpoint costs without narrowing access to PHI.',
    };
    if (hasDeadLetterQueue) {
      // Fixed, not acknowledged.
    } else if (streamFed) {
      findings['HIPAA.Security-LambdaDLQ'] =
        "Invoked by a DynamoDB stream's event source mapping, whose records that fail every retry go to the mapping's on-failure destination (an encrypted SQS queue); a function DLQ only receives failed asynchronous invocations.";
    } else {
      findings['HIPAA.Security-LambdaDLQ'] =
        'Invoked synchronously by API Gateway, which returns the error to the caller; a DLQ only receives failed asynchronous invocations.';
    }
    for (const [id, reason] of Object.entries(findings)) {
      Validations.of(this).acknowledge({ id, reason });
    }
  }
}
