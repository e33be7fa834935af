import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/** How every log group of the app is kept: encrypted with the clinic's key, for a set time. */
export interface LogSettings {
  encryptionKey: kms.IKey;
  retentionDays: number;
}

const retentionValues = new Set<number>(
  Object.values(logs.RetentionDays).filter((v): v is number => typeof v === 'number'),
);

/** CloudWatch accepts only some retention periods; say which when the setting is wrong. */
export function toRetentionDays(days: number): logs.RetentionDays {
  if (!retentionValues.has(days)) {
    const allowed = [...retentionValues].filter((v) => v > 0).sort((a, b) => a - b);
    throw new Error(
      `Log retention of ${days} days is not one CloudWatch offers: ${allowed.join(', ')}`,
    );
  }
  return days as logs.RetentionDays;
}

/**
 * A log group with the house defaults. Logs are kept (RETAIN) when a stack is deleted: they
 * are the clinic's record of who did what, and HIPAA asks that such records outlive the app.
 */
export function houseLogGroup(scope: Construct, id: string, settings: LogSettings): logs.LogGroup {
  return new logs.LogGroup(scope, id, {
    encryptionKey: settings.encryptionKey,
    retention: toRetentionDays(settings.retentionDays),
    removalPolicy: RemovalPolicy.RETAIN,
  });
}

/**
 * CloudWatch Logs encrypts with a customer managed key only: one per stack region serves every
 * log group there, usable by the logs service for this account's log groups only.
 */
export function logsKey(scope: Construct, id: string, description: string): kms.Key {
  const stack = Stack.of(scope);
  const key = new kms.Key(scope, id, {
    description,
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
      actions: [
        'kms:Encrypt*',
        'kms:Decrypt*',
        'kms:ReEncrypt*',
        'kms:GenerateDataKey*',
        'kms:Describe*',
      ],
      resources: ['*'],
      conditions: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:*`,
        },
      },
    }),
  );
  return key;
}
