/** The local Chime SDK meetings control plane, as the local gateway mounts it. */
export {
  ChimeMeetingsEmulator,
  type ChimeMeetingsEmulatorOptions,
  type ChimeMeetingsEvents,
  type JoinTokenHolder,
} from './emulator';
export { idleEndMs, maxDurationMs } from './meeting-store';
export {
  createMeetingsPlane,
  type MeetingsPlane,
  type MeetingsPlaneOptions,
} from './meetings-plane';
