import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { logsKey, toRetentionDays } from '../constructs/log-settings';

export interface EdgeStackProps extends StackProps {
  logRetentionDays: number;
}

/** Requests one client address may make in five minutes before CloudFront refuses it (429). */
export const edgeRateLimit = 3000;

/**
 * The web ACL in front of CloudFront (scope CLOUDFRONT, so always in us-east-1): AWS's managed
 * common rule set, and a rate-based rule per client address. The functions keep their own
 * per-client limits on public routes behind it (functions/http/limits.ts); this one stops a
 * flood before it costs anything. Requests and matches are logged (without the credentials a
 * request carries) to an encrypted log group. A clinic's own ACL (televisit:webAclArn)
 * replaces this stack.
 */
export class EdgeStack extends Stack {
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    const visibility = (metricName: string) => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName,
    });
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      description: 'Televisit: AWS common rules and a per-address rate limit',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('televisit-edge'),
      customResponseBodies: {
        tooMany: {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify({
            error: {
              code: 'limit.reached',
              message: 'Too many requests from here. Please wait a few minutes and try again.',
            },
          }),
        },
      },
      rules: [
        {
          name: 'PerAddressRate',
          priority: 0,
          action: {
            block: {
              customResponse: {
                responseCode: 429,
                customResponseBodyKey: 'tooMany',
                responseHeaders: [{ name: 'retry-after', value: '300' }],
              },
            },
          },
          statement: {
            rateBasedStatement: {
              limit: edgeRateLimit,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
            },
          },
          visibilityConfig: visibility('televisit-rate'),
        },
        {
          name: 'AwsCommonRules',
          priority: 1,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name: 'AWSManagedRulesCommonRuleSet',
              // The API takes JSON bodies up to 64 KB and refuses larger ones itself (413);
              // the rule's 8 KB limit would block a long note. Counted, not blocked.
              ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }],
            },
          },
          visibilityConfig: visibility('televisit-common'),
        },
      ],
    });
    const logGroup = new logs.LogGroup(this, 'Logs', {
      // WAF writes only to log groups whose names start with aws-waf-logs-.
      logGroupName: `aws-waf-logs-${this.stackName}`,
      encryptionKey: logsKey(this, 'LogsKey', 'Encrypts the Televisit web ACL logs'),
      retention: toRetentionDays(props.logRetentionDays),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new wafv2.CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      logDestinationConfigs: [logGroup.logGroupArn],
      redactedFields: [
        { singleHeader: { Name: 'authorization' } },
        { singleHeader: { Name: 'x-participant-token' } },
        { singleHeader: { Name: 'cookie' } },
      ],
    });
  }
}
