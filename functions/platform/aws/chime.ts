import { ChimeSDKMeetingsClient } from '@aws-sdk/client-chime-sdk-meetings';
import { clientOptions, once, traced } from './options';

/** The Chime SDK meetings control plane, paced by functions/adapters/chime-pacer.ts. */
export const chime = once(() => {
  const client = new ChimeSDKMeetingsClient(clientOptions('chime'));
  client.middlewareStack.use(traced('chime'));
  return client;
});
