import * as z from 'zod/mini';

/**
 * The SIP media application's invocation events (SchemaVersion 1.0), read leniently: AWS's own
 * pages disagree on some names (SipApplicationId vs SipMediaApplicationId, InvocationEvent vs
 * InvocationEventType, LEG-A vs Leg-A, errors in ActionData or at the top level, Status
 * missing), so every field is optional here and the reading below settles on one shape.
 */
export const eventTypes = [
  'NEW_INBOUND_CALL',
  'NEW_OUTBOUND_CALL',
  'RINGING',
  'CALL_ANSWERED',
  'ACTION_SUCCESSFUL',
  'ACTION_FAILED',
  'ACTION_INTERRUPTED',
  'DIGITS_RECEIVED',
  'CALL_UPDATE_REQUESTED',
  'HANGUP',
  'INVALID_LAMBDA_RESPONSE',
] as const;
export type EventType = (typeof eventTypes)[number];

const text = z.optional(z.union([z.string(), z.number()]));
const Participant = z.looseObject({
  CallId: z.optional(z.string()),
  ParticipantTag: z.optional(z.string()),
  To: z.optional(z.string()),
  From: z.optional(z.string()),
  Direction: z.optional(z.string()),
  Status: z.optional(z.string()),
});
const ActionData = z.looseObject({
  Type: z.optional(z.string()),
  Parameters: z.optional(z.record(z.string(), z.unknown())),
  ReceivedDigits: z.optional(z.string()),
  ErrorType: z.optional(z.string()),
  ErrorMessage: z.optional(z.string()),
  Error: z.optional(z.string()),
});
const RawEvent = z.looseObject({
  SchemaVersion: z.optional(z.string()),
  Sequence: text,
  InvocationEventType: z.optional(z.string()),
  InvocationEvent: z.optional(z.string()),
  ActionData: z.optional(ActionData),
  ErrorType: z.optional(z.string()),
  ErrorMessage: z.optional(z.string()),
  CallDetails: z.looseObject({
    TransactionId: z.string().check(z.minLength(1)),
    TransactionAttributes: z.optional(z.record(z.string(), z.string())),
    SipMediaApplicationId: z.optional(z.string()),
    SipApplicationId: z.optional(z.string()),
    Participants: z.optional(z.array(Participant)),
  }),
});

export interface Leg {
  callId: string;
  tag: 'LEG-A' | 'LEG-B';
  from: string;
  to: string;
  direction: 'Inbound' | 'Outbound';
  /** Absent in some real events: then the leg counts as connected. */
  connected: boolean;
}

export interface CallEvent {
  type: EventType;
  sequence: number;
  transactionId: string;
  applicationId: string;
  attributes: Record<string, string>;
  legA?: Leg;
  legB?: Leg;
  /** The action the event is about (the last of a list, an interrupted one, an update). */
  action?: {
    type: string;
    digits?: string;
    error?: string;
    /** CALL_UPDATE_REQUESTED's Arguments, NEW_OUTBOUND_CALL's ArgumentsMap. */
    arguments: Record<string, string>;
    /** For HANGUP: which leg hung up, by its tag. */
    tag?: 'LEG-A' | 'LEG-B';
    /** For HANGUP: 0 normal, 480 no answer, 486 busy. */
    sipCode?: number;
  };
}

const tagOf = (value: unknown): 'LEG-A' | 'LEG-B' | undefined => {
  const tag = String(value ?? '').toUpperCase();
  return tag === 'LEG-A' || tag === 'LEG-B' ? tag : undefined;
};

const stringMap = (value: unknown): Record<string, string> => {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
      typeof v === 'string' || typeof v === 'number' ? [[k, String(v)]] : [],
    ),
  );
};

/** The event, or undefined when it is not one (no transaction, an unknown type). */
export function readEvent(input: unknown): CallEvent | undefined {
  const parsed = RawEvent.safeParse(input);
  if (!parsed.success) return undefined;
  const raw = parsed.data;
  const type = (raw.InvocationEventType ?? raw.InvocationEvent) as EventType | undefined;
  if (!type || !eventTypes.includes(type)) return undefined;
  const details = raw.CallDetails;
  const legs = (details.Participants ?? []).flatMap((p): Leg[] => {
    const tag = tagOf(p.ParticipantTag);
    if (!tag || !p.CallId) return [];
    return [
      {
        callId: p.CallId,
        tag,
        from: p.From ?? '',
        to: p.To ?? '',
        direction: p.Direction === 'Outbound' ? 'Outbound' : 'Inbound',
        connected: p.Status !== 'Disconnected',
      },
    ];
  });
  const data = raw.ActionData;
  const parameters = data?.Parameters ?? {};
  const error = data?.ErrorType ?? data?.Error ?? raw.ErrorType;
  const tag = tagOf(parameters.ParticipantTag);
  const sipCode = Number(parameters.SipResponseCode);
  return {
    type,
    sequence: Number(raw.Sequence ?? 0),
    transactionId: details.TransactionId,
    applicationId: details.SipMediaApplicationId ?? details.SipApplicationId ?? '',
    attributes: details.TransactionAttributes ?? {},
    ...(legs.find((l) => l.tag === 'LEG-A') ? { legA: legs.find((l) => l.tag === 'LEG-A') } : {}),
    ...(legs.find((l) => l.tag === 'LEG-B') ? { legB: legs.find((l) => l.tag === 'LEG-B') } : {}),
    ...(data || error
      ? {
          action: {
            type: data?.Type ?? '',
            ...(data?.ReceivedDigits !== undefined ? { digits: data.ReceivedDigits } : {}),
            ...(error ? { error } : {}),
            arguments: stringMap(parameters.Arguments),
            ...(tag ? { tag } : {}),
            ...(Number.isFinite(sipCode) ? { sipCode } : {}),
          },
        }
      : {}),
  };
}
