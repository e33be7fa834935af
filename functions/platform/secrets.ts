import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { clients } from './clients';
import { env } from './env';

let linkSecretValue: Promise<string> | undefined;

/**
 * The secret join-link tokens are derived from (Secrets Manager; moto on one machine). Read once
 * per function instance; a failed read is retried on the next call rather than cached.
 */
export function linkSecret(): Promise<string> {
  linkSecretValue ??= clients
    .secrets()
    .send(new GetSecretValueCommand({ SecretId: env.linkSecretArn() }))
    .then((result) => {
      if (!result.SecretString || result.SecretString.length < 32)
        throw new Error('The link secret is missing or too short');
      return result.SecretString;
    })
    .catch((error: unknown) => {
      linkSecretValue = undefined;
      throw error;
    });
  return linkSecretValue;
}
