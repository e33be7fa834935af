import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { clientOptions, once, traced } from './options';

/** Cognito (the user pool's admin API). */
export const cognito = once(() => {
  const client = new CognitoIdentityProviderClient(clientOptions('cognito'));
  client.middlewareStack.use(traced('cognito'));
  return client;
});
