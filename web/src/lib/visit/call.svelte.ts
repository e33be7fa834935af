import { type DeviceChoice, loadChoice, saveChoice, startWith } from '../media/devices';
import {
  type ConnectionState,
  type MediaEnd,
  type MediaSession,
  openMediaSession,
  type RemoteAttendee,
} from '../media/media-session';
import type { JoinInfo } from './types';

/** How long a call waits to connect before it is drawn anyway (saying it is connecting). */
const drawAnywayMs = 1_500;

/** At most 8 people are in a visit: seven tiles of others beside one's own. */
export const maxTiles = 8;

/**
 * The media side of the call page: who else is there, our microphone and camera, the chosen
 * devices. The page shows it; the media session (Chime or mesh) does the work.
 */
export class CallState {
  remotes = $state<RemoteAttendee[]>([]);
  connection = $state<ConnectionState>('connecting');
  microphone = $state(startWith.microphone);
  camera = $state(startWith.camera);
  choice = $state<DeviceChoice>(loadChoice());
  audioBlocked = $state(false);
  /** Who of the others is speaking (their attendee id): their tile is the large one. */
  speaker = $state<string | null>(null);
  ready = $state(false);
  /**
   * Whether the call is worth drawing yet: once its media has connected (the signalling said
   * welcome, and our offer is on its way), or after a moment whatever happens. Drawing the call
   * takes the page a good tenth of a second; drawn at once, it would hold up the connection.
   */
  drawable = $state(false);
  error = $state<string | null>(null);
  #session: MediaSession | null = null;
  #left = false;

  constructor(
    private readonly joinInfo: JoinInfo,
    private readonly onended: (reason: MediaEnd) => void,
  ) {}

  /**
   * Opens the media session. When its code is loaded already this runs synchronously up to
   * the session's connecting, so the connection is on its way before the page draws the call.
   */
  start(): Promise<void> {
    const failed = () => {
      this.error = 'The call could not be started. Check your connection and reload the page.';
      this.drawable = true;
    };
    setTimeout(() => (this.drawable = true), drawAnywayMs);
    try {
      const opened = openMediaSession(this.joinInfo, {
        choice: this.choice,
        microphone: this.microphone,
        camera: this.camera,
        listener: {
          remotes: (list) => (this.remotes = list.slice(0, maxTiles - 1)),
          connection: (state) => {
            this.connection = state;
            if (state !== 'connecting') this.drawable = true;
          },
          ended: (reason) => {
            if (!this.#left) this.onended(reason);
          },
          audioBlocked: () => (this.audioBlocked = true),
          speaker: (attendeeId) => (this.speaker = attendeeId),
        },
      });
      if (opened instanceof Promise) return opened.then((s) => this.#begin(s)).catch(failed);
      return this.#begin(opened).catch(failed);
    } catch {
      failed();
      return Promise.resolve();
    }
  }

  async #begin(session: MediaSession): Promise<void> {
    if (this.#left) return void session.leave();
    this.#session = session;
    this.ready = true;
    await session.start();
  }

  /** A Svelte action: `use:call.video={attendeeId}` shows that person's video (or `local`). */
  video = (element: HTMLVideoElement, attendeeId: string) => {
    let detach = this.#session?.attachVideo(attendeeId, element);
    return {
      update: (next: string) => {
        detach?.();
        detach = this.#session?.attachVideo(next, element);
      },
      destroy: () => detach?.(),
    };
  };

  async toggleMicrophone(): Promise<void> {
    this.microphone = !this.microphone;
    startWith.microphone = this.microphone;
    await this.#session?.setMicrophone(this.microphone).catch(() => this.#deviceFailed());
  }

  async toggleCamera(): Promise<void> {
    this.camera = !this.camera;
    startWith.camera = this.camera;
    await this.#session?.setCamera(this.camera).catch(() => {
      this.camera = false;
      this.#deviceFailed();
    });
  }

  async useDevices(choice: DeviceChoice): Promise<void> {
    this.choice = choice;
    saveChoice(choice);
    await this.#session?.useDevices(choice).catch(() => this.#deviceFailed());
  }

  resumeAudio(): void {
    this.audioBlocked = false;
    this.#session?.resumeAudio();
  }

  async leave(): Promise<void> {
    this.#left = true;
    await this.#session?.leave();
    this.#session = null;
  }

  #deviceFailed(): void {
    this.error = 'That camera or microphone could not be started. Pick another one in Devices.';
  }
}
