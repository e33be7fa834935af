import {
  copyOfWarmedMedia,
  type DeviceChoice,
  type DeviceLists,
  listDevices,
  loadChoice,
  openLocalMedia,
  saveChoice,
  startWith,
  stopStream,
} from '../media/devices';
import { watchMicLevel } from '../media/mic-level';
import { explainMediaError, type MediaProblem } from '../media/permission-help';
import { playTune, testTune } from '../media/sounds';

/**
 * The pre-join check: the camera's picture, the microphone's live level, a test sound through
 * the chosen speaker, and plain help when the browser blocked the camera or microphone.
 * Whatever is chosen here is what the call starts with.
 */
export class DeviceCheck {
  stream = $state.raw<MediaStream | null>(null);
  level = $state(0);
  lists = $state.raw<DeviceLists>({ microphones: [], cameras: [], speakers: [] });
  choice = $state<DeviceChoice>(loadChoice());
  problem = $state<MediaProblem | null>(null);
  status = $state<'starting' | 'ready' | 'failed'>('starting');
  speakerTest = $state<'idle' | 'playing' | 'played' | 'failed'>('idle');
  microphoneOn = $state(startWith.microphone);
  cameraOn = $state(startWith.camera);
  #stopLevel: () => void = () => undefined;
  #ticket = 0;

  /**
   * `shareWarmed`: in the waiting room, the check shows a copy of the devices warmed for the
   * call (devices.ts), so admission neither closes a camera nor opens another.
   */
  constructor(private readonly options: { shareWarmed?: boolean } = {}) {}

  get heardSomething(): boolean {
    return this.level > 0.15;
  }

  async open(): Promise<void> {
    const ticket = ++this.#ticket;
    this.status = 'starting';
    this.#release();
    try {
      const want = { audio: true, video: this.cameraOn };
      const stream = this.options.shareWarmed
        ? await copyOfWarmedMedia(this.choice, want)
        : await openLocalMedia(this.choice, want);
      if (ticket !== this.#ticket) return stopStream(stream);
      this.stream = stream;
      this.problem = null;
      this.status = 'ready';
      this.#stopLevel = watchMicLevel(stream, (level) => (this.level = level));
    } catch (error) {
      if (ticket !== this.#ticket) return;
      this.problem = explainMediaError(error);
      this.status = 'failed';
    }
    // Names of devices are readable only once a permission was given: list them after asking.
    this.lists = await listDevices().catch(() => this.lists);
  }

  choose(kind: keyof DeviceChoice, deviceId: string): void {
    this.choice = { ...this.choice, [kind]: deviceId };
    saveChoice(this.choice);
    if (kind !== 'speaker') void this.open();
  }

  toggleMicrophone(): void {
    this.microphoneOn = !this.microphoneOn;
    startWith.microphone = this.microphoneOn;
  }

  toggleCamera(): void {
    this.cameraOn = !this.cameraOn;
    startWith.camera = this.cameraOn;
    void this.open();
  }

  async testSpeaker(): Promise<void> {
    this.speakerTest = 'playing';
    this.speakerTest = (await playTune(testTune, this.choice.speaker)) ? 'played' : 'failed';
  }

  /** Lets go of the camera and microphone (the call opens its own). */
  close(): void {
    ++this.#ticket;
    this.#release();
  }

  #release(): void {
    this.#stopLevel();
    this.#stopLevel = () => undefined;
    stopStream(this.stream);
    this.stream = null;
    this.level = 0;
  }
}
