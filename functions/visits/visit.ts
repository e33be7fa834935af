import type { VisitState } from './waiting-room';

/** A visit as stored: the waiting-room state plus what it belongs to, under a version. */
export interface Visit extends VisitState {
  /** Set for an appointment's visit (then visitId equals the appointment id). */
  appointmentId?: string;
  /** Set for an ad-hoc room's visit. */
  roomId?: string;
  version: number;
  createdAt: string;
}

/** The Chime meeting of a visit. `generation` grows each time an ended meeting is replaced. */
export interface MeetingRecord {
  visitId: string;
  generation: number;
  meetingId: string;
  /** Chime's Meeting object, as the browser's media layer takes it. */
  meeting: Record<string, unknown>;
  /**
   * When Chime said the meeting ended (its MeetingEnded event, or a failed join it confirmed):
   * the next join makes generation + 1 instead of handing out join information for it.
   */
  endedAt?: string;
}

/** One participant's Chime attendee in the current meeting. */
export interface AttendeeRecord {
  visitId: string;
  participantId: string;
  meetingId: string;
  attendeeId: string;
  /** Chime's Attendee object (its JoinToken is a credential: only its owner ever gets it). */
  attendee: Record<string, unknown>;
}

export type { AuditEntry } from '../shared/audit-entry';
