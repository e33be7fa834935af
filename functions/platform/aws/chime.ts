import { lazyClient } from './lazy';
import { clientOptions } from './options';

/**
 * The Chime SDK meetings control plane, paced by functions/adapters/chime-meetings.ts; its code
 * loads on first use (most requests of the visits function never call Chime).
 */
export const chime = lazyClient(
  'chime',
  () => import('./sdk/chime'),
  (sdk) => new sdk.ChimeSDKMeetingsClient(clientOptions('chime')),
);
