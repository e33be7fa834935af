import { lazyClient } from './lazy';
import { clientOptions } from './options';

/** SNS, for SMS straight to phone numbers; its code loads on first use. */
export const sns = lazyClient(
  'sns',
  () => import('./sdk/sns'),
  (sdk) => new sdk.SNSClient(clientOptions('sns')),
);
