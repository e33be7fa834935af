import { SESClient } from '@aws-sdk/client-ses';
import { clientOptions, once, traced } from './options';

/** SES, for email. */
export const ses = once(() => {
  const client = new SESClient(clientOptions('ses'));
  client.middlewareStack.use(traced('ses'));
  return client;
});
