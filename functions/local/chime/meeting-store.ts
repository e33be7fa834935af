import { randomBytes, randomUUID } from 'node:crypto';
import { badRequest, type ChimeServiceError, limitExceeded, notFound } from './errors';
import {
  type AttendeeRequest,
  attendeeCapacity,
  type Capabilities,
  limits,
  type MeetingRequest,
  usesReservedPrefix,
} from './validation';

/** A meeting ends this long after its last attendee left (or after creation if nobody came). */
export const idleEndMs = 5 * 60_000;
/** And at the latest this long after it was created, whoever is still in it. */
export const maxDurationMs = 24 * 60 * 60_000;

/** Chime's default when CreateAttendee names no capabilities. */
const defaultCapabilities: Capabilities = {
  Audio: 'SendReceive',
  Video: 'SendReceive',
  Content: 'SendReceive',
};

export interface AttendeeRecord {
  attendeeId: string;
  externalUserId: string;
  joinToken: string;
  capabilities: Capabilities;
  /** Creation order; ListAttendees pages on it so deletions do not shift later pages. */
  seq: number;
  /** Open media connections (a browser may briefly hold two while it reconnects). */
  connections: number;
}

export interface MeetingRecord {
  meetingId: string;
  request: MeetingRequest;
  createdAt: number;
  /** Since when nobody has been connected; undefined while someone is. */
  idleSince: number | undefined;
  capacity: number;
  attendees: Map<string, AttendeeRecord>;
  attendeeIdByExternalUserId: Map<string, string>;
  nextSeq: number;
}

/** A per-item failure of BatchCreateAttendee / CreateMeetingWithAttendees. */
export interface AttendeeError {
  ExternalUserId: string;
  ErrorCode: string;
  ErrorMessage: string;
}

/** What Chime sends to EventBridge as "Chime Meeting State Change" (the fields Televisit reads). */
export interface MeetingStateChange {
  eventType:
    | 'chime:AttendeeJoined'
    | 'chime:AttendeeLeft'
    | 'chime:AttendeeDeleted'
    | 'chime:MeetingEnded';
  meetingId: string;
  externalMeetingId: string;
  attendeeId?: string;
  externalUserId?: string;
}

export interface StoreEvents {
  attendeeDeleted(meetingId: string, attendeeId: string): void;
  meetingEnded(meetingId: string): void;
  /** Optional: every join, leave, deletion and end, as EventBridge would carry it. */
  stateChange?(change: MeetingStateChange): void;
}

/**
 * Meetings and attendees with Chime's lifecycle rules, evaluated against an injected clock.
 * No HTTP here: the router maps requests onto these methods, and the media layer reports
 * presence through connect / disconnect.
 *
 * @example
 * const store = new MeetingStore({ now: () => Date.now(), events: { attendeeDeleted() {}, meetingEnded() {} } });
 * const meeting = store.createMeeting(request);
 * const attendee = store.createAttendee(meeting.meetingId, { externalUserId: 'u-1', capabilities: undefined });
 */
export class MeetingStore {
  private readonly meetings = new Map<string, MeetingRecord>();
  private readonly meetingIdByClientToken = new Map<string, string>();
  private readonly attendeeByJoinToken = new Map<
    string,
    { meetingId: string; attendeeId: string }
  >();
  private readonly now: () => number;
  private readonly events: StoreEvents;

  constructor(options: { now: () => number; events: StoreEvents }) {
    this.now = options.now;
    this.events = options.events;
  }

  createMeeting(request: MeetingRequest): MeetingRecord {
    this.sweep();
    const token = request.clientRequestToken;
    // Same ClientRequestToken, same meeting, for as long as that meeting lives; once it has
    // ended the token may make a new one (a visit recreates its meeting after the idle end).
    const existing = token === undefined ? undefined : this.meetingIdByClientToken.get(token);
    const existingMeeting = existing === undefined ? undefined : this.meetings.get(existing);
    if (existingMeeting) return existingMeeting;
    if (this.meetings.size >= limits.activeMeetings) {
      throw limitExceeded(`The account already has ${limits.activeMeetings} active meetings.`);
    }
    const now = this.now();
    const meeting: MeetingRecord = {
      meetingId: randomUUID(),
      request,
      createdAt: now,
      idleSince: now,
      capacity: attendeeCapacity(request.meetingFeatures),
      attendees: new Map(),
      attendeeIdByExternalUserId: new Map(),
      nextSeq: 0,
    };
    this.meetings.set(meeting.meetingId, meeting);
    if (token !== undefined) this.meetingIdByClientToken.set(token, meeting.meetingId);
    return meeting;
  }

  getMeeting(meetingId: string): MeetingRecord {
    this.sweep();
    const meeting = this.meetings.get(meetingId);
    if (!meeting) throw notFound('The requested meeting does not exist.');
    return meeting;
  }

  deleteMeeting(meetingId: string): void {
    this.end(this.getMeeting(meetingId));
  }

  /**
   * Creates an attendee, or returns the live one that already has this ExternalUserId (same
   * AttendeeId and JoinToken), as Chime does.
   */
  createAttendee(meetingId: string, request: AttendeeRequest): AttendeeRecord {
    const outcome = this.addAttendee(this.getMeeting(meetingId), request);
    if ('error' in outcome) throw outcome.error;
    return outcome.attendee;
  }

  /** Creates each attendee it can; the others come back as per-item errors. */
  batchCreateAttendees(
    meetingId: string,
    requests: AttendeeRequest[],
  ): { attendees: AttendeeRecord[]; errors: AttendeeError[] } {
    const meeting = this.getMeeting(meetingId);
    const attendees: AttendeeRecord[] = [];
    const errors: AttendeeError[] = [];
    for (const request of requests) {
      const outcome = this.addAttendee(meeting, request);
      if ('attendee' in outcome) {
        attendees.push(outcome.attendee);
        continue;
      }
      errors.push({
        ExternalUserId: request.externalUserId,
        // Error codes of the Chime API's ErrorCode enumeration.
        ErrorCode:
          outcome.error.code === 'LimitExceededException' ? 'ResourceLimitExceeded' : 'BadRequest',
        ErrorMessage: outcome.error.message,
      });
    }
    return { attendees, errors };
  }

  getAttendee(meetingId: string, attendeeId: string): AttendeeRecord {
    const attendee = this.getMeeting(meetingId).attendees.get(attendeeId);
    if (!attendee) throw notFound('The requested attendee does not exist.');
    return attendee;
  }

  /** Deleting an attendee revokes its JoinToken and counts as that attendee leaving. */
  deleteAttendee(meetingId: string, attendeeId: string): void {
    const meeting = this.getMeeting(meetingId);
    const attendee = this.getAttendee(meetingId, attendeeId);
    this.forget(meeting, attendee);
    this.markIdleIfEmpty(meeting);
    this.events.attendeeDeleted(meetingId, attendeeId);
    this.report('chime:AttendeeDeleted', meeting, attendee);
  }

  /** One page in creation order; the token is the last creation number returned. */
  listAttendees(
    meetingId: string,
    maxResults: number,
    nextToken: string | undefined,
  ): { attendees: AttendeeRecord[]; nextToken: string | undefined } {
    const meeting = this.getMeeting(meetingId);
    const after = nextToken === undefined ? -1 : decodePageToken(nextToken);
    const rest = [...meeting.attendees.values()].filter((attendee) => attendee.seq > after);
    const page = rest.slice(0, maxResults);
    const last = page.at(-1);
    const more = rest.length > page.length && last !== undefined;
    return { attendees: page, nextToken: more ? encodePageToken(last.seq) : undefined };
  }

  /** The live attendee a JoinToken belongs to, if the token still admits anyone. */
  findByJoinToken(
    joinToken: string,
  ): { meeting: MeetingRecord; attendee: AttendeeRecord } | undefined {
    this.sweep();
    const ref = this.attendeeByJoinToken.get(joinToken);
    const meeting = ref && this.meetings.get(ref.meetingId);
    const attendee = ref && meeting?.attendees.get(ref.attendeeId);
    return meeting && attendee ? { meeting, attendee } : undefined;
  }

  /** The media layer reports a connection; false when the attendee no longer exists. */
  connect(meetingId: string, attendeeId: string): boolean {
    this.sweep();
    const meeting = this.meetings.get(meetingId);
    const attendee = meeting?.attendees.get(attendeeId);
    if (!meeting || !attendee) return false;
    attendee.connections += 1;
    meeting.idleSince = undefined;
    if (attendee.connections === 1) this.report('chime:AttendeeJoined', meeting, attendee);
    return true;
  }

  /** Reports a closed connection; unknown attendees (deleted, meeting ended) are ignored. */
  disconnect(meetingId: string, attendeeId: string): void {
    const meeting = this.meetings.get(meetingId);
    const attendee = meeting?.attendees.get(attendeeId);
    if (!meeting || !attendee || attendee.connections === 0) return;
    attendee.connections -= 1;
    this.markIdleIfEmpty(meeting);
    if (attendee.connections === 0) this.report('chime:AttendeeLeft', meeting, attendee);
  }

  private report(
    eventType: MeetingStateChange['eventType'],
    meeting: MeetingRecord,
    attendee?: AttendeeRecord,
  ): void {
    this.events.stateChange?.({
      eventType,
      meetingId: meeting.meetingId,
      externalMeetingId: meeting.request.externalMeetingId,
      ...(attendee
        ? { attendeeId: attendee.attendeeId, externalUserId: attendee.externalUserId }
        : {}),
    });
  }

  /** Ends every meeting whose time is up, telling listeners; cheap enough to run per call. */
  sweep(): void {
    const now = this.now();
    for (const meeting of [...this.meetings.values()]) {
      const idleEnd = meeting.idleSince !== undefined && now - meeting.idleSince >= idleEndMs;
      const maxEnd = now - meeting.createdAt >= maxDurationMs;
      if (idleEnd || maxEnd) this.end(meeting);
    }
  }

  activeMeetingIds(): string[] {
    this.sweep();
    return [...this.meetings.keys()];
  }

  private addAttendee(
    meeting: MeetingRecord,
    request: AttendeeRequest,
  ): { attendee: AttendeeRecord } | { error: ChimeServiceError } {
    const existingId = meeting.attendeeIdByExternalUserId.get(request.externalUserId);
    const existing = existingId === undefined ? undefined : meeting.attendees.get(existingId);
    if (existing) return { attendee: existing };
    if (usesReservedPrefix(request.externalUserId)) {
      return { error: badRequest('ExternalUserId must not begin with the reserved prefix aws:.') };
    }
    if (meeting.attendees.size >= meeting.capacity) {
      return { error: limitExceeded(`The meeting already has ${meeting.capacity} attendees.`) };
    }
    const attendee: AttendeeRecord = {
      attendeeId: randomUUID(),
      externalUserId: request.externalUserId,
      // 256 random bits: the token alone admits its holder to the meeting's media.
      joinToken: randomBytes(32).toString('base64url'),
      capabilities: request.capabilities ?? defaultCapabilities,
      seq: meeting.nextSeq++,
      connections: 0,
    };
    meeting.attendees.set(attendee.attendeeId, attendee);
    meeting.attendeeIdByExternalUserId.set(attendee.externalUserId, attendee.attendeeId);
    this.attendeeByJoinToken.set(attendee.joinToken, {
      meetingId: meeting.meetingId,
      attendeeId: attendee.attendeeId,
    });
    return { attendee };
  }

  private forget(meeting: MeetingRecord, attendee: AttendeeRecord): void {
    meeting.attendees.delete(attendee.attendeeId);
    meeting.attendeeIdByExternalUserId.delete(attendee.externalUserId);
    this.attendeeByJoinToken.delete(attendee.joinToken);
  }

  private markIdleIfEmpty(meeting: MeetingRecord): void {
    const anyoneConnected = [...meeting.attendees.values()].some((a) => a.connections > 0);
    if (!anyoneConnected && meeting.idleSince === undefined) meeting.idleSince = this.now();
  }

  /**
   * Ends a meeting as Chime does: the connected attendees' media is cut, so each of them is
   * reported as having left (EventBridge `chime:AttendeeLeft`), then `chime:MeetingEnded`
   * (also sent for DeleteMeeting). Their JoinTokens stop admitting anyone.
   */
  private end(meeting: MeetingRecord): void {
    for (const attendee of [...meeting.attendees.values()]) {
      if (attendee.connections > 0) {
        attendee.connections = 0;
        this.report('chime:AttendeeLeft', meeting, attendee);
      }
      this.forget(meeting, attendee);
    }
    this.meetings.delete(meeting.meetingId);
    const token = meeting.request.clientRequestToken;
    if (token !== undefined && this.meetingIdByClientToken.get(token) === meeting.meetingId) {
      this.meetingIdByClientToken.delete(token);
    }
    this.events.meetingEnded(meeting.meetingId);
    this.report('chime:MeetingEnded', meeting);
  }
}

function encodePageToken(seq: number): string {
  return Buffer.from(`attendees:${seq}`).toString('base64url');
}

function decodePageToken(token: string): number {
  const match = /^attendees:(\d+)$/.exec(Buffer.from(token, 'base64url').toString());
  if (!match?.[1]) throw badRequest('NextToken is not valid.');
  return Number(match[1]);
}
