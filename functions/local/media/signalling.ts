import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import type { ChimeMeetingsEmulator } from '../chime/emulator';
import {
  closeCodes,
  maxSdpLength,
  type PeerInfo,
  parseClientMessage,
  type ServerMessage,
} from './protocol';
import { Rooms } from './rooms';

/** What the signalling needs from the meetings control plane. */
export type MeetingAccess = Pick<
  ChimeMeetingsEmulator,
  'attendeeForJoinToken' | 'attendeeConnected' | 'attendeeDisconnected' | 'on' | 'off'
>;

export interface MediaSignallingOptions {
  /** How often to ping; a socket that has not answered the previous ping is dropped. */
  heartbeatMs?: number;
}

export interface MediaSignalling {
  /** Takes over an HTTP upgrade on the media path (e.g. `/_media?meeting=...&token=...`). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Closes every socket (1001) and stops the heartbeat. */
  close(): void;
}

interface Session {
  meetingId: string;
  peer: PeerInfo;
}

/**
 * The local WebRTC signalling server: relays offers, answers and ICE candidates between the
 * attendees of one meeting so browsers can run a mesh. The protocol is in `./protocol.ts`.
 *
 * @example
 * const signalling = createMediaSignalling(emulator);
 * server.on('upgrade', (req, socket, head) => {
 *   if (new URL(req.url ?? '/', 'http://x').pathname === '/_media') signalling.handleUpgrade(req, socket, head);
 * });
 */
export function createMediaSignalling(
  meetings: MeetingAccess,
  options: MediaSignallingOptions = {},
): MediaSignalling {
  // An SDP and its JSON envelope; anything bigger is not signalling.
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxSdpLength * 2 });
  const rooms = new Rooms<WebSocket>();
  const answeredPing = new WeakMap<WebSocket, boolean>();

  const send = (socket: WebSocket, message: ServerMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const announce = (meetingId: string, except: string, message: ServerMessage) => {
    for (const member of rooms.others(meetingId, except)) send(member.socket, message);
  };

  function join(socket: WebSocket, req: IncomingMessage): Session | undefined {
    const url = new URL(req.url ?? '/', 'http://media.local');
    const token = url.searchParams.get('token');
    const holder = token ? meetings.attendeeForJoinToken(token) : undefined;
    const meetingParam = url.searchParams.get('meeting');
    const admitted =
      holder !== undefined &&
      (meetingParam === null || meetingParam === holder.meetingId) &&
      meetings.attendeeConnected(holder.meetingId, holder.attendeeId);
    if (!holder || !admitted) {
      socket.close(closeCodes.invalidToken, 'join token admits no one');
      return undefined;
    }
    const { meetingId, attendeeId, externalUserId } = holder;
    const peer = { attendeeId, externalUserId };
    const peers = rooms.others(meetingId, attendeeId).map((member) => member.peer);
    const previous = rooms.add(meetingId, { peer, socket });
    if (previous) {
      // The same attendee from a new socket (a reload, a second tab): the newest one wins, and
      // the others renegotiate with it as with any newcomer.
      announce(meetingId, attendeeId, { type: 'peer-left', attendeeId });
      previous.socket.close(closeCodes.replaced, 'attendee connected elsewhere');
    }
    send(socket, { type: 'welcome', meetingId, self: peer, peers });
    for (const member of rooms.others(meetingId, attendeeId)) {
      if (member.muted !== undefined)
        send(socket, { type: 'state', from: member.peer.attendeeId, muted: member.muted });
    }
    announce(meetingId, attendeeId, { type: 'peer-joined', peer });
    return { meetingId, peer };
  }

  function relay(socket: WebSocket, session: Session, data: RawData, isBinary: boolean): void {
    const { meetingId, peer } = session;
    // A displaced socket may still deliver a message or two: it no longer speaks for anyone.
    if (rooms.get(meetingId, peer.attendeeId)?.socket !== socket) return;
    const message = isBinary ? undefined : parseClientMessage(data.toString());
    if (!message) {
      send(socket, {
        type: 'error',
        code: 'invalid-message',
        message: 'Not a signalling message.',
      });
      return;
    }
    if (message.type === 'state') {
      const member = rooms.get(meetingId, peer.attendeeId);
      if (member) member.muted = message.muted;
      announce(meetingId, peer.attendeeId, {
        type: 'state',
        from: peer.attendeeId,
        muted: message.muted,
      });
      return;
    }
    const target = message.to === peer.attendeeId ? undefined : rooms.get(meetingId, message.to);
    if (!target) {
      send(socket, {
        type: 'error',
        code: 'unknown-peer',
        message: 'No such attendee is connected to this meeting.',
      });
      return;
    }
    const from = peer.attendeeId;
    if (message.type === 'ice') {
      send(target.socket, { type: 'ice', from, candidate: message.candidate });
    } else {
      send(target.socket, { type: message.type, from, sdp: message.sdp });
    }
  }

  wss.on('connection', (socket: WebSocket, req: IncomingMessage) => {
    socket.on('error', () => socket.terminate());
    const session = join(socket, req);
    if (!session) return;
    answeredPing.set(socket, true);
    socket.on('pong', () => answeredPing.set(socket, true));
    socket.on('message', (data, isBinary) => relay(socket, session, data, isBinary));
    socket.on('close', () => {
      const { meetingId, peer } = session;
      meetings.attendeeDisconnected(meetingId, peer.attendeeId);
      if (rooms.remove(meetingId, peer.attendeeId, socket)) {
        announce(meetingId, peer.attendeeId, { type: 'peer-left', attendeeId: peer.attendeeId });
      }
    });
  });

  const onAttendeeDeleted = (meetingId: string, attendeeId: string) => {
    const member = rooms.get(meetingId, attendeeId);
    if (!member) return;
    rooms.remove(meetingId, attendeeId, member.socket);
    announce(meetingId, attendeeId, { type: 'peer-left', attendeeId });
    send(member.socket, { type: 'removed' });
    member.socket.close(closeCodes.removed, 'attendee removed');
  };
  const onMeetingEnded = (meetingId: string) => {
    for (const member of rooms.take(meetingId)) {
      send(member.socket, { type: 'ended' });
      member.socket.close(closeCodes.ended, 'meeting ended');
    }
  };
  meetings.on('attendeeDeleted', onAttendeeDeleted);
  meetings.on('meetingEnded', onMeetingEnded);

  // Browsers answer pings by themselves; a socket that missed one is gone (sleeping laptop,
  // dropped network), and closing it lets the meeting's idle timer start.
  const heartbeat = setInterval(() => {
    for (const socket of wss.clients) {
      if (answeredPing.get(socket) === false) {
        socket.terminate();
        continue;
      }
      answeredPing.set(socket, false);
      socket.ping();
    }
  }, options.heartbeatMs ?? 15_000);
  heartbeat.unref();

  return {
    handleUpgrade(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    close() {
      clearInterval(heartbeat);
      meetings.off('attendeeDeleted', onAttendeeDeleted);
      meetings.off('meetingEnded', onMeetingEnded);
      for (const socket of wss.clients) socket.close(1001, 'server shutting down');
      wss.close();
    },
  };
}
