import { SNSClient } from '@aws-sdk/client-sns';
import { clientOptions, once, traced } from './options';

/** SNS, for SMS straight to phone numbers. */
export const sns = once(() => {
  const client = new SNSClient(clientOptions('sns'));
  client.middlewareStack.use(traced('sns'));
  return client;
});
