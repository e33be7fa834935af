import { RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { type LogSettings, logsKey } from '../constructs/log-settings';
import type { DataTable } from '../constructs/televisit-function';
import { type KeyAttribute, type TableDefinition, tableDefinitions } from '../schema/tables';

export interface DataStackProps extends StackProps {
  logRetentionDays: number;
}

/** `guest-links` -> `GuestLinks`, for construct ids. */
const pascalCase = (id: string) =>
  id.replace(/(^|-)([a-z])/g, (_m: string, _dash: string, c: string) => c.toUpperCase());

const attribute = (key: KeyAttribute): dynamodb.Attribute => ({
  name: key.name,
  type: key.type === 'S' ? dynamodb.AttributeType.STRING : dynamodb.AttributeType.NUMBER,
});

/**
 * The clinic's records: one DynamoDB table per definition in infra/schema/tables.ts, their
 * backups, the key that encrypts every log group of the app, and the key join links are
 * derived from.
 *
 * `Table` (AWS::DynamoDB::Table) rather than `TableV2`: cdk-nag's DynamoDB rules (PITR, backup
 * plan) only look at AWS::DynamoDB::Table, so with TableV2 they would pass without checking.
 */
export class DataStack extends Stack {
  readonly tables: ReadonlyMap<string, DataTable>;
  readonly logSettings: LogSettings;
  /** The KMS HMAC key join-link tokens are derived from (functions/platform/secrets.ts). */
  readonly linkKey: kms.Key;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const tables = new Map<string, DataTable>();
    for (const definition of tableDefinitions) {
      tables.set(definition.id, { definition, table: this.createTable(definition) });
    }
    this.tables = tables;
    this.backUp([...tables.values()].map((t) => t.table));
    this.logSettings = {
      encryptionKey: logsKey(this, 'LogsKey', 'Encrypts the Televisit log groups'),
      retentionDays: props.logRetentionDays,
    };
    this.linkKey = this.createLinkKey();
  }

  /** The deployed table for a definition; throws for a table this stack does not hold. */
  table(definition: TableDefinition): DataTable {
    const found = this.tables.get(definition.id);
    if (!found) throw new Error(`No table ${definition.id} in the data stack`);
    return found;
  }

  /**
   * Encryption uses the AWS managed key (aws/dynamodb): KMS-backed and logged in CloudTrail, with
   * no key policy to keep in step with every function role, which a customer managed key needs.
   * Every table is retained and deletion-protected, the transient connections table too: a
   * mistaken stack deletion must never take the clinic's records with it.
   */
  private createTable(definition: TableDefinition): dynamodb.Table {
    const table = new dynamodb.Table(this, `${pascalCase(definition.id)}Table`, {
      partitionKey: attribute(definition.partitionKey),
      ...(definition.sortKey ? { sortKey: attribute(definition.sortKey) } : {}),
      ...(definition.ttlAttribute ? { timeToLiveAttribute: definition.ttlAttribute } : {}),
      ...(definition.stream ? { stream: dynamodb.StreamViewType.NEW_IMAGE } : {}),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of definition.indexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: attribute(index.partitionKey),
        ...(index.sortKey ? { sortKey: attribute(index.sortKey) } : {}),
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
    return table;
  }

  /**
   * Daily backups kept 35 days and monthly ones kept a year, in a retained vault, on top of
   * PITR's 35 days of continuous recovery: a second, independent copy for HIPAA's contingency plan.
   */
  private backUp(tables: dynamodb.ITable[]): void {
    const vault = new backup.BackupVault(this, 'BackupVault', {
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const plan = backup.BackupPlan.dailyMonthly1YearRetention(this, 'BackupPlan', vault);
    const selection = plan.addSelection('Tables', {
      resources: tables.map((t) => backup.BackupResource.fromDynamoDbTable(t)),
      allowRestores: true,
    });
    for (const policy of [
      'AWSBackupServiceRolePolicyForBackup',
      'AWSBackupServiceRolePolicyForRestores',
    ]) {
      Validations.of(selection).acknowledge({
        id: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/${policy}]`,
        reason:
          'The AWS Backup service role uses the policies AWS maintains for it; only AWS Backup can assume the role.',
      });
    }
  }

  /**
   * A KMS HMAC key, retained with the stack. Every join link ever sent is derived from its MAC
   * of a fixed label, so new key material would invalidate them all; that is why it is an HMAC
   * key, which KMS never rotates, and not a secret value a rotation schedule would replace. Its
   * material never leaves KMS; to revoke every link at once (a leak), deploy a new key.
   */
  private createLinkKey(): kms.Key {
    return new kms.Key(this, 'LinkKey', {
      description:
        'Televisit join links are derived from this key; replacing it revokes every link',
      keySpec: kms.KeySpec.HMAC_256,
      keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC,
      alias: 'alias/televisit/link-key',
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
