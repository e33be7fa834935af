import {
  type ClientMessage,
  closeCodes,
  meshSocketUrl,
  type PeerInfo,
  type ServerMessage,
} from '../../../../functions/local/media/protocol';
import type { JoinInfo } from '../visit/types';
import { ActiveSpeaker } from './active-speaker';
import { type DeviceChoice, openLocalMedia, stopStream, takeWarmedMedia } from './devices';
import { LevelMeter } from './level-meter';
import type { MediaEnd, MediaListener, MediaOptions, MediaSession } from './media-session';
import { type LocalTracks, MeshPeer } from './mesh-peer';
import { newPeerConnection, type PreparedOffer, takePreparedOffer } from './prepared-offer';

export { dropPreparedOffer, prepareOffer } from './prepared-offer';

const retryMs = [500, 1_000, 2_000, 4_000, 8_000];
/** After this many failed reconnects in a row the call is given up as failed. */
const maxRetries = 12;
/** A meeting holds at most 8 people: with 7 others there is nobody left to meet. */
const maxOthers = 7;

/**
 * Media of a local meeting: a WebRTC mesh, one peer connection per other attendee, over the
 * local gateway's signalling socket (protocol: functions/local/media/protocol.ts). Loopback
 * needs no STUN or TURN. The signalling socket reconnects with the same JoinToken after a
 * network drop; a removed attendee's or an ended meeting's socket is closed by the server with
 * a code that says which, so the page can say it too instead of freezing.
 */
export class MeshSession implements MediaSession {
  readonly transport = 'mesh' as const;
  readonly #url: string;
  readonly #listener: MediaListener;
  readonly #peers = new Map<string, MeshPeer>();
  readonly #attached = new Map<string, Set<HTMLVideoElement>>();
  /** Each other attendee's microphone state, as they signal it. */
  readonly #muted = new Map<string, boolean>();
  #choice: DeviceChoice;
  #tracks: LocalTracks = { audio: null, video: null };
  #preview = new MediaStream();
  #microphoneOn: boolean;
  #cameraOn: boolean;
  #socket: WebSocket | null = null;
  #retries = 0;
  #done = false;
  #welcomed: (() => void) | undefined;
  /** Our own tracks are open: messages are handled only after, in their order. */
  #localReady: Promise<void> = Promise.resolve();
  /** Each other person's loudness, for who is speaking (ActiveSpeaker). */
  readonly #meter = new LevelMeter();
  readonly #floor = new ActiveSpeaker();
  #speaker: string | null = null;
  #speakerTimer: ReturnType<typeof setInterval> | undefined;
  /** The connection made while waiting, for the first person we meet in the call. */
  #prepared: PreparedOffer | undefined;
  /**
   * A connection made while the page is idle, for the next person to join: making one took
   * 24-45 ms of the page's main thread in traces, right when the newcomer's offer was arriving.
   * Without a description it gathers nothing and holds no media, so it never goes stale.
   */
  #spare: RTCPeerConnection | undefined;
  #spareSoon = false;

  constructor(info: JoinInfo, options: MediaOptions) {
    const placement = info.Meeting.MediaPlacement as { SignalingUrl: string };
    this.#url = meshSocketUrl(placement.SignalingUrl, String(info.Attendee.JoinToken ?? ''));
    this.#listener = options.listener;
    this.#choice = options.choice;
    this.#microphoneOn = options.microphone;
    this.#cameraOn = options.camera;
  }

  async start(): Promise<void> {
    this.#prepared = takePreparedOffer();
    this.#speakerTimer = setInterval(() => this.#followSpeaker(), 200);
    // The signalling socket opens while the camera and microphone do: the first frame waits on
    // whichever is slower, not on both one after the other.
    this.#localReady = this.#openLocal();
    await new Promise<void>((resolve) => {
      this.#welcomed = resolve;
      this.#connect();
    });
    await this.#localReady;
  }

  async setMicrophone(on: boolean): Promise<void> {
    this.#microphoneOn = on;
    if (on && !this.#tracks.audio) await this.#swap('audio');
    if (this.#tracks.audio) this.#tracks.audio.enabled = on;
    this.#sendState();
  }

  async setCamera(on: boolean): Promise<void> {
    this.#cameraOn = on;
    // Off means off: the camera's light goes out, and the others stop receiving frames.
    await this.#swap('video');
  }

  async useDevices(choice: DeviceChoice): Promise<void> {
    const previous = this.#choice;
    this.#choice = choice;
    if (choice.microphone !== previous.microphone) await this.#swap('audio');
    if (choice.camera !== previous.camera && this.#cameraOn) await this.#swap('video');
    if (choice.speaker !== previous.speaker)
      await Promise.all([...this.#peers.values()].map((p) => p.useSpeaker(choice.speaker)));
  }

  attachVideo(attendeeId: string, element: HTMLVideoElement): () => void {
    const set = this.#attached.get(attendeeId) ?? new Set<HTMLVideoElement>();
    this.#attached.set(attendeeId, set);
    set.add(element);
    // Remote audio plays through its own element (for the speaker choice); tiles are silent.
    element.muted = true;
    element.playsInline = true;
    this.#show(attendeeId);
    return () => {
      set.delete(element);
      element.srcObject = null;
    };
  }

  resumeAudio(): void {
    for (const peer of this.#peers.values()) peer.resumeAudio();
  }

  async leave(): Promise<void> {
    this.#finish();
  }

  #finish(reason?: MediaEnd): void {
    if (this.#done) return;
    this.#done = true;
    this.#socket?.close(1000, 'left');
    this.#socket = null;
    clearInterval(this.#speakerTimer);
    this.#meter.close();
    for (const peer of this.#peers.values()) peer.close();
    this.#peers.clear();
    stopStream(this.#preview);
    this.#tracks = { audio: null, video: null };
    this.#prepared?.pc.close();
    this.#prepared = undefined;
    this.#spare?.close();
    this.#spare = undefined;
    this.#welcomed?.();
    if (reason) this.#listener.ended(reason);
  }

  async #openLocal(): Promise<void> {
    // A person without a camera (or who blocked it) still joins: to hear, and maybe be heard.
    const attempts = [
      { audio: true, video: this.#cameraOn },
      { audio: true, video: false },
    ];
    for (const want of attempts) {
      try {
        const stream =
          (await takeWarmedMedia(this.#choice, want)) ?? (await openLocalMedia(this.#choice, want));
        this.#tracks = {
          audio: stream.getAudioTracks()[0] ?? null,
          video: stream.getVideoTracks()[0] ?? null,
        };
        break;
      } catch {
        // Try with less; with nothing at all the person still sees and hears the others.
      }
    }
    if (this.#tracks.audio) this.#tracks.audio.enabled = this.#microphoneOn;
    if (!this.#tracks.video) this.#cameraOn = false;
    this.#refreshPreview();
  }

  /** Opens a new track of one kind from the current choice (or none) and sends it to everyone. */
  async #swap(kind: 'audio' | 'video'): Promise<void> {
    const wanted = kind === 'video' ? this.#cameraOn : true;
    let track: MediaStreamTrack | null = null;
    if (wanted && !this.#done) {
      const stream = await openLocalMedia(this.#choice, {
        audio: kind === 'audio',
        video: kind === 'video',
      });
      track = (kind === 'audio' ? stream.getAudioTracks() : stream.getVideoTracks())[0] ?? null;
    }
    if (track && kind === 'audio') track.enabled = this.#microphoneOn;
    const old = this.#tracks[kind];
    this.#tracks = { ...this.#tracks, [kind]: track };
    await Promise.all([...this.#peers.values()].map((p) => p.replaceTrack(kind, track)));
    old?.stop();
    this.#refreshPreview();
  }

  #refreshPreview(): void {
    this.#preview = new MediaStream(this.#tracks.video ? [this.#tracks.video] : []);
    this.#show('local');
  }

  #show(attendeeId: string): void {
    const stream = attendeeId === 'local' ? this.#preview : this.#peers.get(attendeeId)?.stream;
    for (const element of this.#attached.get(attendeeId) ?? []) {
      if (element.srcObject !== (stream ?? null)) element.srcObject = stream ?? null;
      if (stream) element.play().catch(() => undefined);
    }
  }

  #connect(): void {
    if (this.#done) return;
    this.#listener.connection(this.#retries === 0 ? 'connecting' : 'reconnecting');
    const socket = new WebSocket(this.#url);
    this.#socket = socket;
    socket.onmessage = (event) => {
      const message = JSON.parse(String(event.data)) as ServerMessage;
      void this.#localReady.then(() => {
        if (this.#socket === socket) this.#handle(message);
      });
    };
    socket.onclose = (event) => {
      if (this.#socket !== socket || this.#done) return;
      this.#socket = null;
      this.#closePeers();
      const ended: Partial<Record<number, MediaEnd>> = {
        [closeCodes.removed]: 'removed',
        [closeCodes.ended]: 'ended',
        [closeCodes.replaced]: 'replaced',
        [closeCodes.invalidToken]: 'rejected',
      };
      const reason = ended[event.code];
      if (reason) return this.#finish(reason);
      if (this.#retries >= maxRetries) return this.#finish('failed');
      const wait = retryMs[Math.min(this.#retries, retryMs.length - 1)] ?? 8_000;
      this.#retries += 1;
      this.#listener.connection('reconnecting');
      setTimeout(() => this.#connect(), wait);
    };
  }

  #handle(message: ServerMessage): void {
    switch (message.type) {
      case 'welcome':
        // After a reconnect everyone else dropped us: start every connection afresh.
        this.#closePeers();
        for (const info of message.peers)
          this.#addPeer(info, this.#takePrepared()).offer(this.#tracks);
        this.#prepared?.pc.close();
        this.#prepared = undefined;
        this.#retries = 0;
        this.#sendState();
        this.#listener.connection('connected');
        this.#welcomed?.();
        this.#welcomed = undefined;
        this.#makeSpare();
        break;
      case 'peer-joined': {
        this.#peers.get(message.peer.attendeeId)?.close();
        const spare = this.#spare;
        this.#spare = undefined;
        this.#addPeer(message.peer, undefined, spare);
        this.#makeSpare();
        break;
      }
      case 'peer-left':
        this.#peers.get(message.attendeeId)?.close();
        this.#peers.delete(message.attendeeId);
        this.#muted.delete(message.attendeeId);
        this.#changed();
        this.#makeSpare();
        break;
      case 'state':
        this.#muted.set(message.from, message.muted);
        this.#changed();
        break;
      case 'offer':
        this.#peers.get(message.from)?.receiveOffer(message.sdp, this.#tracks);
        break;
      case 'answer':
        this.#peers.get(message.from)?.receiveAnswer(message.sdp);
        break;
      case 'ice':
        this.#peers.get(message.from)?.receiveIce(message.candidate);
        break;
      default:
        // `removed` and `ended` are followed by the socket closing with their code.
        break;
    }
  }

  #takePrepared(): PreparedOffer | undefined {
    const prepared = this.#prepared;
    this.#prepared = undefined;
    return prepared;
  }

  #addPeer(info: PeerInfo, prepared?: PreparedOffer, spare?: RTCPeerConnection): MeshPeer {
    const peer = new MeshPeer(
      info,
      (message: ClientMessage) => this.#send(message),
      () => this.#changed(),
      () => this.#listener.audioBlocked?.(),
      prepared,
      spare,
    );
    this.#peers.set(info.attendeeId, peer);
    void peer.useSpeaker(this.#choice.speaker);
    this.#changed();
    return peer;
  }

  /** Makes the spare connection once the page is idle (soon at the latest), if one may be used. */
  #makeSpare(): void {
    if (this.#spare || this.#spareSoon) return;
    this.#spareSoon = true;
    const make = () => {
      this.#spareSoon = false;
      if (!this.#done && !this.#spare && this.#peers.size < maxOthers)
        this.#spare = newPeerConnection();
    };
    // Safari has no requestIdleCallback.
    if ('requestIdleCallback' in window) requestIdleCallback(make, { timeout: 2_000 });
    else setTimeout(make, 500);
  }

  #closePeers(): void {
    for (const peer of this.#peers.values()) peer.close();
    this.#peers.clear();
    this.#changed();
  }

  #followSpeaker(): void {
    this.#watchLevels();
    const speaker = this.#floor.update(this.#meter.levels(), performance.now());
    if (speaker === this.#speaker) return;
    this.#speaker = speaker;
    this.#listener.speaker?.(speaker);
  }

  /**
   * Listens to each other person's sound once it arrives, and stops for those who left. On the
   * speaker timer, not as tracks arrive: the first sound graph costs tens of milliseconds, and
   * the moment tracks arrive is the moment the first picture is waiting for the page.
   */
  #watchLevels(): void {
    for (const [id, peer] of this.#peers) {
      const audio = peer.stream.getAudioTracks();
      if (!this.#meter.has(id) && audio.length > 0) this.#meter.add(id, new MediaStream(audio));
    }
    for (const id of this.#meter.ids()) if (!this.#peers.has(id)) this.#meter.remove(id);
  }

  #changed(): void {
    for (const attendeeId of this.#peers.keys()) this.#show(attendeeId);
    this.#listener.remotes(
      [...this.#peers.values()].map((p) => ({
        attendeeId: p.info.attendeeId,
        externalUserId: p.info.externalUserId,
        video: p.hasVideo,
        muted: this.#muted.get(p.info.attendeeId) ?? false,
      })),
    );
  }

  /** Tells the others whether our microphone is muted (a tile shows it; the mesh cannot tell). */
  #sendState(): void {
    this.#send({ type: 'state', muted: !(this.#microphoneOn && this.#tracks.audio) });
  }

  #send(message: ClientMessage): void {
    if (this.#socket?.readyState === WebSocket.OPEN) this.#socket.send(JSON.stringify(message));
  }
}
