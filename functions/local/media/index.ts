/** Local WebRTC mesh signalling; the browser imports `./protocol` directly, not this file. */
export {
  createMediaSignalling,
  type MediaSignalling,
  type MediaSignallingOptions,
  type MeetingAccess,
} from './signalling';
