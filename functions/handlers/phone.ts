import {
  dynamoCallerLimits,
  dynamoPhoneCalls,
  dynamoPinDirectory,
} from '../adapters/dynamodb/phone-stores';
import { common } from '../http/deps/common';
import { visitDeps } from '../http/deps/visits';
import type { SmaResponse } from '../phone/actions';
import { answerCall, type PhoneDeps } from '../phone/service';
import { linkSecret } from '../platform/secrets';

/**
 * Lambda entry for the clinic's SIP media application (Chime SDK PSTN audio): every event of
 * a phone call comes here and is answered with the actions that follow (functions/phone/).
 * Its budget is the application's: an answer within 5 seconds, or the event comes again.
 */
const deps: PhoneDeps = {
  calls: dynamoPhoneCalls,
  limits: dynamoCallerLimits,
  pins: dynamoPinDirectory,
  linkSecret,
  now: common.now,
  visits: visitDeps,
};

export async function handler(event: unknown): Promise<SmaResponse> {
  return answerCall(event, deps);
}
