import { kms } from './aws/kms';
import { env } from './env';

/**
 * What the link key signs to give the link secret. A new label would give a new secret and so
 * revoke every join link already sent.
 */
const linkSecretLabel = 'televisit join links v1';

let linkSecretValue: Promise<string> | undefined;

/**
 * The secret join-link tokens are derived from: HMAC-SHA-256 of a fixed label under the KMS HMAC
 * key (moto on one machine). The key itself never leaves KMS; the derived value lives only in the
 * function's memory, read once per instance. A failed call is retried on the next use rather
 * than cached.
 */
export function linkSecret(): Promise<string> {
  linkSecretValue ??= kms()
    .then(({ client, sdk }) =>
      client.send(
        new sdk.GenerateMacCommand({
          KeyId: env.linkKeyId(),
          MacAlgorithm: 'HMAC_SHA_256',
          Message: new TextEncoder().encode(linkSecretLabel),
        }),
      ),
    )
    .then((result) => {
      if (!result.Mac || result.Mac.length < 32) throw new Error('The link key gave no usable MAC');
      return Buffer.from(result.Mac).toString('base64url');
    })
    .catch((error: unknown) => {
      linkSecretValue = undefined;
      throw error;
    });
  return linkSecretValue;
}
