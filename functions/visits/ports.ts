import type { AttendeeRecord, AuditEntry, MeetingRecord, Visit } from './visit';

/** Port: visits, their meetings and attendees, and the audit entries each change writes. */
export interface VisitStore {
  get(visitId: string): Promise<Visit | undefined>;
  /**
   * Writes a new state if the stored version is still `expectedVersion` (0: not stored yet),
   * together with its audit entries, in one transaction. False when another change came first.
   */
  commit(next: Visit, expectedVersion: number, audit: readonly AuditEntry[]): Promise<boolean>;
  meeting(visitId: string): Promise<MeetingRecord | undefined>;
  /** Stores a meeting if the stored generation is still `replacing` (0: none yet). */
  putMeeting(record: MeetingRecord, replacing: number): Promise<boolean>;
  attendee(visitId: string, participantId: string): Promise<AttendeeRecord | undefined>;
  putAttendee(record: AttendeeRecord): Promise<void>;
  deleteAttendee(visitId: string, participantId: string): Promise<void>;
}

/** Port: the Chime SDK meetings control plane. */
export interface Meetings {
  create(
    clientRequestToken: string,
    externalMeetingId: string,
    maxAttendees: number,
  ): Promise<{ meetingId: string; meeting: Record<string, unknown> }>;
  /** Creates (or, by ExternalUserId, finds) attendees; 'gone' when the meeting has ended. */
  addAttendees(
    meetingId: string,
    externalUserIds: readonly string[],
  ): Promise<
    { externalUserId: string; attendeeId: string; attendee: Record<string, unknown> }[] | 'gone'
  >;
  /** False once the meeting has ended (GetMeeting answers NotFound). */
  exists(meetingId: string): Promise<boolean>;
  removeAttendee(meetingId: string, attendeeId: string): Promise<void>;
  end(meetingId: string): Promise<void>;
}

/** Port: participant credentials (a random token, stored only as its hash). */
export interface ParticipantTokens {
  put(hash: string, visitId: string, participantId: string, expiresAt: number): Promise<void>;
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

/** Port: the append-only audit trail, read by owners and managers. */
export interface AuditLog {
  list(query: { from: string; to: string; visitId?: string }): Promise<AuditEntry[]>;
  append(entries: readonly AuditEntry[]): Promise<void>;
}
