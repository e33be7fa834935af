import type { IceCandidatePayload } from '../../../../functions/local/media/protocol';

/** Older than this, a prepared connection is made afresh: the network may have changed since. */
const freshForMs = 10 * 60_000;

/** A connection of the local mesh: loopback needs no STUN or TURN. */
export const newPeerConnection = (): RTCPeerConnection => new RTCPeerConnection({ iceServers: [] });

export type CandidateSink = (candidate: IceCandidatePayload | null) => void;

/**
 * A peer connection with its offer made and its ICE candidates gathered, while the person
 * still waits to be let in: after admission the newcomer's offer to the first person in the
 * call goes out as soon as the signalling socket opens, instead of being made then, on a page
 * that is busy drawing the call. It carries no media until it is adopted (the tracks are set
 * then, by replaceTrack), and nothing leaves the browser before admission.
 */
export class PreparedOffer {
  readonly pc = newPeerConnection();
  /** The offer's SDP once set as the local description; undefined if that failed. */
  readonly sdp: Promise<string | undefined>;
  /** Whether the offer is set (`sdp` has resolved to a description): it can go out at once. */
  #set = false;
  readonly #madeAt = Date.now();
  #found: (IceCandidatePayload | null)[] = [];
  #sink: CandidateSink | undefined;

  constructor() {
    this.pc.onicecandidate = (event) => {
      const json = event.candidate?.toJSON();
      const candidate = json?.candidate ? toPayload(json) : null;
      if (this.#sink) this.#sink(candidate);
      else this.#found.push(candidate);
    };
    this.pc.addTransceiver('audio', { direction: 'sendrecv' });
    this.pc.addTransceiver('video', { direction: 'sendrecv' });
    this.sdp = this.pc
      .createOffer()
      .then(async (offer) => {
        await this.pc.setLocalDescription(offer);
        this.#set = true;
        return offer.sdp;
      })
      .catch(() => undefined);
  }

  get fresh(): boolean {
    return Date.now() - this.#madeAt < freshForMs && this.pc.signalingState !== 'closed';
  }

  /**
   * The offer to send: with every candidate found so far written into it (gathering is
   * usually complete by the time the person is let in), so the other side can start checking
   * paths at once instead of waiting for them one message at a time.
   */
  async offer(): Promise<string | undefined> {
    await this.sdp;
    return this.offerNow();
  }

  /**
   * The same, now, if the offer is set; else undefined (then `offer()` waits for it). Sent in
   * the turn the welcome arrives, before anything awaits: an await would let the page draw
   * the call first (its state changes in that turn), 27-51 ms in a trace of admission.
   */
  offerNow(): string | undefined {
    const written = this.pc.localDescription?.sdp;
    if (!this.#set || !written) return undefined;
    this.#found = this.pc.iceGatheringState === 'complete' ? [null] : [];
    return written;
  }

  /** Sends the candidates found so far (not in the offer), then each later one as it is found. */
  forwardCandidates(sink: CandidateSink): void {
    for (const candidate of this.#found) sink(candidate);
    this.#found = [];
    this.#sink = sink;
  }
}

let prepared: PreparedOffer | undefined;

/** Makes the connection ahead (once; again if the last one went stale). */
export function prepareOffer(): void {
  if (prepared?.fresh) return;
  prepared?.pc.close();
  prepared = new PreparedOffer();
}

/** The prepared connection, handed over once, if it is still fresh. */
export function takePreparedOffer(): PreparedOffer | undefined {
  const taken = prepared;
  prepared = undefined;
  if (taken?.fresh) return taken;
  taken?.pc.close();
  return undefined;
}

/** Closes a prepared connection nobody took (the person left the waiting room). */
export function dropPreparedOffer(): void {
  prepared?.pc.close();
  prepared = undefined;
}

export function toPayload(candidate: RTCIceCandidateInit): IceCandidatePayload {
  return {
    candidate: candidate.candidate ?? '',
    sdpMid: candidate.sdpMid ?? null,
    sdpMLineIndex: candidate.sdpMLineIndex ?? null,
    usernameFragment: candidate.usernameFragment ?? null,
  };
}
