/**
 * Configuration read from the environment, once per name, failing loudly when a name the
 * caller needs is missing. Endpoints are the only thing that differs between AWS and the local
 * stack: in AWS they are unset and the SDK uses the regional service endpoints.
 */
const cache = new Map<string, string>();

export class MissingConfigError extends Error {
  override readonly name = 'MissingConfigError';
  constructor(readonly variable: string) {
    super(`Environment variable ${variable} is not set`);
  }
}

export function requiredEnv(name: string): string {
  const cached = cache.get(name);
  if (cached !== undefined) return cached;
  const value = process.env[name];
  if (value === undefined || value === '') throw new MissingConfigError(name);
  cache.set(name, value);
  return value;
}

export function optionalEnv(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

/** Forget cached values; the local stack calls this after it has set the environment. */
export function resetEnvCache(): void {
  cache.clear();
}

export const env = {
  region: () => optionalEnv('AWS_REGION') ?? 'us-east-1',
  localMode: () => optionalEnv('TELEVISIT_LOCAL') === '1',
  mailFrom: () => requiredEnv('MAIL_FROM'),
  /** The clinic's dial-in number (E.164), once its phone number is provisioned. */
  dialInNumber: () => optionalEnv('DIAL_IN_NUMBER'),
  userPoolId: () => requiredEnv('USER_POOL_ID'),
  userPoolClientId: () => requiredEnv('USER_POOL_CLIENT_ID'),
  wsManagementEndpoint: () => requiredEnv('WS_MANAGEMENT_ENDPOINT'),
  /** The KMS HMAC key join links are derived from (its ARN in AWS, its id locally). */
  linkKeyId: () => requiredEnv('LINK_KEY_ID'),
  /** The SIP media application of the clinic's phone line, when telephony is on. */
  sipMediaApplicationId: () => optionalEnv('SIP_MEDIA_APPLICATION_ID'),
  endpoint: (service: 'dynamodb' | 'cognito' | 'ses' | 'sns' | 'chime' | 'voice' | 'kms' | 'ssm') =>
    optionalEnv(`ENDPOINT_${service.toUpperCase()}`),
};
