import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { tableDefinitions } from '../../infra/schema/tables';
import { buildTestApp, logicalId, templateOf } from './test-app';

const { stacks } = buildTestApp();
const data = stacks.data;
const template = templateOf(data);
const tableResource = (id: string) => template.toJSON().Resources[id];

describe('data stack', () => {
  it('holds exactly one table per definition in tables.ts', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', tableDefinitions.length);
  });

  describe.each(tableDefinitions.map((d) => [d.id, d] as const))(
    'the %s table',
    (_id, definition) => {
      const id = logicalId(data, data.table(definition).table);
      const props = tableResource(id).Properties;

      it('has the keys of its definition', () => {
        expect(props.KeySchema).toEqual([
          { AttributeName: definition.partitionKey.name, KeyType: 'HASH' },
          ...(definition.sortKey
            ? [{ AttributeName: definition.sortKey.name, KeyType: 'RANGE' }]
            : []),
        ]);
      });

      it('has every index of its definition, with its keys', () => {
        const indexes = (props.GlobalSecondaryIndexes ?? []) as {
          IndexName: string;
          KeySchema: unknown;
        }[];
        expect(indexes.map((i) => i.IndexName).sort()).toEqual(
          definition.indexes.map((i) => i.indexName).sort(),
        );
        for (const index of definition.indexes) {
          expect(indexes.find((i) => i.IndexName === index.indexName)?.KeySchema).toEqual([
            { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
            ...(index.sortKey ? [{ AttributeName: index.sortKey.name, KeyType: 'RANGE' }] : []),
          ]);
        }
      });

      it('declares each key attribute with its type', () => {
        const keys = [
          definition.partitionKey,
          definition.sortKey,
          ...definition.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
        ]
          .filter((k) => k !== undefined)
          .map((k) => ({ AttributeName: k.name, AttributeType: k.type }));
        expect(props.AttributeDefinitions).toEqual(expect.arrayContaining(keys));
      });

      it('expires items by its TTL attribute, and only if it has one', () => {
        if (definition.ttlAttribute) {
          expect(props.TimeToLiveSpecification).toEqual({
            AttributeName: definition.ttlAttribute,
            Enabled: true,
          });
        } else {
          expect(props.TimeToLiveSpecification).toBeUndefined();
        }
      });

      it('is on demand, recoverable to a point in time, encrypted and kept on stack deletion', () => {
        expect(props.BillingMode).toBe('PAY_PER_REQUEST');
        expect(props.PointInTimeRecoverySpecification).toEqual({
          PointInTimeRecoveryEnabled: true,
        });
        expect(props.SSESpecification).toEqual({ SSEEnabled: true });
        expect(props.DeletionProtectionEnabled).toBe(true);
        expect(tableResource(id).DeletionPolicy).toBe('Retain');
      });
    },
  );

  it('backs up every table in a retained vault', () => {
    const selection = template.findResources('AWS::Backup::BackupSelection');
    const resources = JSON.stringify(
      Object.values(selection).map((s) => s.Properties.BackupSelection.Resources),
    );
    for (const definition of tableDefinitions) {
      expect(resources).toContain(logicalId(data, data.table(definition).table));
    }
    template.hasResource('AWS::Backup::BackupVault', { DeletionPolicy: 'Retain' });
  });

  it('encrypts logs with a rotating key that CloudWatch Logs may use for log groups only', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'logs.us-east-1.amazonaws.com' },
            Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  describe('the join-link key', () => {
    const keyId = logicalId(data, data.linkKey);
    const key = template.toJSON().Resources[keyId];

    it('is a KMS HMAC key whose material never leaves KMS; no secret value exists anywhere', () => {
      expect(key.Type).toBe('AWS::KMS::Key');
      expect(key.Properties.KeySpec).toBe('HMAC_256');
      expect(key.Properties.KeyUsage).toBe('GENERATE_VERIFY_MAC');
      template.resourceCountIs('AWS::SecretsManager::Secret', 0);
    });

    it('is kept when the stack is deleted, found by its alias, and not the logs key', () => {
      expect(key.DeletionPolicy).toBe('Retain');
      expect(key.UpdateReplacePolicy).toBe('Retain');
      template.hasResourceProperties('AWS::KMS::Alias', {
        AliasName: 'alias/televisit/link-key',
        TargetKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
      });
      expect(keyId).not.toBe(logicalId(data, data.logSettings.encryptionKey));
    });
  });
});
