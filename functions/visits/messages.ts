/**
 * What the server pushes over the WebSocket about visits. Events are hints: a page that gets
 * one (or reconnects) reads the state from the API, which is the truth. Only `admitted` carries
 * something a page cannot read elsewhere: the admitted person's own join information.
 */
export type VisitMessage =
  | {
      type: 'knock';
      visitId: string;
      participantId: string;
      name: string;
      via: string;
      knockedAt: string;
    }
  /** `version`: the visit's version after the change, so a page can tell it has missed one. */
  | { type: 'visit-changed'; visitId: string; version: number }
  | { type: 'started'; visitId: string }
  | {
      type: 'admitted';
      visitId: string;
      /** Absent when the person has no seat in the meeting yet: their page asks for it. */
      joinInfo?: { Meeting: Record<string, unknown>; Attendee: Record<string, unknown> };
      /** Who is in the call, to label its tiles at once (as `GET /me` gives them). */
      people?: { participantId: string; name: string }[];
    }
  | { type: 'full'; visitId: string; message: string }
  | { type: 'denied'; visitId: string; message: string }
  | { type: 'removed'; visitId: string; message: string }
  | { type: 'ended'; visitId: string; message: string }
  /** An appointment of the provider's was booked, moved, changed or cancelled: reload the day. */
  | { type: 'schedule-changed'; appointmentId: string };

export const participantMessages = {
  waitingForStart: 'Waiting for your provider to start the visit.',
  waitingForAdmission: 'Your provider will let you in shortly.',
  full: 'The visit is full right now. Please stay here: your provider can let you in when there is room.',
  denied:
    'Your provider could not let you in to this visit. If you think this is a mistake, contact the person who invited you.',
  removed:
    'You were removed from the visit. To come back, open your link again and wait to be let in.',
  ended: 'The visit has ended. Thank you for joining.',
  left: 'You left the visit, or your connection was lost. Open your link again to rejoin.',
};
