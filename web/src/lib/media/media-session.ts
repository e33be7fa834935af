import { isMeshSignalingUrl } from '../../../../functions/local/media/protocol';
import type { JoinInfo } from '../visit/types';
import type { DeviceChoice } from './devices';

/**
 * The call's media, whoever carries it: amazon-chime-sdk-js for real Chime join information,
 * or a WebRTC mesh over the local gateway's signalling (every local run and test). Pages speak
 * only to this interface; each implementation is loaded lazily, so neither the Chime SDK nor
 * the mesh is in any page's first download.
 */
export interface MediaSession {
  readonly transport: 'chime' | 'mesh';
  /** Connects and starts sending; resolves once media is on its way (or has failed). */
  start(): Promise<void>;
  setMicrophone(on: boolean): Promise<void>;
  setCamera(on: boolean): Promise<void>;
  /** Switches microphone, camera or speaker while in the call. */
  useDevices(choice: DeviceChoice): Promise<void>;
  /**
   * Shows a person's video in an element: `local` for one's own preview, or a remote
   * attendee's id. Returns the function that detaches it.
   */
  attachVideo(attendeeId: string, element: HTMLVideoElement): () => void;
  /** Plays the others' sound after a click, when the browser refused to start it without one. */
  resumeAudio(): void;
  /** Hangs up this browser only (the visit goes on); idempotent. */
  leave(): Promise<void>;
}

/** Someone else in the call, by their Chime ids (the external id is the participant id). */
export interface RemoteAttendee {
  attendeeId: string;
  externalUserId: string;
  /** Whether their video is arriving (false: camera off, or not connected yet). */
  video: boolean;
  /** Whether they have muted their microphone (as far as their media says; false until known). */
  muted: boolean;
}

/**
 * Why media stopped without our asking: `removed` (our attendee was deleted), `ended` (the
 * meeting is over), `replaced` (the same person joined from another tab or device),
 * `rejected` (the join information no longer admits us), `failed` (it could not connect).
 */
export type MediaEnd = 'removed' | 'ended' | 'replaced' | 'rejected' | 'failed';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

export interface MediaListener {
  remotes(attendees: RemoteAttendee[]): void;
  connection(state: ConnectionState): void;
  ended(reason: MediaEnd): void;
  /** The browser would not play sound before the person clicked something on the page. */
  audioBlocked?(): void;
  /** Who of the others is speaking now (their attendee id), or nobody yet. */
  speaker?(attendeeId: string | null): void;
}

export interface MediaOptions {
  choice: DeviceChoice;
  microphone: boolean;
  camera: boolean;
  listener: MediaListener;
}

const signalingUrlOf = (info: JoinInfo): string | undefined => {
  const placement = info.Meeting.MediaPlacement as { SignalingUrl?: unknown } | undefined;
  return typeof placement?.SignalingUrl === 'string' ? placement.SignalingUrl : undefined;
};

/** True when the join information is the local gateway's (the mesh carries its media). */
export const isMeshJoinInfo = (info: JoinInfo): boolean => isMeshSignalingUrl(signalingUrlOf(info));

/** Our own attendee id, from the join information. */
export const selfAttendeeId = (info: JoinInfo): string => String(info.Attendee.AttendeeId ?? '');

type MeshModule = typeof import('./mesh-session');
type ChimeModule = typeof import('./chime-session');
let mesh: MeshModule | undefined;
let chime: ChimeModule | undefined;
const loadMesh = () => import('./mesh-session').then((m) => (mesh = m));
const loadChime = () => import('./chime-session').then((m) => (chime = m));

/**
 * Gets ready ahead of time (while a person waits to be let in), so admission goes straight
 * into the call: fetches the media code, and for the mesh (`mesh`, a local deployment) makes
 * the peer connection and its offer too.
 */
export function preloadMedia(transport: 'chime' | 'mesh'): void {
  if (transport === 'chime') return void loadChime().catch(() => undefined);
  void loadMesh()
    .then((m) => m.prepareOffer())
    .catch(() => undefined);
}

/** Gives back what preloadMedia made (the person left the waiting room another way). */
export function releasePreparedMedia(): void {
  mesh?.dropPreparedOffer();
}

/**
 * The media session, made at once when its code is already loaded (so that its connection
 * starts before the page draws the call), else once the code has arrived.
 */
export function openMediaSession(
  info: JoinInfo,
  options: MediaOptions,
): MediaSession | Promise<MediaSession> {
  if (isMeshJoinInfo(info)) {
    if (mesh) return new mesh.MeshSession(info, options);
    return loadMesh().then((m) => new m.MeshSession(info, options));
  }
  if (chime) return new chime.ChimeSession(info, options);
  return loadChime().then((m) => new m.ChimeSession(info, options));
}
