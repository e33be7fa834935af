import type { Environment } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { toRetentionDays } from './constructs/log-settings';

/**
 * Deployment settings, read once from CDK context (`cdk.json` or `-c televisit:<key>=...`) with
 * environment variables as a fallback. Everything here is a choice the clinic may make; nothing
 * here is a secret. Defaults let `npm run synth` work offline, without credentials.
 */
export interface TelevisitConfig {
  /** Prefix of every stack name, so two deployments can share an account. */
  appName: string;
  env: Environment;
  /** Days CloudWatch keeps function and API logs, and S3 keeps access logs. */
  logRetentionDays: number;
  /** Steady-state requests per second and burst, per stage, for the HTTP and WebSocket APIs. */
  throttle: { rateLimit: number; burstLimit: number };
  /**
   * The clinic's own host name with an ACM certificate in us-east-1. Without it, CloudFront's
   * default certificate is used and viewers may still negotiate TLS 1.0 (see nag-findings.md).
   */
  customDomain?: { domainName: string; certificateArn: string };
  /** An existing WAF web ACL (scope CLOUDFRONT) to attach to the distribution. */
  webAclArn?: string;
}

/**
 * Regions with both Chime SDK meetings and Chime PSTN (dial-in, dial-out), which the design
 * needs. Deploying elsewhere would fail later, at the telephony stack, so refuse it now.
 */
export const supportedRegions = ['us-east-1', 'us-west-2'] as const;

const defaultRegion = 'us-east-1';

function setting(scope: Construct, key: string): string | undefined {
  const fromContext = scope.node.tryGetContext(`televisit:${key}`);
  if (fromContext !== undefined && fromContext !== '') return String(fromContext);
  const envName = `TELEVISIT_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
  const fromEnv = process.env[envName];
  return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
}

function positiveInteger(scope: Construct, key: string, fallback: number): number {
  const raw = setting(scope, key);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`televisit:${key} must be a positive integer, got "${raw}"`);
  }
  return value;
}

/**
 * Reads the configuration. The region is pinned (not taken from the deployer's default
 * profile) because only two regions carry everything Televisit uses. The account is left
 * unresolved, so synth needs no credentials and the templates are the same for every clinic.
 */
export function loadConfig(scope: Construct): TelevisitConfig {
  const region = setting(scope, 'region') ?? defaultRegion;
  if (!(supportedRegions as readonly string[]).includes(region)) {
    throw new Error(
      `televisit:region ${region} is not supported: Chime PSTN is only in ${supportedRegions.join(', ')}`,
    );
  }
  const domainName = setting(scope, 'domainName');
  const certificateArn = setting(scope, 'certificateArn');
  if ((domainName === undefined) !== (certificateArn === undefined)) {
    throw new Error('televisit:domainName and televisit:certificateArn go together');
  }
  const webAclArn = setting(scope, 'webAclArn');
  return {
    appName: setting(scope, 'appName') ?? 'Televisit',
    // No account: the stacks deploy into whichever account the deployer's credentials name.
    env: { region },
    logRetentionDays: toRetentionDays(positiveInteger(scope, 'logRetentionDays', 365)),
    throttle: {
      rateLimit: positiveInteger(scope, 'rateLimit', 50),
      burstLimit: positiveInteger(scope, 'burstLimit', 100),
    },
    ...(domainName && certificateArn ? { customDomain: { domainName, certificateArn } } : {}),
    ...(webAclArn ? { webAclArn } : {}),
  };
}
