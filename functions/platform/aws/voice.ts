import { lazyClient } from './lazy';
import { clientOptions } from './options';

/** Chime SDK voice: the phone line's calls (UpdateSipMediaApplicationCall); loads on first use. */
export const voice = lazyClient(
  'voice',
  () => import('./sdk/voice'),
  (sdk) => new sdk.ChimeSDKVoiceClient(clientOptions('voice')),
);
