/** The parts of the Chime SDK voice client the functions use: loaded on first use. */
export {
  ChimeSDKVoiceClient,
  CreateSipMediaApplicationCallCommand,
  CreateSipRuleCommand,
  DeleteSipRuleCommand,
  NotFoundException,
  UpdateSipMediaApplicationCallCommand,
  UpdateSipRuleCommand,
} from '@aws-sdk/client-chime-sdk-voice';
