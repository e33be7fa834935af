/** The parts of the Chime SDK voice client the functions use: loaded on first use. */
export {
  ChimeSDKVoiceClient,
  CreateSipMediaApplicationCallCommand,
  NotFoundException,
  UpdateSipMediaApplicationCallCommand,
} from '@aws-sdk/client-chime-sdk-voice';
