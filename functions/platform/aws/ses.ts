import { lazyClient } from './lazy';
import { clientOptions } from './options';

/** SES, for email; its code loads on first use. */
export const ses = lazyClient(
  'ses',
  () => import('./sdk/ses'),
  (sdk) => new sdk.SESClient(clientOptions('ses')),
);
