import { lazyClient } from './lazy';
import { clientOptions } from './options';

/** Cognito (the user pool's admin API); its code loads on first use. */
export const cognito = lazyClient(
  'cognito',
  () => import('./sdk/cognito'),
  (sdk) => new sdk.CognitoIdentityProviderClient(clientOptions('cognito')),
);
