import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { TelevisitConfig } from '../../infra/config';
import { repositoryRoot } from '../../infra/paths';
import { buildTestApp } from './test-app';

interface Finding {
  ruleName: string;
  severity?: string;
  path: string;
}

/** Runs both packs over the synthesized app, as the validation plugins do in `cdk synth`. */
function nagFindings(app: App): Finding[] {
  app.synth();
  return [new AwsSolutionsChecks(app), new HIPAASecurityChecks(app)].flatMap((pack) =>
    pack.validateScope(app).violations.flatMap((v) =>
      v.violatingResources.map((r) => ({
        ruleName: v.ruleName,
        severity: v.severity,
        path: r.constructPath ?? '',
      })),
    ),
  );
}

const isNagRule = (id: string) => /^(AwsSolutions|HIPAA\.Security)-/.test(id);

const nagStartMarker = '<!-- nag:start -->';
const nagEndMarker = '<!-- nag:end -->';

/**
 * The list of acknowledged findings: ARCHITECTURE.md's section "cdk-nag findings", between its
 * markers, each present once and in order.
 */
function listedFindings(): string {
  const document = readFileSync(join(repositoryRoot, 'ARCHITECTURE.md'), 'utf8');
  const start = document.indexOf(nagStartMarker);
  const end = document.indexOf(nagEndMarker);
  const once = (marker: string) => document.indexOf(marker, document.indexOf(marker) + 1) < 0;
  if (start < 0 || end < start || !once(nagStartMarker) || !once(nagEndMarker)) {
    throw new Error(
      `ARCHITECTURE.md needs one ${nagStartMarker} and, after it, one ${nagEndMarker}`,
    );
  }
  return document.slice(start + nagStartMarker.length, end);
}

/** Builds the app with acknowledgements recorded instead of applied. */
function buildWithoutAcknowledgements(overrides: Partial<TelevisitConfig> = {}) {
  const acknowledged: { id: string; path: string }[] = [];
  const spy = vi.spyOn(Validations.prototype, 'acknowledge').mockImplementation(function (
    this: Validations,
    ...rules
  ) {
    const scope = (this as unknown as { scope: { node: { path: string } } }).scope;
    for (const rule of rules) acknowledged.push({ id: rule.id, path: scope.node.path });
  });
  try {
    const { app } = buildTestApp(overrides);
    return {
      findings: nagFindings(app),
      acknowledged: acknowledged.filter((a) => isNagRule(a.id)),
    };
  } finally {
    spy.mockRestore();
  }
}

const withoutAcks = buildWithoutAcknowledgements();
afterAll(() => vi.restoreAllMocks());

describe('cdk-nag (AwsSolutions and HIPAA Security)', () => {
  it('finds nothing unacknowledged in the app', () => {
    const { app } = buildTestApp();
    expect(nagFindings(app)).toEqual([]);
  });

  it("finds nothing unacknowledged with the clinic's own domain and web ACL either", () => {
    const { app } = buildTestApp({
      customDomain: {
        domainName: 'visits.clinic.example',
        certificateArn:
          'arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000000',
      },
      webAclArn:
        'arn:aws:wafv2:us-east-1:111111111111:global/webacl/clinic/00000000-0000-0000-0000-000000000000',
    });
    expect(nagFindings(app)).toEqual([]);
  });

  describe('with the first owner (televisit:ownerEmail)', () => {
    const ownerEmail = 'owner@clinic.example';
    const withOwner = buildWithoutAcknowledgements({ ownerEmail });

    it('finds nothing unacknowledged', () => {
      const { app } = buildTestApp({ ownerEmail });
      expect(nagFindings(app)).toEqual([]);
    });

    it('acknowledges no finding beyond those of every house function, each of which exists', () => {
      const own = withOwner.acknowledged.filter((a) =>
        a.path.startsWith('Televisit-Api/FirstOwner'),
      );
      // A dead-letter queue fixes HIPAA LambdaDLQ: CloudFormation invokes it asynchronously.
      expect(own.map((a) => a.id).sort()).toEqual([
        'AwsSolutions-IAM5[Resource::*]',
        'AwsSolutions-L1',
        'HIPAA.Security-LambdaConcurrency',
        'HIPAA.Security-LambdaInsideVPC',
      ]);
      for (const a of own) {
        expect(
          withOwner.findings.some(
            (f) => f.ruleName === a.id && (f.path === a.path || f.path.startsWith(`${a.path}/`)),
          ),
          a.id,
        ).toBe(true);
      }
    });

    it('leaves the list in ARCHITECTURE.md as it is: the same acknowledged ids as without it', () => {
      const ids = (acks: { id: string }[]) => [...new Set(acks.map((a) => a.id))].sort();
      expect(ids(withOwner.acknowledged)).toEqual(ids(withoutAcks.acknowledged));
    });
  });

  describe('with the phone line and its number (televisit:telephony=true, dialInNumber)', () => {
    const phoneLine = { telephony: true, dialInNumber: '+12025550100' };
    const withPhone = buildWithoutAcknowledgements(phoneLine);

    it('finds nothing unacknowledged', () => {
      const { app } = buildTestApp(phoneLine);
      expect(nagFindings(app)).toEqual([]);
    });

    it('leaves the list in ARCHITECTURE.md as it is: the same acknowledged ids as without it', () => {
      const ids = (acks: { id: string }[]) => [...new Set(acks.map((a) => a.id))].sort();
      expect(ids(withPhone.acknowledged)).toEqual(ids(withoutAcks.acknowledged));
    });
  });

  it('acknowledges only findings that exist: no stale acknowledgement hides a future one', () => {
    const stale = withoutAcks.acknowledged.filter(
      (a) =>
        !withoutAcks.findings.some(
          (f) => f.ruleName === a.id && (f.path === a.path || f.path.startsWith(`${a.path}/`)),
        ),
    );
    expect(stale).toEqual([]);
  });

  it('lists every acknowledged finding in ARCHITECTURE.md, and nothing else', () => {
    const listed = new Set(
      [...listedFindings().matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '').filter(isNagRule),
    );
    expect(listed.size).toBeGreaterThan(0);
    const acknowledged = new Set(withoutAcks.acknowledged.map((a) => a.id));
    expect([...listed].sort()).toEqual([...acknowledged].sort());
  });
});
