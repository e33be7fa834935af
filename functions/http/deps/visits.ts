import { chimeMeetings } from '../../adapters/chime-meetings';
import { chimeVoiceLine } from '../../adapters/chime-voice';
import { directPush } from '../../adapters/direct-push';
import { dynamoAppointmentStore } from '../../adapters/dynamodb/appointment-store';
import { dynamoAuditLog } from '../../adapters/dynamodb/audit-log';
import { dynamoInviteeStore } from '../../adapters/dynamodb/invitee-store';
import { dynamoLinkStore } from '../../adapters/dynamodb/link-store';
import { dynamoParticipantTokens } from '../../adapters/dynamodb/participant-tokens';
import { dynamoDialLimits } from '../../adapters/dynamodb/phone-stores';
import { dynamoRoomStore } from '../../adapters/dynamodb/room-store';
import { cachedSettingsStore } from '../../adapters/dynamodb/settings-store';
import { cachedUserDirectory, nameDirectory } from '../../adapters/dynamodb/user-directory';
import { dynamoVisitStore } from '../../adapters/dynamodb/visit-store';
import { env } from '../../platform/env';
import { completeAppointment } from '../../scheduling/appointment-access';
import type { VisitDeps } from '../../visits/deps';
import { common } from './common';

/**
 * The visits function's composition root: DynamoDB, Chime, and one push (Allow's join
 * information, see admission.ts); no email, no SMS, no Cognito: the news stream pushes the rest.
 */
export const visitDeps: VisitDeps = {
  ...common,
  visits: dynamoVisitStore,
  meetings: chimeMeetings,
  tokens: dynamoParticipantTokens,
  audit: dynamoAuditLog,
  appointments: dynamoAppointmentStore,
  rooms: dynamoRoomStore,
  users: cachedUserDirectory,
  names: nameDirectory,
  settings: cachedSettingsStore,
  invitees: dynamoInviteeStore,
  links: dynamoLinkStore,
  push: directPush,
  phone: chimeVoiceLine,
  dialLimits: dynamoDialLimits,
  clinicNumber: env.dialInNumber,
  completeAppointment: (appointmentId: string) =>
    completeAppointment(appointmentId, { appointments: dynamoAppointmentStore, now: common.now }),
};
