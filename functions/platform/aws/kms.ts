import { lazyClient } from './lazy';
import { clientOptions } from './options';

/** KMS, for the HMAC key links and PINs derive from; its code loads on first use. */
export const kms = lazyClient(
  'kms',
  () => import('./sdk/kms'),
  (sdk) => new sdk.KMSClient(clientOptions('kms')),
);
