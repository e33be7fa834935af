import type { z } from 'zod';
import type { AuditEntrySchema } from '../../../../functions/visits/audit';
import type { VisitMessage } from '../../../../functions/visits/messages';
import type {
  HostVisitSchema,
  ParticipantSchema,
  ParticipantVisitSchema,
} from '../../../../functions/visits/views';

/** Visit types, inferred from the schemas the API validates and documents. */
export type HostVisit = z.infer<typeof HostVisitSchema>;
export type Participant = z.infer<typeof ParticipantSchema>;
export type ParticipantState = Participant['state'];
export type Via = Participant['via'];
export type ParticipantVisit = z.infer<typeof ParticipantVisitSchema>;
/** What a knock answers: the participant's place plus the credential that reopens it. */
export type Knocked = ParticipantVisit & { participantToken: string };
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export type { VisitMessage };

/** Chime's join information: the meeting and this person's own attendee (JoinToken included). */
export interface JoinInfo {
  Meeting: Record<string, unknown>;
  Attendee: Record<string, unknown>;
}
