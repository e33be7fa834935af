import { lazyClient } from './lazy';
import { clientOptions } from './options';

/** SSM Parameter Store (the app URL, when it is not known before deployment); its code loads on first use. */
export const ssm = lazyClient(
  'ssm',
  () => import('./sdk/ssm'),
  (sdk) => new sdk.SSMClient(clientOptions('ssm')),
);
