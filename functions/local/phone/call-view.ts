/**
 * A call on the local phone network as its controls (`/_local/phone`) show it: to the tests,
 * the terminal phone and the softphone page alike.
 */
export interface CallView {
  transactionId: string;
  /** `in`: someone called the clinic; `out`: the clinic called them (a provider's call). */
  direction: 'in' | 'out';
  from: string;
  to: string;
  /** A call out rings until it is answered, declined, found busy or left unanswered. */
  state: 'ringing' | 'in-progress' | 'ended';
  /** Every prompt spoken to the caller, in order. */
  heard: string[];
  /** Waiting for the caller's keys (a SpeakAndGetDigits is listening). */
  listening: boolean;
  inMeeting: boolean;
  meetingId?: string;
  attendeeId?: string;
  /**
   * In the meeting: how the phone's own audio joins the local meeting's mesh (the softphone
   * page is the handset; this is the line's leg into the meeting, which only it may use).
   */
  media?: { signalingUrl: string; joinToken: string };
  muted: boolean;
}
