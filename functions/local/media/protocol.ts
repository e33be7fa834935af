/**
 * Televisit local media signalling: the wire protocol of the WebRTC mesh that carries media
 * for meetings of the local Chime emulator. The browser bundle imports this file, so it must
 * stay free of Node imports (only globals every runtime has, such as URL and JSON).
 *
 * Joining
 * - The emulator's CreateAttendee gives `Meeting.MediaPlacement.SignalingUrl` (recognised by
 *   `isMeshSignalingUrl`) and `Attendee.JoinToken`. Open
 *   `new WebSocket(meshSocketUrl(SignalingUrl, JoinToken))`.
 * - A token that admits no one (unknown, attendee deleted, meeting ended) is accepted and then
 *   closed at once with `closeCodes.invalidToken`: do not retry with it.
 *
 * Mesh set-up (glare-free)
 * 1. Server -> newcomer: `welcome` with `self` and the `peers` already connected.
 * 2. Server -> everyone else: `peer-joined` with the newcomer.
 * 3. The newcomer creates one RTCPeerConnection per peer in `welcome` and sends each an
 *    `offer`; the peer answers with `answer`. Both sides trickle `ice` (`candidate: null` marks
 *    the end of candidates). Peers that got `peer-joined` never make the first offer, so two
 *    offers never cross.
 * 4. Renegotiating later (e.g. adding a track): use "perfect negotiation"; the polite side
 *    towards a peer is the one that received `peer-joined` for it (it was there first).
 * - `peer-left`: close that peer's RTCPeerConnection. If the same attendee connects again it
 *   comes back as a new `peer-joined`, and offers afresh.
 *
 * Microphone state (what Chime's volume indicator tells its clients)
 * - Send `state` with `muted` after `welcome` and whenever the microphone is muted or unmuted;
 *   the server passes it to everyone else as `state` with `from`, and tells a newcomer, right
 *   after its `welcome`, the last state of each attendee already there.
 *
 * Relay rules: `offer` / `answer` / `ice` go only to an attendee connected to the SAME meeting;
 * anything else gets an `error` (`unknown-peer`) and is dropped. The server adds `from`.
 *
 * Ending
 * - `removed`: the attendee was deleted (DeleteAttendee); the socket closes with
 *   `closeCodes.removed`. The JoinToken is dead: rejoining means knocking again.
 * - `ended`: the meeting ended; the socket closes with `closeCodes.ended`.
 * - Closed with `closeCodes.replaced`: the same attendee connected from another socket.
 * - Any other close: network trouble; reconnect with the same token.
 * The server pings every few seconds; browsers answer pings by themselves.
 */

/** Who is in the meeting: the Chime ids only, never a name. */
export interface PeerInfo {
  attendeeId: string;
  externalUserId: string;
}

/** The fields of RTCIceCandidateInit, spelled out so this file needs no DOM types. */
export interface IceCandidatePayload {
  candidate: string;
  sdpMid?: string | null;
  sdpMLineIndex?: number | null;
  usernameFragment?: string | null;
}

/** Browser -> server. */
export type ClientMessage =
  | { type: 'offer'; to: string; sdp: string }
  | { type: 'answer'; to: string; sdp: string }
  | { type: 'ice'; to: string; candidate: IceCandidatePayload | null }
  | { type: 'state'; muted: boolean };

export type SignallingErrorCode = 'unknown-peer' | 'invalid-message';

/** Server -> browser. */
export type ServerMessage =
  | { type: 'welcome'; meetingId: string; self: PeerInfo; peers: PeerInfo[] }
  | { type: 'peer-joined'; peer: PeerInfo }
  | { type: 'peer-left'; attendeeId: string }
  | { type: 'offer'; from: string; sdp: string }
  | { type: 'answer'; from: string; sdp: string }
  | { type: 'ice'; from: string; candidate: IceCandidatePayload | null }
  | { type: 'state'; from: string; muted: boolean }
  | { type: 'error'; code: SignallingErrorCode; message: string }
  | { type: 'removed' }
  | { type: 'ended' };

/** WebSocket close codes the server uses (4000-4999 is the application range). */
export const closeCodes = {
  invalidToken: 4401,
  removed: 4403,
  replaced: 4409,
  ended: 4410,
} as const;

/** Largest SDP the server relays; a mesh offer with audio and video is a few KB. */
export const maxSdpLength = 64 * 1024;

/** The query parameter that marks a SignalingUrl as the local mesh rather than real Chime. */
const transportParam = 'transport';
const meshTransport = 'televisit-mesh';

/** The SignalingUrl the emulator puts in MediaPlacement for a meeting. */
export function meshSignalingUrl(mediaUrl: string, meetingId: string): string {
  const url = new URL(mediaUrl);
  url.searchParams.set('meeting', meetingId);
  url.searchParams.set(transportParam, meshTransport);
  return url.toString();
}

/** True for join info of a local meeting: use the mesh, not amazon-chime-sdk-js. */
export function isMeshSignalingUrl(signalingUrl: string | undefined): boolean {
  if (!signalingUrl) return false;
  try {
    return new URL(signalingUrl).searchParams.get(transportParam) === meshTransport;
  } catch {
    return false;
  }
}

/** The WebSocket URL a browser opens to join the mesh with its attendee's JoinToken. */
export function meshSocketUrl(signalingUrl: string, joinToken: string): string {
  const url = new URL(signalingUrl);
  url.searchParams.set('token', joinToken);
  return url.toString();
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isOptional = (value: unknown, type: 'string' | 'number') =>
  value === undefined || value === null || typeof value === type;

function parseCandidate(value: unknown): IceCandidatePayload | null | undefined {
  if (value === null) return null;
  if (!isRecord(value) || typeof value.candidate !== 'string') return undefined;
  const valid =
    isOptional(value.sdpMid, 'string') &&
    isOptional(value.sdpMLineIndex, 'number') &&
    isOptional(value.usernameFragment, 'string') &&
    value.candidate.length <= 4096;
  if (!valid) return undefined;
  const payload: IceCandidatePayload = { candidate: value.candidate };
  if (value.sdpMid !== undefined) payload.sdpMid = value.sdpMid as string | null;
  if (value.sdpMLineIndex !== undefined)
    payload.sdpMLineIndex = value.sdpMLineIndex as number | null;
  if (value.usernameFragment !== undefined) {
    payload.usernameFragment = value.usernameFragment as string | null;
  }
  return payload;
}

/**
 * Reads a browser message; undefined for anything that is not exactly one of `ClientMessage`
 * (unknown fields are dropped, so nothing unvetted is relayed to another browser).
 */
export function parseClientMessage(text: string): ClientMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (isRecord(value) && value.type === 'state')
    return typeof value.muted === 'boolean' ? { type: 'state', muted: value.muted } : undefined;
  if (!isRecord(value) || typeof value.to !== 'string' || value.to.length > 64) return undefined;
  const { type, to } = value;
  if (type === 'offer' || type === 'answer') {
    const sdp = value.sdp;
    if (typeof sdp !== 'string' || sdp.length > maxSdpLength) return undefined;
    return { type, to, sdp };
  }
  if (type === 'ice') {
    const candidate = parseCandidate(value.candidate);
    return candidate === undefined ? undefined : { type, to, candidate };
  }
  return undefined;
}
