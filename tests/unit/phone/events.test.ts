import { describe, expect, it } from 'vitest';
import { readEvent } from '../../../functions/phone/events';

const details = {
  TransactionId: 'tx-1',
  AwsAccountId: '111122223333',
  AwsRegion: 'us-east-1',
  SipMediaApplicationId: 'sma-1',
  Participants: [
    {
      CallId: 'call-a',
      ParticipantTag: 'LEG-A',
      To: '+15553170000',
      From: '+15551230143',
      Direction: 'Inbound',
      StartTimeInMilliseconds: '1763740800000',
      Status: 'Connected',
    },
  ],
};

describe('reading the events of a SIP media application', () => {
  it('reads a new inbound call as the developer guide shows it', () => {
    const event = readEvent({
      SchemaVersion: '1.0',
      Sequence: 1,
      InvocationEventType: 'NEW_INBOUND_CALL',
      CallDetails: details,
    });
    expect(event).toMatchObject({
      type: 'NEW_INBOUND_CALL',
      sequence: 1,
      transactionId: 'tx-1',
      applicationId: 'sma-1',
      attributes: {},
      legA: { callId: 'call-a', from: '+15551230143', direction: 'Inbound', connected: true },
    });
    expect(event?.action).toBeUndefined();
  });

  it('tolerates the quirks of the documentation: other field names, no status, tags in lower case', () => {
    const event = readEvent({
      Sequence: '4',
      InvocationEvent: 'HANGUP',
      ActionData: {
        Type: 'ReceiveDigits',
        Parameters: { SipResponseCode: 0, CallId: 'call-b', ParticipantTag: 'Leg-B' },
      },
      CallDetails: {
        TransactionId: 'tx-2',
        SipApplicationId: 'sma-2',
        Participants: [
          { CallId: 'call-a', ParticipantTag: 'Leg-A', From: '+1555', To: '+1666' },
          { CallId: 'call-b', ParticipantTag: 'LEG-B', Status: 'Disconnected', From: 'SMA' },
        ],
      },
    });
    expect(event).toMatchObject({
      type: 'HANGUP',
      sequence: 4,
      applicationId: 'sma-2',
      legA: { connected: true },
      legB: { connected: false },
      action: { type: 'ReceiveDigits', tag: 'LEG-B', sipCode: 0 },
    });
  });

  it('reads digits, failures (in ActionData or at the top level) and update arguments', () => {
    const digits = readEvent({
      InvocationEventType: 'ACTION_SUCCESSFUL',
      Sequence: 3,
      ActionData: { Type: 'SpeakAndGetDigits', Parameters: {}, ReceivedDigits: '01234567890' },
      CallDetails: { ...details, TransactionAttributes: { stage: 'pin' } },
    });
    expect(digits?.action).toMatchObject({ type: 'SpeakAndGetDigits', digits: '01234567890' });
    expect(digits?.attributes).toEqual({ stage: 'pin' });
    const joinFailed = readEvent({
      InvocationEventType: 'ACTION_FAILED',
      ActionData: { Type: 'JoinChimeMeeting', Error: 'ErrorJoiningMeeting: gone' },
      CallDetails: details,
    });
    expect(joinFailed?.action?.error).toMatch(/ErrorJoiningMeeting/);
    const invalid = readEvent({
      InvocationEventType: 'INVALID_LAMBDA_RESPONSE',
      ErrorType: 'TransactionAttributesInvalidMapSize',
      CallDetails: details,
    });
    expect(invalid?.action?.error).toBe('TransactionAttributesInvalidMapSize');
    const update = readEvent({
      InvocationEventType: 'CALL_UPDATE_REQUESTED',
      ActionData: { Type: 'CallUpdateRequest', Parameters: { Arguments: { op: 'admit' } } },
      CallDetails: details,
    });
    expect(update?.action?.arguments).toEqual({ op: 'admit' });
  });

  it('is not an event without a transaction or with an unknown type', () => {
    expect(readEvent({ InvocationEventType: 'NEW_INBOUND_CALL', CallDetails: {} })).toBeUndefined();
    expect(readEvent({ InvocationEventType: 'SOMETHING', CallDetails: details })).toBeUndefined();
    expect(readEvent('nonsense')).toBeUndefined();
  });
});
