import { describe, expect, it } from 'vitest';
import { edgeRateLimit } from '../../infra/stacks/edge-stack';
import { buildTestApp, templateOf } from './test-app';

describe('edge stack (the web ACL in front of CloudFront)', () => {
  const { stacks } = buildTestApp();
  const edge = stacks.edge;
  if (!edge) throw new Error('no edge stack by default');
  const template = templateOf(edge);

  it('lives in us-east-1 (CloudFront scope) and guards the distribution by default', () => {
    expect(edge.region).toBe('us-east-1');
    const [acl] = Object.values(template.findResources('AWS::WAFv2::WebACL'));
    expect(acl?.Properties.Scope).toBe('CLOUDFRONT');
    const distribution = Object.values(
      templateOf(stacks.web).findResources('AWS::CloudFront::Distribution'),
    )[0];
    expect(JSON.stringify(distribution?.Properties.DistributionConfig.WebACLId)).toContain(
      'WebAcl',
    );
  });

  it("limits each address's requests (429 with Retry-After) and applies AWS's common rule set", () => {
    const [acl] = Object.values(template.findResources('AWS::WAFv2::WebACL'));
    const rules = acl?.Properties.Rules as {
      Name: string;
      Statement: Record<string, { Limit?: number; AggregateKeyType?: string; Name?: string }>;
      Action?: { Block?: { CustomResponse?: { ResponseCode: number } } };
    }[];
    const rate = rules.find((r) => r.Statement.RateBasedStatement);
    expect(rate?.Statement.RateBasedStatement).toMatchObject({
      Limit: edgeRateLimit,
      AggregateKeyType: 'IP',
    });
    expect(rate?.Action?.Block?.CustomResponse?.ResponseCode).toBe(429);
    expect(
      rules.some(
        (r) => r.Statement.ManagedRuleGroupStatement?.Name === 'AWSManagedRulesCommonRuleSet',
      ),
    ).toBe(true);
  });

  it('logs to an encrypted log group, without the credentials a request carries', () => {
    const [logging] = Object.values(template.findResources('AWS::WAFv2::LoggingConfiguration'));
    const redacted = JSON.stringify(logging?.Properties.RedactedFields);
    for (const header of ['authorization', 'x-participant-token', 'cookie'])
      expect(redacted).toContain(header);
    const [group] = Object.values(template.findResources('AWS::Logs::LogGroup'));
    expect(group?.Properties.LogGroupName).toMatch(/^aws-waf-logs-/);
    expect(group?.Properties.KmsKeyId).toBeDefined();
  });

  it('is left out when the clinic brings its own web ACL, which the distribution uses instead', () => {
    const own =
      'arn:aws:wafv2:us-east-1:111111111111:global/webacl/clinic/00000000-0000-0000-0000-000000000000';
    const custom = buildTestApp({ webAclArn: own }).stacks;
    expect(custom.edge).toBeUndefined();
    const distribution = Object.values(
      templateOf(custom.web).findResources('AWS::CloudFront::Distribution'),
    )[0];
    expect(distribution?.Properties.DistributionConfig.WebACLId).toBe(own);
  });

  it("passes the viewer's address to the API from the edge itself", () => {
    const [fn] = Object.values(
      templateOf(stacks.web).findResources('AWS::CloudFront::Function'),
    ).filter((f) => String(f.Properties.FunctionCode).includes('x-televisit-client'));
    expect(String(fn?.Properties.FunctionCode)).toContain('event.viewer.ip');
  });
});
