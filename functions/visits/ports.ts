import type { AttendeeRecord, AuditEntry, MeetingRecord, Visit } from './visit';
import type { VisitEvent } from './waiting-room';

/** A visit with its meeting and some participants' attendees, as one consistent read gives them. */
export interface VisitSnapshot {
  visit?: Visit;
  meeting?: MeetingRecord;
  /** By participant id; only those asked for, and only those that have one. */
  attendees: Map<string, AttendeeRecord>;
}

/** The meeting and attendees a change (or a join) makes, written with it. */
export interface Seats {
  /** A new meeting (generation `replacing + 1`), stored only if the stored one is still `replacing`. */
  meeting?: { record: MeetingRecord; replacing: number };
  attendees?: readonly AttendeeRecord[];
}

/** Everything one change of a visit writes, in one transaction: all of it, or none. */
export interface VisitWrite extends Seats {
  next: Visit;
  /** The version read (0: the visit is new). */
  expectedVersion: number;
  /** What happened, kept with the state for the news stream (functions/visits/news.ts). */
  events: readonly VisitEvent[];
  audit: readonly AuditEntry[];
  /** A participant credential handed out by this change (a knock): stored by its hash. */
  token?: { hash: string; participantId: string; expiresAt: number };
  /** The meeting Chime ended: marked ended if it is still the visit's meeting. */
  meetingEnded?: { meetingId: string; at: string };
}

/** Port: visits, their meetings and attendees, and the audit entries each change writes. */
export interface VisitStore {
  get(visitId: string): Promise<Visit | undefined>;
  /** The visit, its meeting and every attendee it has (one consistent read). */
  snapshot(visitId: string): Promise<VisitSnapshot>;
  /** Writes a change if nobody changed the visit (or replaced its meeting) meanwhile. */
  commit(write: VisitWrite): Promise<'committed' | 'lost'>;
  /** Writes a meeting and attendees made for a join, under the same meeting condition. */
  saveSeats(visitId: string, seats: Seats): Promise<'committed' | 'lost'>;
  /** Marks the meeting ended, if it is still the visit's meeting. */
  markMeetingEnded(visitId: string, meetingId: string, at: string): Promise<void>;
  meeting(visitId: string): Promise<MeetingRecord | undefined>;
  attendee(visitId: string, participantId: string): Promise<AttendeeRecord | undefined>;
  deleteAttendee(visitId: string, participantId: string): Promise<void>;
}

export interface CreatedAttendee {
  externalUserId: string;
  attendeeId: string;
  attendee: Record<string, unknown>;
}

/** A turn taken ahead at Chime's rate, for a call about to be made (see Meetings.reserve). */
export type MeetingsTurn = Promise<unknown>;

/** Port: the Chime SDK meetings control plane (paced to Chime's rate by its adapter). */
export interface Meetings {
  /**
   * Takes a turn for a call that will probably follow, while other reads are under way (so the
   * turn costs no round trip of its own). Unused, it is simply lost.
   */
  reserve(): MeetingsTurn;
  /**
   * Creates the meeting with attendees for these participants (CreateMeetingWithAttendees for
   * the first ten, BatchCreateAttendee for the rest). The same token gives the same meeting.
   */
  create(request: {
    clientRequestToken: string;
    externalMeetingId: string;
    maxAttendees: number;
    externalUserIds: readonly string[];
    turn?: MeetingsTurn;
  }): Promise<{
    meetingId: string;
    meeting: Record<string, unknown>;
    attendees: CreatedAttendee[];
  }>;
  /** Creates (or, by ExternalUserId, finds) attendees; 'gone' when the meeting has ended. */
  addAttendees(
    meetingId: string,
    externalUserIds: readonly string[],
  ): Promise<CreatedAttendee[] | 'gone'>;
  /** False once the meeting has ended (GetMeeting answers NotFound). Asked only after a failed join. */
  exists(meetingId: string): Promise<boolean>;
  removeAttendee(meetingId: string, attendeeId: string): Promise<void>;
  end(meetingId: string): Promise<void>;
}

/** Port: participant credentials (a random token, stored only as its hash). */
export interface ParticipantTokens {
  get(
    hash: string,
  ): Promise<{ visitId: string; participantId: string; expiresAt: number } | undefined>;
}

/** Port: pushes realtime messages to a person's or a participant's open connections. */
export interface Notifier {
  toUser(sub: string, message: unknown): Promise<void>;
  toParticipant(participantId: string, message: unknown): Promise<void>;
  /** Everyone watching a visit's details (staff pages subscribed to it). */
  toWatchers(visitId: string, message: unknown): Promise<void>;
}

/**
 * Port: a push made on a request's own path, to people whose connections were looked up while
 * the request read the visit, so that it costs one round trip after the commit. Used for the
 * one push a person waits on (Allow's join information); the news stream sends it again, and
 * everything else, off the path.
 */
export interface DirectPush {
  /** Starts finding these participants' connections; what it gives sends to them. */
  reach(
    participantIds: readonly string[],
  ): Promise<(participantId: string, message: unknown) => Promise<void>>;
}

/** Port: the append-only audit trail, read by owners and managers. */
export type { AuditLog } from '../shared/audit-entry';
