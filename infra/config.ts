import type { Environment } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import parsePhoneNumber from 'libphonenumber-js/max';
import { IANAZone } from 'luxon';
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
   * default certificate is used and viewers may still negotiate TLS 1.0 (see ARCHITECTURE.md,
   * cdk-nag findings).
   */
  customDomain?: { domainName: string; certificateArn: string };
  /** An existing WAF web ACL (scope CLOUDFRONT) to attach to the distribution. */
  webAclArn?: string;
  /**
   * The address invitations and staff emails come from. Set this to an address on the clinic's
   * own domain: SES sends only from a verified identity, and the deployment creates the domain
   * identity whose DKIM records the clinic then adds to its DNS. The default is a placeholder
   * that lets synth run; no mail can be sent from it.
   */
  mailFrom: string;
  /**
   * The clinic's dial-in number in E.164 (`+15551234567`), shown in invitations with each
   * person's PIN. Unset until the clinic has a phone number: invitations then offer no dial-in.
   */
  dialInNumber?: string;
  /**
   * The clinic's first owner, whom the deployment creates (functions/handlers/first-owner.ts):
   * Cognito emails them a temporary password. Self sign-up is off and every other account is
   * made from the app, so without it nobody can sign in. Unset, synth still works (offline, for
   * a look at the templates) with a warning, and no first-owner resource is made.
   */
  ownerEmail?: string;
  /** The first owner's display name, until they change it in the app. */
  ownerName: string;
  /** The clinic's name in its settings when the deployment creates them (later: the app). */
  clinicName: string;
  /** The clinic's IANA time zone in its settings when the deployment creates them. */
  timeZone: string;
  /** The phone line (televisit:telephony=true): a SIP media application and its function. */
  telephony: boolean;
}

/** Where the functions find the web app's public address, for links in emails and SMS. */
export type AppUrlSource =
  /** Known before deployment: the clinic's own domain. */
  | { kind: 'url'; url: string }
  /**
   * Known only once the web stack has made the CloudFront distribution, which it writes to this
   * SSM parameter. The name is fixed (derived from appName), so the API stack needs no reference
   * to the web stack, which itself depends on the API stack.
   */
  | { kind: 'parameter'; parameterName: string };

export function appUrlSource(config: TelevisitConfig): AppUrlSource {
  return config.customDomain
    ? { kind: 'url', url: `https://${config.customDomain.domainName}` }
    : { kind: 'parameter', parameterName: `/${config.appName}/app-url` };
}

/**
 * Regions with both Chime SDK meetings and Chime PSTN (dial-in, dial-out), which the design
 * needs. Deploying elsewhere would fail later, at the telephony stack, so refuse it now.
 */
export const supportedRegions = ['us-east-1', 'us-west-2'] as const;

const defaultRegion = 'us-east-1';

/** A placeholder sender that synthesizes anywhere; a deployment sets televisit:mailFrom. */
export const placeholderMailFrom = 'no-reply@example.com';

/** A bare address (no display name), whose domain becomes the SES identity. */
const mailAddress =
  /^[A-Za-z0-9._%+-]+@((?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,})$/;

/** The domain of a sender address, which SES verifies (and signs for with DKIM). */
export function mailDomain(address: string): string {
  const domain = mailAddress.exec(address)?.[1];
  if (!domain) throw new Error(`televisit:mailFrom must be an email address, got "${address}"`);
  return domain.toLowerCase();
}

/**
 * The dial-in number exactly as invitations will show it: E.164 (a plus, the country code, the
 * number, nothing else) and a number that can exist (the same metadata the API checks phone
 * numbers with). Anything else is refused at synth, not discovered in a patient's inbox.
 */
export function dialInNumber(raw: string): string {
  const parsed = /^\+[1-9]\d{6,14}$/.test(raw) ? parsePhoneNumber(raw) : undefined;
  if (!parsed?.isValid() || parsed.number !== raw) {
    throw new Error(
      `televisit:dialInNumber must be a valid phone number in E.164 form, like +12025550143 (no spaces), got "${raw}"`,
    );
  }
  return raw;
}

/** The first owner's sign-in address: a bare address, lower case as the app stores emails. */
export function ownerEmail(raw: string): string {
  const address = raw.trim().toLowerCase();
  if (!mailAddress.test(address) || address.length > 254) {
    throw new Error(`televisit:ownerEmail must be an email address, got "${raw}"`);
  }
  return address;
}

/** A name as the app would accept it: trimmed, not empty, at most `max` characters. */
function boundedName(key: string, raw: string, max: number): string {
  const value = raw.trim();
  if (value.length === 0 || value.length > max) {
    throw new Error(`televisit:${key} must be 1 to ${max} characters, got "${raw}"`);
  }
  return value;
}

/** An IANA time zone (America/New_York), as the clinic settings require. */
export function timeZone(raw: string): string {
  if (!IANAZone.isValidZone(raw)) {
    throw new Error(
      `televisit:timeZone must be an IANA time zone like America/New_York, got "${raw}"`,
    );
  }
  return raw;
}

function setting(scope: Construct, key: string): string | undefined {
  const fromContext = scope.node.tryGetContext(`televisit:${key}`);
  if (fromContext !== undefined && fromContext !== '') return String(fromContext);
  const envName = `TELEVISIT_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
  const fromEnv = process.env[envName];
  return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
}

function flag(scope: Construct, key: string): boolean {
  const raw = setting(scope, key);
  if (raw === undefined || raw === 'false') return false;
  if (raw === 'true') return true;
  throw new Error(`televisit:${key} must be true or false, got "${raw}"`);
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
  const mailFrom = setting(scope, 'mailFrom') ?? placeholderMailFrom;
  mailDomain(mailFrom);
  const dialIn = setting(scope, 'dialInNumber');
  const owner = setting(scope, 'ownerEmail');
  const appName = setting(scope, 'appName') ?? 'Televisit';
  if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(appName)) {
    // It starts every stack name and the app URL parameter's path.
    throw new Error(`televisit:appName must be letters, digits and hyphens, got "${appName}"`);
  }
  return {
    appName,
    // No account: the stacks deploy into whichever account the deployer's credentials name.
    env: { region },
    logRetentionDays: toRetentionDays(positiveInteger(scope, 'logRetentionDays', 365)),
    throttle: {
      rateLimit: positiveInteger(scope, 'rateLimit', 50),
      burstLimit: positiveInteger(scope, 'burstLimit', 100),
    },
    ...(domainName && certificateArn ? { customDomain: { domainName, certificateArn } } : {}),
    ...(webAclArn ? { webAclArn } : {}),
    mailFrom,
    ...(dialIn !== undefined ? { dialInNumber: dialInNumber(dialIn) } : {}),
    ...(owner !== undefined ? { ownerEmail: ownerEmail(owner) } : {}),
    ownerName: boundedName('ownerName', setting(scope, 'ownerName') ?? 'Clinic owner', 100),
    clinicName: boundedName('clinicName', setting(scope, 'clinicName') ?? 'Clinic', 120),
    timeZone: timeZone(setting(scope, 'timeZone') ?? 'America/New_York'),
    telephony: flag(scope, 'telephony'),
  };
}
