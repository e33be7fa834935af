import * as z from 'zod/mini';
import { adminRoles, staffRoles } from '../../identity/actor';
import { phone } from '../../shared/contact-fields';
import { personName } from '../../shared/fields';
import { AuditEntrySchema, AuditQuery } from '../../visits/audit';
import { KnockInput } from '../../visits/knock';
import { HostVisitSchema, ParticipantVisitSchema } from '../../visits/views';
import { body, json, publicRoute, userRoute } from '../route';
import { routeLimits } from '../route-limits';
import { errorResponse, Id } from '../schemas';

const tags = ['visits'];
const idParam = z.object({ id: Id });
const failedQuery = z.object({
  failed: z.optional(Id).register(z.globalRegistry, {
    description:
      'The meeting id of join information that failed to join: checked with Chime, and replaced by a new meeting if it has ended',
  }),
});
const participantHeader = z.object({
  'x-participant-token': z
    .optional(z.string().check(z.maxLength(100)))
    .register(z.globalRegistry, { description: 'The token a knock returned' }),
});
const JoinInfoSchema = z
  .object({
    Meeting: z.record(z.string(), z.unknown()),
    Attendee: z.record(z.string(), z.unknown()),
  })
  .register(z.globalRegistry, {
    id: 'JoinInfo',
    description: "Chime's join information: the meeting and this person's own attendee",
  });
const Knocked = z
  .extend(ParticipantVisitSchema, {
    participantToken: z.string().register(z.globalRegistry, {
      description: 'Keep it: it opens this place in the visit again after a reload',
    }),
  })
  .register(z.globalRegistry, { id: 'Knocked' });
const AdmittedSchema = z
  .extend(HostVisitSchema, {
    notAdmitted: z
      .optional(z.array(z.object({ participantId: z.string(), reason: z.enum(['full']) })))
      .register(z.globalRegistry, { description: 'Those asked for who stay waiting, and why' }),
  })
  .register(z.globalRegistry, { id: 'AdmitResult' });

const hostRefusals = {
  404: errorResponse('No such visit, or not this provider'),
  409: errorResponse('Not allowed in its current state'),
  410: errorResponse('The visit has ended'),
};
const participantRefusals = {
  401: errorResponse('No valid participant token'),
  403: errorResponse('Not admitted yet'),
  410: errorResponse('The visit has ended'),
};

export const visitsRoutes = {
  start: userRoute(['provider'] as const, {
    method: 'post',
    path: '/api/appointments/{id}/visit/start',
    tags,
    summary:
      'Start: the provider opens the visit of their appointment (from the launch window) and is in at once',
    request: { params: idParam },
    responses: { 200: json(HostVisitSchema, 'The visit'), ...hostRefusals },
  }),
  startRoom: userRoute(['provider'] as const, {
    method: 'post',
    path: '/api/rooms/{id}/visit/start',
    tags,
    summary: 'Start a visit in a room without an appointment (an ad-hoc room)',
    request: { params: idParam },
    responses: { 200: json(HostVisitSchema, 'The visit'), ...hostRefusals },
  }),
  portalKnock: userRoute(['client', 'contact'] as const, {
    method: 'post',
    path: '/api/appointments/{id}/visit/knock',
    tags,
    summary: "The portal's Join: knock on the visit of one's own (or an invited) appointment",
    request: { params: idParam },
    responses: {
      200: json(Knocked, 'Waiting (or back in)'),
      404: errorResponse('No visit of yours'),
      409: errorResponse('Not open yet'),
      410: errorResponse('Over'),
    },
  }),
  linkKnock: publicRoute(routeLimits.knock, {
    method: 'post',
    path: '/api/join/{token}/knock',
    tags,
    summary: 'Join from a link: enter first and last name and knock; wait to be let in',
    request: {
      params: z.object({ token: z.string().check(z.maxLength(200)) }),
      body: body(KnockInput),
    },
    responses: {
      200: json(Knocked, 'Waiting (or back in)'),
      404: errorResponse('Unknown link'),
      409: errorResponse('Not open yet'),
      410: errorResponse('Expired link or ended visit'),
    },
  }),
  list: userRoute(staffRoles, {
    method: 'get',
    path: '/api/visits',
    tags,
    summary: "Today's open visits with who is waiting: a provider's own, or (staff) everyone's",
    responses: { 200: json(z.object({ visits: z.array(HostVisitSchema) }), 'Open visits') },
  }),
  get: userRoute(staffRoles, {
    method: 'get',
    path: '/api/visits/{id}',
    tags,
    summary: 'Visit details: who joined and left, when, and who is waiting',
    request: { params: idParam },
    responses: { 200: json(HostVisitSchema, 'The visit'), ...hostRefusals },
  }),
  hostSession: userRoute(['provider'] as const, {
    method: 'get',
    path: '/api/visits/{id}/session',
    tags,
    summary: "The provider's join information for the call",
    request: { params: idParam, query: failedQuery },
    responses: { 200: json(JoinInfoSchema, 'Join information'), ...hostRefusals },
  }),
  admit: userRoute(['provider'] as const, {
    method: 'post',
    path: '/api/visits/{id}/admit',
    tags,
    summary:
      'Allow one, several or all, once the visit is started (else 409 visit.not_started): never beyond the clinic cap. Those the cap leaves waiting are listed in notAdmitted; when it leaves everyone asked for waiting, 409 visit.full',
    request: {
      params: idParam,
      body: body(
        z.strictObject({ participantIds: z.array(Id).check(z.minLength(1), z.maxLength(50)) }),
      ),
    },
    responses: { 200: json(AdmittedSchema, 'The visit'), ...hostRefusals },
  }),
  deny: userRoute(['provider'] as const, {
    method: 'post',
    path: '/api/visits/{id}/deny',
    tags,
    summary: 'Deny someone waiting',
    request: { params: idParam, body: body(z.strictObject({ participantId: Id })) },
    responses: { 200: json(HostVisitSchema, 'The visit'), ...hostRefusals },
  }),
  remove: userRoute(['provider'] as const, {
    method: 'post',
    path: '/api/visits/{id}/remove',
    tags,
    summary:
      'Remove a participant: their Chime attendee is deleted; they come back only by knocking',
    request: { params: idParam, body: body(z.strictObject({ participantId: Id })) },
    responses: { 200: json(HostVisitSchema, 'The visit'), ...hostRefusals },
  }),
  phoneMute: userRoute(['provider'] as const, {
    method: 'post',
    path: '/api/visits/{id}/phone-mute',
    tags: ['phone'],
    summary:
      "Mute or unmute a caller on the phone (their line, through the clinic's SIP media application)",
    request: {
      params: idParam,
      body: body(z.strictObject({ participantId: Id, muted: z.boolean() })),
    },
    responses: {
      200: json(
        z.object({ participantId: z.string(), muted: z.boolean() }),
        'Asked of their line (it mutes them in the meeting)',
      ),
      ...hostRefusals,
    },
  }),
  phoneCall: userRoute(['provider'] as const, {
    method: 'post',
    path: '/api/visits/{id}/phone-calls',
    tags: ['phone'],
    summary:
      "Call a phone into the visit from the clinic's number: the callee presses 1 to join (no waiting room); at most 10 calls an hour per provider",
    request: {
      params: idParam,
      body: body(z.strictObject({ number: phone, name: z.optional(personName('Name')) })),
    },
    responses: {
      200: json(
        z.object({ participantId: z.string(), status: z.enum(['ringing']) }),
        'The call is ringing: the visit shows how it goes',
      ),
      400: errorResponse('Not a number this clinic may call'),
      ...hostRefusals,
      429: errorResponse('Too many calls this hour'),
    },
  }),
  end: userRoute(['provider'] as const, {
    method: 'post',
    path: '/api/visits/{id}/end',
    tags,
    summary: 'End visit for all: meeting deleted, every link revoked, appointment completed',
    request: { params: idParam },
    responses: { 200: json(HostVisitSchema, 'The visit'), ...hostRefusals },
  }),
  me: publicRoute(routeLimits.participantRead, {
    method: 'get',
    path: '/api/visits/{id}/me',
    tags,
    summary: "A participant's own place: waiting, in, denied, removed, or the visit ended",
    request: { params: idParam, headers: participantHeader },
    responses: { 200: json(ParticipantVisitSchema, 'Where you are'), ...participantRefusals },
  }),
  mySession: publicRoute(routeLimits.participantRead, {
    method: 'get',
    path: '/api/visits/{id}/me/session',
    tags,
    summary: "An admitted participant's join information (never before admission)",
    request: { params: idParam, headers: participantHeader, query: failedQuery },
    responses: { 200: json(JoinInfoSchema, 'Join information'), ...participantRefusals },
  }),
  leave: publicRoute(routeLimits.participantWrite, {
    method: 'post',
    path: '/api/visits/{id}/me/leave',
    tags,
    summary: 'Leave the visit (or stop waiting)',
    request: { params: idParam, headers: participantHeader },
    responses: { 200: json(ParticipantVisitSchema, 'Left'), ...participantRefusals },
  }),
  audit: userRoute(adminRoles, {
    method: 'get',
    path: '/api/audit',
    tags,
    summary:
      'The audit trail: every knock, admission, denial, removal, join, leave, end and invitation',
    request: { query: AuditQuery },
    responses: {
      200: json(z.object({ entries: z.array(AuditEntrySchema) }), 'Entries, oldest first'),
    },
  }),
  auditCsv: userRoute(adminRoles, {
    method: 'get',
    path: '/api/audit/export.csv',
    tags,
    summary: 'The audit trail as CSV',
    request: { query: AuditQuery },
    responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } } },
  }),
};
