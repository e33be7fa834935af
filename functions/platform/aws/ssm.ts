import { SSMClient } from '@aws-sdk/client-ssm';
import { clientOptions, once, traced } from './options';

/** SSM Parameter Store (the app URL, when it is not known before deployment). */
export const ssm = once(() => {
  const client = new SSMClient(clientOptions('ssm'));
  client.middlewareStack.use(traced('ssm'));
  return client;
});
