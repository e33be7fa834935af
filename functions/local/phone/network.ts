import { randomUUID } from 'node:crypto';
import { type Action, ResponseSchema } from '../../phone/actions';
import type { ChimeMeetingsEmulator } from '../chime/emulator';
import { invoke, type LambdaHandler, lambdaContext } from '../gateway/lambdas';
import { meshSignalingUrl } from '../media/protocol';
import type { CallView } from './call-view';

export type { CallView };

/**
 * The phone network and the SIP media application on one machine: calls to the clinic's
 * number invoke the same phone Lambda with the documented events, and its actions are
 * followed with their real semantics: at most 10 per answer, one after another; only Pause
 * (and PlayAudio, RecordAudio) can be interrupted by an update; ACTION_SUCCESSFUL once the
 * whole list has run, ACTION_FAILED at the first failure (the rest discarded); an answer not
 * within 5 seconds is asked again with the same Sequence, then the call drops (480);
 * TransactionAttributes are kept and sent with every later event; JoinChimeMeeting joins the
 * local meeting with the attendee's JoinToken. What a caller hears is kept as text.
 */

interface Leg {
  callId: string;
  from: string;
  to: string;
  connected: boolean;
}

interface LocalCall {
  transactionId: string;
  direction: 'Inbound' | 'Outbound';
  legA: Leg;
  /** A call out not answered yet; its timer gives up unanswered. */
  ringing?: ReturnType<typeof setTimeout>;
  meeting?: {
    meetingId: string;
    attendeeId: string;
    callId: string;
    joinToken: string;
    muted: boolean;
  };
  sequence: number;
  attributes?: Record<string, string>;
  heard: string[];
  keys: string;
  /** Wakes whatever waits on the caller (keys typed, a hang-up). */
  poke?: () => void;
  listening: boolean;
  /** Bumped when a new list replaces the running one: the old list stops after its action. */
  generation: number;
  /** The running action, if it can be cut short, and how. */
  interrupt?: () => void;
  /** The action being performed, settled when it is done. */
  current?: Promise<void>;
  /** The last event handed to the Lambda: the next one waits for its answer. */
  delivering?: Promise<unknown>;
  ended: boolean;
}

export interface PhoneNetworkOptions {
  region: string;
  applicationId: string;
  /** The numbers that ring the application (the clinic's dial-in number). */
  numbers: string[];
  meetings: Pick<
    ChimeMeetingsEmulator,
    'attendeeForJoinToken' | 'attendeeConnected' | 'attendeeDisconnected' | 'on'
  >;
  handler: () => Promise<{ handler: LambdaHandler }>;
  /** The local meeting's media (signalling) address, for the handset's audio. */
  mediaUrl?: string;
  /** How long speaking takes, per character (short locally, so tests stay quick). */
  speechMsPerChar?: number;
  /** How long a call out rings before it counts as unanswered (480). */
  ringMs?: number;
}

const answerWithinMs = 5_000;
const defaultRingMs = 15_000;

export class PhoneNetwork {
  readonly #calls = new Map<string, LocalCall>();

  constructor(private readonly options: PhoneNetworkOptions) {
    options.meetings.on('attendeeDeleted', (_meetingId: string, attendeeId: string) =>
      this.#meetingLegGone((m) => m.attendeeId === attendeeId),
    );
    options.meetings.on('meetingEnded', (meetingId: string) =>
      this.#meetingLegGone((m) => m.meetingId === meetingId),
    );
  }

  get applicationId(): string {
    return this.options.applicationId;
  }

  /** A caller dials `to` from `from`; undefined when `to` rings no application here. */
  dial(from: string, to: string): string | undefined {
    if (!this.options.numbers.includes(to)) return undefined;
    const call = this.#newCall('Inbound', from, to);
    void this.#invoke(call, 'NEW_INBOUND_CALL').then((actions) => this.#follow(call, actions));
    return call.transactionId;
  }

  /**
   * CreateSipMediaApplicationCall: the application calls `to` from one of its numbers. The
   * Lambda hears NEW_OUTBOUND_CALL (with the arguments) and RINGING; then the callee answers
   * (CALL_ANSWERED), declines (603), is busy (486), or lets it ring out (480).
   */
  place(from: string, to: string, args: Record<string, string>): string | undefined {
    if (!this.options.numbers.includes(from)) return undefined;
    const call = this.#newCall('Outbound', from, to);
    call.ringing = setTimeout(
      () => void this.#notReached(call, 480),
      this.options.ringMs ?? defaultRingMs,
    );
    void (async () => {
      await this.#invoke(call, 'NEW_OUTBOUND_CALL', {
        Type: 'CallCreateRequest',
        Parameters: { Arguments: args },
      });
      if (call.ringing) await this.#invoke(call, 'RINGING');
    })();
    return call.transactionId;
  }

  /** A new call, kept: a call in is connected at once; a call out once it is answered. */
  #newCall(direction: LocalCall['direction'], from: string, to: string): LocalCall {
    const call: LocalCall = {
      transactionId: randomUUID(),
      direction,
      legA: { callId: randomUUID(), from, to, connected: direction === 'Inbound' },
      sequence: 0,
      heard: [],
      keys: '',
      listening: false,
      generation: 0,
      ended: false,
    };
    this.#calls.set(call.transactionId, call);
    return call;
  }

  /** The callee picks up a call that rings them. */
  answer(transactionId: string): boolean {
    const call = this.#calls.get(transactionId);
    if (!call?.ringing || call.ended) return false;
    clearTimeout(call.ringing);
    call.ringing = undefined;
    call.legA.connected = true;
    void this.#invoke(call, 'CALL_ANSWERED').then((actions) => this.#follow(call, actions));
    return true;
  }

  /** The callee turns the call down (603), or their line is busy (486). */
  refuse(transactionId: string, why: 'declined' | 'busy'): boolean {
    const call = this.#calls.get(transactionId);
    if (!call?.ringing || call.ended) return false;
    void this.#notReached(call, why === 'busy' ? 486 : 603);
    return true;
  }

  /** Calls ringing `to`, or under way with it (what a softphone with that number sees). */
  callsTo(to: string): CallView[] {
    return [...this.#calls.values()]
      .filter((c) => c.direction === 'Outbound' && c.legA.to === to && !c.ended)
      .flatMap((c) => this.view(c.transactionId) ?? []);
  }

  /** The caller presses keys. */
  press(transactionId: string, keys: string): boolean {
    const call = this.#calls.get(transactionId);
    if (!call || call.ended) return false;
    call.keys += keys;
    call.poke?.();
    return true;
  }

  /** The caller hangs up. */
  hangUp(transactionId: string): boolean {
    const call = this.#calls.get(transactionId);
    if (!call || call.ended) return false;
    if (call.ringing) return this.refuse(transactionId, 'declined');
    void this.#end(call);
    return true;
  }

  view(transactionId: string): CallView | undefined {
    const call = this.#calls.get(transactionId);
    if (!call) return undefined;
    return {
      transactionId,
      direction: call.direction === 'Outbound' ? 'out' : 'in',
      from: call.legA.from,
      to: call.legA.to,
      state: call.ended ? 'ended' : call.ringing ? 'ringing' : 'in-progress',
      heard: [...call.heard],
      listening: call.listening,
      inMeeting: call.meeting !== undefined,
      ...(call.meeting
        ? { meetingId: call.meeting.meetingId, attendeeId: call.meeting.attendeeId }
        : {}),
      ...(call.meeting && this.options.mediaUrl
        ? {
            media: {
              signalingUrl: meshSignalingUrl(this.options.mediaUrl, call.meeting.meetingId),
              joinToken: call.meeting.joinToken,
            },
          }
        : {}),
      muted: call.meeting?.muted ?? false,
    };
  }

  /** UpdateSipMediaApplicationCall: false when there is no such call (any more). */
  update(transactionId: string, args: Record<string, string>): boolean {
    const call = this.#calls.get(transactionId);
    if (!call || call.ended) return false;
    void (async () => {
      const actions = await this.#invoke(call, 'CALL_UPDATE_REQUESTED', {
        Type: 'CallUpdateRequest',
        Parameters: { Arguments: args },
      });
      if (actions === undefined || call.ended) return;
      // The list that was running stops after its current action; only an interruptible one
      // is cut short (its interruption is told, and what is answered to it ignored).
      call.generation += 1;
      if (call.interrupt) {
        call.interrupt();
        await this.#invoke(call, 'ACTION_INTERRUPTED', { Type: 'Pause', Parameters: {} });
      } else {
        await call.current;
      }
      this.#follow(call, actions);
    })();
    return true;
  }

  close(): void {
    for (const call of this.#calls.values()) {
      clearTimeout(call.ringing);
      call.ended = true;
      call.interrupt?.();
      call.poke?.();
    }
  }

  #follow(call: LocalCall, actions: Action[] | undefined): void {
    if (!actions || actions.length === 0 || call.ended) return;
    call.generation += 1;
    void this.#run(call, actions, call.generation);
  }

  async #run(call: LocalCall, actions: Action[], generation: number): Promise<void> {
    let last: Record<string, unknown> = {};
    for (const action of actions) {
      if (call.ended || call.generation !== generation) return;
      const performing = this.#perform(call, action);
      call.current = performing.then(
        () => undefined,
        () => undefined,
      );
      const outcome = await performing;
      if (call.ended || call.generation !== generation) return;
      if ('error' in outcome) {
        const data = { Type: action.Type, Parameters: action.Parameters, ...outcome.error };
        const next = await this.#invoke(call, 'ACTION_FAILED', data);
        return this.#follow(call, next);
      }
      last = { Type: action.Type, Parameters: action.Parameters, ...outcome.data };
    }
    const next = await this.#invoke(call, 'ACTION_SUCCESSFUL', last);
    this.#follow(call, next);
  }

  async #perform(
    call: LocalCall,
    action: Action,
  ): Promise<{ data: Record<string, unknown> } | { error: Record<string, string> }> {
    const ok = { data: {} };
    switch (action.Type) {
      case 'Speak':
        call.heard.push(action.Parameters.Text);
        await this.#speak(action.Parameters.Text);
        return ok;
      case 'SpeakAndGetDigits': {
        const p = action.Parameters;
        // Keys pressed while the prompt is spoken count (barge-in); earlier ones do not.
        call.keys = '';
        call.heard.push(p.SpeechParameters.Text);
        call.listening = true;
        await this.#speak(p.SpeechParameters.Text);
        const digits = await this.#collect(
          call,
          p.MaxNumberOfDigits ?? 128,
          p.RepeatDurationInMilliseconds,
        );
        const min = p.MinNumberOfDigits ?? 0;
        const matches =
          digits.length >= min &&
          (!p.InputDigitsRegex || new RegExp(p.InputDigitsRegex).test(digits));
        if (matches) return { data: { ReceivedDigits: digits } };
        return {
          error: {
            ErrorType: digits ? 'InvalidDigitsReceived' : 'InputTimeLimitExceeded',
            ErrorMessage: digits ? 'The digits did not match.' : 'No digits were entered.',
          },
        };
      }
      case 'Pause':
        await this.#wait(call, Number(action.Parameters.DurationInMilliseconds));
        return ok;
      case 'Hangup':
        if (action.Parameters.ParticipantTag === 'LEG-B') {
          this.#leaveMeeting(call);
          return ok;
        }
        await this.#end(call);
        return ok;
      case 'JoinChimeMeeting': {
        const p = action.Parameters;
        const holder = this.options.meetings.attendeeForJoinToken(p.JoinToken);
        const admitted =
          holder?.meetingId === p.MeetingId &&
          this.options.meetings.attendeeConnected(holder.meetingId, holder.attendeeId);
        if (!holder || !admitted)
          return { error: { Error: 'ErrorJoiningMeeting: the join token admits no one' } };
        call.meeting = {
          meetingId: holder.meetingId,
          attendeeId: holder.attendeeId,
          callId: randomUUID(),
          joinToken: p.JoinToken,
          muted: false,
        };
        return { data: { JoinToken: p.JoinToken, CallId: p.CallId, ParticipantTag: 'LEG-A' } };
      }
      case 'ModifyChimeMeetingAttendees':
        if (!call.meeting) return { error: { ErrorType: 'InvalidActionParameter' } };
        call.meeting.muted = action.Parameters.Operation === 'Mute';
        return ok;
    }
  }

  #speak(text: string): Promise<void> {
    const ms = Math.min(800, text.length * (this.options.speechMsPerChar ?? 4));
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  /** Keys until the most allowed, a #, or the time is up. */
  async #collect(call: LocalCall, max: number, waitMs: number): Promise<string> {
    call.listening = true;
    const deadline = Date.now() + waitMs;
    try {
      while (!call.ended && Date.now() < deadline) {
        const end = call.keys.indexOf('#');
        if (end >= 0) return call.keys.slice(0, end);
        if (call.keys.length >= max) return call.keys.slice(0, max);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
          call.poke = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      return call.keys.replace(/#.*$/, '');
    } finally {
      call.listening = false;
      call.poke = undefined;
    }
  }

  /** An interruptible wait (Pause; PlayAudio and RecordAudio would be too): an update cuts it short. */
  #wait(call: LocalCall, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        call.interrupt = undefined;
        resolve();
      }
      call.interrupt = done;
    });
  }

  #leaveMeeting(call: LocalCall): void {
    if (!call.meeting) return;
    this.options.meetings.attendeeDisconnected(call.meeting.meetingId, call.meeting.attendeeId);
    call.meeting = undefined;
  }

  /** A call out that ends before it is answered, with the SIP response that says why. */
  async #notReached(call: LocalCall, sipCode: number): Promise<void> {
    if (call.ended) return;
    clearTimeout(call.ringing);
    call.ringing = undefined;
    call.ended = true;
    await this.#invoke(call, 'HANGUP', {
      Type: 'Hangup',
      Parameters: {
        SipResponseCode: String(sipCode),
        CallId: call.legA.callId,
        ParticipantTag: 'LEG-A',
      },
    });
  }

  async #end(call: LocalCall): Promise<void> {
    if (call.ringing) return this.#notReached(call, 487); // withdrawn while it rang
    if (call.ended) return;
    call.ended = true;
    call.legA.connected = false;
    call.interrupt?.();
    call.poke?.();
    this.#leaveMeeting(call);
    // Only one leg is left: whatever the Lambda answers to its hang-up is ignored.
    await this.#invoke(call, 'HANGUP', {
      Type: 'Hangup',
      Parameters: { SipResponseCode: '0', CallId: call.legA.callId, ParticipantTag: 'LEG-A' },
    });
  }

  /** The meeting leg went (attendee deleted, meeting ended): the caller is still on the line. */
  #meetingLegGone(match: (m: NonNullable<LocalCall['meeting']>) => boolean): void {
    for (const call of this.#calls.values()) {
      if (call.ended || !call.meeting || !match(call.meeting)) continue;
      const leg = call.meeting;
      call.meeting = undefined;
      call.generation += 1;
      void this.#invoke(
        call,
        'HANGUP',
        {
          Type: 'Hangup',
          Parameters: { SipResponseCode: '0', CallId: leg.callId, ParticipantTag: 'LEG-B' },
        },
        { callId: leg.callId, connected: false },
      ).then((actions) => this.#follow(call, actions));
    }
  }

  /** One invocation, asked again once with the same Sequence; undefined if the call dropped. */
  /**
   * One event to the Lambda. A call's events go one at a time, in Sequence order, each after the
   * answer to the one before, as the SIP media application delivers them: a callee who is busy
   * the moment the call is placed makes HANGUP wait for NEW_OUTBOUND_CALL's answer.
   */
  #invoke(
    call: LocalCall,
    type: string,
    actionData?: Record<string, unknown>,
    meetingLeg?: { callId: string; connected: boolean },
  ): Promise<Action[] | undefined> {
    const turn = (call.delivering ?? Promise.resolve()).then(() =>
      this.#deliver(call, type, actionData, meetingLeg),
    );
    call.delivering = turn.catch(() => undefined);
    return turn;
  }

  async #deliver(
    call: LocalCall,
    type: string,
    actionData?: Record<string, unknown>,
    meetingLeg?: { callId: string; connected: boolean },
  ): Promise<Action[] | undefined> {
    call.sequence += 1;
    const legB =
      meetingLeg ?? (call.meeting ? { callId: call.meeting.callId, connected: true } : undefined);
    const event = {
      SchemaVersion: '1.0',
      Sequence: call.sequence,
      InvocationEventType: type,
      ...(actionData ? { ActionData: actionData } : {}),
      CallDetails: {
        TransactionId: call.transactionId,
        ...(call.attributes ? { TransactionAttributes: call.attributes } : {}),
        AwsAccountId: '123456789012',
        AwsRegion: this.options.region,
        SipRuleId: 'local-sip-rule',
        SipMediaApplicationId: this.options.applicationId,
        Participants: [
          {
            CallId: call.legA.callId,
            ParticipantTag: 'LEG-A',
            To: call.legA.to,
            From: call.legA.from,
            Direction: call.direction,
            StartTimeInMilliseconds: String(Date.now()),
            // A call out that still rings has no status yet.
            ...(call.ringing ? {} : { Status: call.legA.connected ? 'Connected' : 'Disconnected' }),
          },
          ...(legB
            ? [
                {
                  CallId: legB.callId,
                  ParticipantTag: 'LEG-B',
                  To: '+17035550122',
                  From: 'SMA',
                  Direction: 'Outbound',
                  StartTimeInMilliseconds: String(Date.now()),
                  Status: legB.connected ? 'Connected' : 'Disconnected',
                },
              ]
            : []),
        ],
      },
    };
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        const { handler } = await this.options.handler();
        const answer = await invoke(
          () => handler(event, lambdaContext('phone', randomUUID(), answerWithinMs)),
          answerWithinMs,
        );
        const parsed = ResponseSchema.safeParse(answer);
        if (!parsed.success) {
          console.error('[phone] an answer not of the documented shape:', parsed.error.message);
          if (type === 'INVALID_LAMBDA_RESPONSE') break;
          return this.#deliver(call, 'INVALID_LAMBDA_RESPONSE', {
            ErrorType: 'InvalidLambdaResponse',
            ErrorMessage: parsed.error.message.slice(0, 500),
          });
        }
        if (parsed.data.TransactionAttributes) call.attributes = parsed.data.TransactionAttributes;
        return parsed.data.Actions;
      } catch (error) {
        console.error('[phone] the phone Lambda failed:', (error as Error).message);
      }
    }
    // Out of retries: the call ends, as the application ends it (480 Unavailable).
    if (!call.ended) {
      call.ended = true;
      call.legA.connected = false;
      this.#leaveMeeting(call);
    }
    return undefined;
  }
}
