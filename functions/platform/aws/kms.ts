import { KMSClient } from '@aws-sdk/client-kms';
import { clientOptions, once, traced } from './options';

/** KMS, for the HMAC key links and PINs derive from. */
export const kms = once(() => {
  const client = new KMSClient(clientOptions('kms'));
  client.middlewareStack.use(traced('kms'));
  return client;
});
