import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * Stands in for `@aws-sdk/credential-provider-node` in Lambda bundles (bundle.ts): Lambda gives
 * a function its role's credentials in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
 * AWS_SESSION_TOKEN, so the environment is the only source a function needs. The same names as
 * the package it replaces.
 */
export const defaultProvider = (_init: unknown = {}) => fromEnv();
export const credentialsWillNeedRefresh = (credentials: { expiration?: Date }) =>
  credentials.expiration !== undefined;
export const credentialsTreatedAsExpired = (credentials: { expiration?: Date }) =>
  credentials.expiration !== undefined && credentials.expiration.getTime() - Date.now() < 300_000;
