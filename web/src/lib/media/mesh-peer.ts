import type {
  ClientMessage,
  IceCandidatePayload,
  PeerInfo,
} from '../../../../functions/local/media/protocol';
import { routeToSpeaker } from './devices';
import { newPeerConnection, type PreparedOffer, toPayload } from './prepared-offer';

export interface LocalTracks {
  audio: MediaStreamTrack | null;
  video: MediaStreamTrack | null;
}

/**
 * One RTCPeerConnection of the mesh, towards one other attendee. Each side sends one audio and
 * one video transceiver from the start, so turning the camera on or off, or switching devices,
 * is a `replaceTrack` and never needs another offer. Signalling steps run one after another
 * (an ICE candidate must wait for the description it belongs to).
 */
export class MeshPeer {
  readonly stream = new MediaStream();
  readonly #pc: RTCPeerConnection;
  /** Made while waiting to be let in (prepared-offer.ts): its offer is sent as it is. */
  #prepared: PreparedOffer | undefined;
  readonly #audio = new Audio();
  #queue: Promise<unknown> = Promise.resolve();
  #offerer = false;
  /** Video frames decoded so far, and when that last grew. */
  #frames = 0;
  #framesAt = 0;
  #videoFlowing = false;
  /** While an answer is being made: the page hears of new tracks once it is sent. */
  #answering = false;
  #changedMeanwhile = false;
  readonly #watch: ReturnType<typeof setInterval>;

  constructor(
    readonly info: PeerInfo,
    private readonly send: (message: ClientMessage) => void,
    readonly onchange: () => void,
    private readonly onaudioblocked: () => void,
    prepared?: PreparedOffer,
    /** A connection made ahead while the page was idle (sparePeerConnection), else one is made. */
    spare?: RTCPeerConnection,
  ) {
    const to = info.attendeeId;
    this.#prepared = prepared;
    this.#pc = prepared?.pc ?? spare ?? newPeerConnection();
    this.#audio.autoplay = true;
    // A prepared connection hands over its candidates once its offer has been sent.
    if (!prepared)
      this.#pc.onicecandidate = (event) => {
        const candidate = event.candidate?.toJSON();
        send({ type: 'ice', to, candidate: candidate?.candidate ? toPayload(candidate) : null });
      };
    this.#pc.ontrack = (event) => {
      const track = event.track;
      this.stream.addTrack(track);
      track.onmute = onchange;
      track.onunmute = () => {
        // The first packets of video have arrived: show the picture now, not at the next look
        // at the decoder (up to 700 ms later); that look still takes it back if none decode.
        if (track.kind === 'video') this.#framesArrived();
        onchange();
      };
      // The tracks arrive with the offer: drawing the new tile, or handing the sound to the
      // audio element (a call that waits on the browser's media thread, once 59 ms in a trace),
      // then would hold up the answer, and so everyone's first frame. Both follow the answer.
      if (this.#answering) this.#changedMeanwhile = true;
      else {
        if (track.kind === 'audio') this.#playAudio();
        onchange();
      }
    };
    // A camera turned off (replaceTrack(null)) just stops the frames, and the remote track
    // does not say so for a long while: watch the decoder instead, so the tile shows initials
    // rather than a frozen picture.
    this.#watch = setInterval(() => void this.#checkFrames(), 700);
    this.#pc.onconnectionstatechange = () => {
      // A broken path (a network change, a sleeping laptop) heals with an ICE restart offer.
      if (this.#pc.connectionState === 'failed' && this.#offerer)
        this.#run(() => this.#offer(true));
      onchange();
    };
  }

  get hasVideo(): boolean {
    return this.#videoFlowing;
  }

  /** The newcomer offers to each attendee already there (they never offer first: no glare). */
  offer(tracks: LocalTracks): void {
    this.#offerer = true;
    const prepared = this.#prepared;
    this.#prepared = undefined;
    const to = this.info.attendeeId;
    // A prepared offer that is set leaves in this very turn (nothing else has used this new
    // connection yet, and sending changes nothing in it).
    const ready = prepared?.offerNow();
    if (prepared && ready !== undefined) {
      this.send({ type: 'offer', to, sdp: ready });
      prepared.forwardCandidates((candidate) => this.send({ type: 'ice', to, candidate }));
    }
    this.#run(async () => {
      if (!prepared) {
        this.#pc.addTransceiver(tracks.audio ?? 'audio', { direction: 'sendrecv' });
        this.#pc.addTransceiver(tracks.video ?? 'video', { direction: 'sendrecv' });
        return this.#offer(false);
      }
      if (ready === undefined) {
        const sdp = await prepared.offer();
        if (sdp === undefined) await this.#offer(false);
        else this.send({ type: 'offer', to, sdp });
        prepared.forwardCandidates((candidate) => this.send({ type: 'ice', to, candidate }));
      }
      // Its transceivers were made without tracks: ours go on them now, while the other side
      // answers (a replaceTrack needs no new offer, and no media flows before the answer).
      await Promise.all([
        this.replaceTrackNow('audio', tracks.audio),
        this.replaceTrackNow('video', tracks.video),
      ]);
    });
  }

  receiveOffer(sdp: string, tracks: LocalTracks): void {
    this.#run(async () => {
      this.#answering = true;
      try {
        await this.#pc.setRemoteDescription({ type: 'offer', sdp });
        const fresh = this.#pc
          .getTransceivers()
          .filter((transceiver) => transceiver.currentDirection === null); // not an ICE restart
        for (const transceiver of fresh) transceiver.direction = 'sendrecv';
        // The answer leaves as soon as it is made: applying it here, and putting our tracks on
        // the transceivers, each wait for a page that is busy drawing the newcomer, and the
        // other side can check paths meanwhile. Media flows only once both are done.
        const answer = await this.#pc.createAnswer();
        this.send({ type: 'answer', to: this.info.attendeeId, sdp: answer.sdp ?? '' });
        await this.#pc.setLocalDescription(answer);
        await Promise.all(
          fresh.map((transceiver) => {
            const kind = transceiver.receiver.track.kind as keyof LocalTracks;
            return transceiver.sender.replaceTrack(tracks[kind] ?? null);
          }),
        );
      } finally {
        this.#answering = false;
        if (this.#changedMeanwhile) {
          this.#changedMeanwhile = false;
          if (this.stream.getAudioTracks().length > 0) this.#playAudio();
          this.onchange();
        }
      }
    });
  }

  receiveAnswer(sdp: string): void {
    this.#run(() => this.#pc.setRemoteDescription({ type: 'answer', sdp }));
  }

  receiveIce(candidate: IceCandidatePayload | null): void {
    if (!candidate) return;
    // A candidate for a description that was replaced meanwhile is harmless to drop.
    this.#run(() => this.#pc.addIceCandidate(candidate).catch(() => undefined));
  }

  /** Sends another camera or microphone (or none) without renegotiating. */
  replaceTrack(kind: 'audio' | 'video', track: MediaStreamTrack | null): Promise<void> {
    return this.#run(() => this.replaceTrackNow(kind, track));
  }

  private async replaceTrackNow(
    kind: 'audio' | 'video',
    track: MediaStreamTrack | null,
  ): Promise<void> {
    for (const transceiver of this.#pc.getTransceivers()) {
      if (transceiver.receiver.track.kind === kind && transceiver.direction !== 'stopped')
        await transceiver.sender.replaceTrack(track);
    }
  }

  useSpeaker(speaker: string): Promise<void> {
    return routeToSpeaker(this.#audio, speaker);
  }

  /** After a click, when the browser had refused to play sound without one. */
  resumeAudio(): void {
    this.#playAudio();
  }

  close(): void {
    clearInterval(this.#watch);
    this.#pc.close();
    this.#audio.pause();
    this.#audio.srcObject = null;
    for (const track of this.stream.getTracks()) track.stop();
  }

  async #checkFrames(): Promise<void> {
    if (this.#pc.connectionState === 'closed') return;
    let frames = this.#frames;
    const stats = await this.#pc.getStats().catch(() => undefined);
    stats?.forEach((report: { type?: string; kind?: string; framesDecoded?: number }) => {
      if (report.type === 'inbound-rtp' && report.kind === 'video')
        frames = report.framesDecoded ?? frames;
    });
    const now = Date.now();
    if (frames > this.#frames) this.#framesAt = now;
    this.#frames = frames;
    const flowing = now - this.#framesAt < 1_500;
    if (flowing !== this.#videoFlowing) {
      this.#videoFlowing = flowing;
      this.onchange();
    }
  }

  #framesArrived(): void {
    this.#framesAt = Date.now();
    this.#videoFlowing = true;
  }

  #playAudio(): void {
    if (this.#audio.srcObject !== this.stream) this.#audio.srcObject = this.stream;
    this.#audio.play().catch(() => this.onaudioblocked());
  }

  async #offer(iceRestart: boolean): Promise<void> {
    const offer = await this.#pc.createOffer({ iceRestart });
    await this.#pc.setLocalDescription(offer);
    this.send({ type: 'offer', to: this.info.attendeeId, sdp: offer.sdp ?? '' });
  }

  #run<T>(step: () => Promise<T>): Promise<void> {
    const next = this.#queue.then(step).then(
      () => undefined,
      () => {
        // A step failing (the connection closed under it) must not block the later ones.
      },
    );
    this.#queue = next;
    return next;
  }
}
