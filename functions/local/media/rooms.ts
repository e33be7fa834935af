import type { PeerInfo } from './protocol';

/** One connected attendee and the socket that carries its signalling. */
export interface Member<S> {
  peer: PeerInfo;
  socket: S;
  /** The last microphone state the attendee reported, for those who connect after. */
  muted?: boolean;
}

/**
 * Who is connected to which meeting. Every lookup is scoped by meeting id, which is what keeps
 * signalling from ever crossing from one meeting into another. Generic over the socket so the
 * rules can be tested without a network.
 */
export class Rooms<S> {
  private readonly rooms = new Map<string, Map<string, Member<S>>>();

  get(meetingId: string, attendeeId: string): Member<S> | undefined {
    return this.rooms.get(meetingId)?.get(attendeeId);
  }

  /** Everyone in the meeting except `attendeeId` (if given). */
  others(meetingId: string, attendeeId?: string): Member<S>[] {
    const room = this.rooms.get(meetingId);
    if (!room) return [];
    return [...room.values()].filter((member) => member.peer.attendeeId !== attendeeId);
  }

  /** Adds a member; returns the member it displaced (the same attendee on an older socket). */
  add(meetingId: string, member: Member<S>): Member<S> | undefined {
    let room = this.rooms.get(meetingId);
    if (!room) {
      room = new Map();
      this.rooms.set(meetingId, room);
    }
    const previous = room.get(member.peer.attendeeId);
    room.set(member.peer.attendeeId, member);
    return previous;
  }

  /**
   * Removes the attendee only if `socket` is still the one registered for it, so a displaced
   * socket closing late does not remove its successor. True when something was removed.
   */
  remove(meetingId: string, attendeeId: string, socket: S): boolean {
    const room = this.rooms.get(meetingId);
    if (room?.get(attendeeId)?.socket !== socket) return false;
    room.delete(attendeeId);
    if (room.size === 0) this.rooms.delete(meetingId);
    return true;
  }

  /** Empties a meeting and returns who was in it. */
  take(meetingId: string): Member<S>[] {
    const room = this.rooms.get(meetingId);
    this.rooms.delete(meetingId);
    return room ? [...room.values()] : [];
  }
}
