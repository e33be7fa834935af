import {
  type AudioVideoFacade,
  ConsoleLogger,
  DefaultActiveSpeakerPolicy,
  DefaultDeviceController,
  DefaultMeetingSession,
  LogLevel,
  MeetingSessionConfiguration,
  MeetingSessionStatusCode,
  type VideoTileState,
} from 'amazon-chime-sdk-js';
import type { JoinInfo } from '../visit/types';
import type { DeviceChoice } from './devices';
import { audioConstraints, videoConstraints } from './devices';
import {
  type MediaEnd,
  type MediaListener,
  type MediaOptions,
  type MediaSession,
  selfAttendeeId,
} from './media-session';

/** How Chime's reasons for stopping read to us; anything else not asked for is a failure. */
const endings: Partial<Record<MeetingSessionStatusCode, MediaEnd>> = {
  [MeetingSessionStatusCode.AudioAttendeeRemoved]: 'removed',
  [MeetingSessionStatusCode.MeetingEnded]: 'ended',
  [MeetingSessionStatusCode.AudioJoinedFromAnotherDevice]: 'replaced',
  [MeetingSessionStatusCode.AudioAuthenticationRejected]: 'rejected',
  [MeetingSessionStatusCode.TURNCredentialsForbidden]: 'rejected',
};

/**
 * Media of a real Chime meeting, through amazon-chime-sdk-js. This module (and the 300 KB SDK
 * with it) loads only when join information is Chime's. Chime mixes the others' audio into one
 * stream, bound to one hidden audio element; video arrives as tiles bound to elements.
 */
export class ChimeSession implements MediaSession {
  readonly transport = 'chime' as const;
  readonly #av: AudioVideoFacade;
  readonly #self: string;
  readonly #listener: MediaListener;
  readonly #audio = document.createElement('audio');
  /** attendeeId → its video tile; `local` for our own. */
  readonly #tiles = new Map<string, number>();
  readonly #elements = new Map<string, HTMLVideoElement>();
  /** Who is present (without video too), attendeeId → externalUserId. */
  readonly #present = new Map<string, string>();
  /** Who has muted their microphone, from Chime's volume indicator. */
  readonly #muted = new Map<string, boolean>();
  #choice: DeviceChoice;
  #microphoneOn: boolean;
  #cameraOn: boolean;
  #stoppedByUs = false;

  constructor(info: JoinInfo, options: MediaOptions) {
    const logger = new ConsoleLogger('televisit-media', LogLevel.WARN);
    const devices = new DefaultDeviceController(logger);
    const configuration = new MeetingSessionConfiguration(info.Meeting, info.Attendee);
    this.#av = new DefaultMeetingSession(configuration, logger, devices).audioVideo;
    this.#self = selfAttendeeId(info);
    this.#listener = options.listener;
    this.#choice = options.choice;
    this.#microphoneOn = options.microphone;
    this.#cameraOn = options.camera;
    this.#audio.hidden = true;
    document.body.append(this.#audio);
  }

  async start(): Promise<void> {
    const av = this.#av;
    av.addObserver({
      audioVideoDidStartConnecting: (reconnecting) =>
        this.#listener.connection(reconnecting ? 'reconnecting' : 'connecting'),
      audioVideoDidStart: () => {
        this.#listener.connection('connected');
        if (this.#cameraOn) av.startLocalVideoTile();
      },
      audioVideoDidStop: (status) => this.#stopped(status.statusCode()),
      videoTileDidUpdate: (tile) => this.#tileUpdated(tile),
      videoTileWasRemoved: (tileId) => {
        for (const [key, id] of this.#tiles) if (id === tileId) this.#tiles.delete(key);
        this.#changed();
      },
    });
    av.realtimeSubscribeToAttendeeIdPresence((attendeeId, present, externalUserId) => {
      // Content shares appear as `<attendeeId>#content`; they are not people.
      if (attendeeId === this.#self || attendeeId.includes('#')) return;
      if (present) {
        this.#present.set(attendeeId, externalUserId ?? '');
        // `muted` is null when it did not change since the last callback.
        av.realtimeSubscribeToVolumeIndicator(attendeeId, (id, _volume, muted) => {
          if (muted === null || this.#muted.get(id) === muted) return;
          this.#muted.set(id, muted);
          this.#changed();
        });
      } else {
        this.#present.delete(attendeeId);
        this.#muted.delete(attendeeId);
        av.realtimeUnsubscribeFromVolumeIndicator(attendeeId);
      }
      this.#changed();
    });
    // Chime ranks who is speaking; the first other person in its ranking gets the large tile.
    av.subscribeToActiveSpeakerDetector(new DefaultActiveSpeakerPolicy(), (ranked) => {
      const speaker = ranked.find((id) => id !== this.#self && !id.includes('#')) ?? null;
      if (speaker) this.#listener.speaker?.(speaker);
    });
    await av.startAudioInput(audioConstraints(this.#choice.microphone)).catch(() => undefined);
    if (this.#cameraOn)
      await av.startVideoInput(videoConstraints(this.#choice.camera)).catch(() => {
        this.#cameraOn = false;
      });
    if (this.#choice.speaker)
      await av.chooseAudioOutput(this.#choice.speaker).catch(() => undefined);
    await av.bindAudioElement(this.#audio).catch(() => this.#listener.audioBlocked?.());
    if (!this.#microphoneOn) av.realtimeMuteLocalAudio();
    av.start();
  }

  async setMicrophone(on: boolean): Promise<void> {
    this.#microphoneOn = on;
    if (on) this.#av.realtimeUnmuteLocalAudio();
    else this.#av.realtimeMuteLocalAudio();
  }

  async setCamera(on: boolean): Promise<void> {
    this.#cameraOn = on;
    if (on) {
      await this.#av.startVideoInput(videoConstraints(this.#choice.camera));
      this.#av.startLocalVideoTile();
    } else {
      this.#av.stopLocalVideoTile();
      await this.#av.stopVideoInput();
    }
  }

  async useDevices(choice: DeviceChoice): Promise<void> {
    const previous = this.#choice;
    this.#choice = choice;
    if (choice.microphone !== previous.microphone)
      await this.#av.startAudioInput(audioConstraints(choice.microphone));
    if (choice.camera !== previous.camera && this.#cameraOn)
      await this.#av.startVideoInput(videoConstraints(choice.camera));
    if (choice.speaker !== previous.speaker)
      await this.#av.chooseAudioOutput(choice.speaker || null);
  }

  attachVideo(attendeeId: string, element: HTMLVideoElement): () => void {
    this.#elements.set(attendeeId, element);
    const tileId = this.#tiles.get(attendeeId);
    if (tileId !== undefined) this.#av.bindVideoElement(tileId, element);
    return () => {
      if (this.#elements.get(attendeeId) !== element) return;
      this.#elements.delete(attendeeId);
      const current = this.#tiles.get(attendeeId);
      if (current !== undefined) this.#av.unbindVideoElement(current, false);
    };
  }

  resumeAudio(): void {
    void this.#audio.play().catch(() => undefined);
  }

  async leave(): Promise<void> {
    if (this.#stoppedByUs) return;
    this.#stoppedByUs = true;
    this.#av.stopLocalVideoTile();
    this.#av.stop();
    await Promise.allSettled([this.#av.stopVideoInput(), this.#av.stopAudioInput()]);
    this.#av.unbindAudioElement();
    this.#audio.remove();
  }

  #tileUpdated(tile: VideoTileState): void {
    if (tile.tileId === null || tile.isContent) return;
    const key = tile.localTile ? 'local' : tile.boundAttendeeId;
    if (!key) return;
    this.#tiles.set(key, tile.tileId);
    if (!tile.localTile && !this.#present.has(key))
      this.#present.set(key, tile.boundExternalUserId ?? '');
    const element = this.#elements.get(key);
    if (element) this.#av.bindVideoElement(tile.tileId, element);
    this.#changed();
  }

  #stopped(code: MeetingSessionStatusCode): void {
    if (this.#stoppedByUs || code === MeetingSessionStatusCode.Left) return;
    this.#stoppedByUs = true;
    this.#audio.remove();
    this.#listener.ended(endings[code] ?? 'failed');
  }

  #changed(): void {
    this.#listener.remotes(
      [...this.#present].map(([attendeeId, externalUserId]) => ({
        attendeeId,
        externalUserId,
        video: this.#tiles.has(attendeeId),
        muted: this.#muted.get(attendeeId) ?? false,
      })),
    );
  }
}
