import * as z from 'zod/mini';
import { staffRoles } from '../../identity/actor';
import { InviteeInput, InviteesSchema } from '../../invitations/invitee';
import { JoinLinkSchema } from '../../invitations/join-links';
import { body, json, publicRoute, userRoute } from '../route';
import { routeLimits } from '../route-limits';
import { errorResponse, Id } from '../schemas';

const tags = ['invitations'];
const inviters = [...staffRoles, 'client'] as const;
const appointmentParam = z.object({ id: Id });
const inviteeParams = z.object({ id: Id, inviteeId: Id });
const token = z.object({ token: z.string().check(z.maxLength(200)) });
const refusals = {
  403: errorResponse('Invitations are off (invitations.disabled), or this person may not invite'),
  404: errorResponse('No such appointment or invitee, or not visible to this person'),
  409: errorResponse(
    'Not a video session, no longer scheduled, already invited, or the most people invited (invitations.limit)',
  ),
};

export const invitationsRoutes = {
  listInvitees: userRoute(inviters, {
    method: 'get',
    path: '/api/appointments/{id}/invitees',
    tags,
    summary:
      'Who is invited, with each link, PIN, and delivery state (queued, sent, failed with the reason)',
    request: { params: appointmentParam },
    responses: { 200: json(InviteesSchema, 'The invitation list'), ...refusals },
  }),
  addInvitee: userRoute(inviters, {
    method: 'post',
    path: '/api/appointments/{id}/invitees',
    tags,
    summary:
      'Invite a contact of the client, or "+ Other guest" by email or phone; each gets a link and a PIN',
    request: { params: appointmentParam, body: body(InviteeInput) },
    responses: { 201: json(InviteesSchema, 'The invitation list'), ...refusals },
  }),
  removeInvitee: userRoute(inviters, {
    method: 'delete',
    path: '/api/appointments/{id}/invitees/{inviteeId}',
    tags,
    summary: 'Withdraw an invitation: the link and PIN stop working at once',
    request: { params: inviteeParams },
    responses: { 200: json(InviteesSchema, 'The invitation list'), ...refusals },
  }),
  sendInvitations: userRoute(inviters, {
    method: 'post',
    path: '/api/appointments/{id}/invitations/send',
    tags,
    summary: 'Send Now: email and text everyone not yet notified (a double click sends once)',
    request: { params: appointmentParam },
    responses: { 200: json(InviteesSchema, 'The invitation list after sending'), ...refusals },
  }),
  resendInvitation: userRoute(inviters, {
    method: 'post',
    path: '/api/appointments/{id}/invitees/{inviteeId}/send',
    tags,
    summary:
      'Send again: every channel of one person again; with only=failed (Retry), just the channels that failed',
    request: {
      params: inviteeParams,
      query: z.object({
        only: z.optional(z.enum(['failed'])).register(z.globalRegistry, {
          description: 'Retry: send only the channels whose last attempt failed',
        }),
      }),
    },
    responses: { 200: json(InviteesSchema, 'The invitation list after sending'), ...refusals },
  }),
  joinLink: publicRoute(routeLimits.linkLookup, {
    method: 'get',
    path: '/api/join/{token}',
    tags,
    summary:
      'What a join link opens: 404 link.unknown, 410 link.expired (and whom to contact), or the visit time',
    request: { params: token },
    responses: {
      200: json(JoinLinkSchema, 'The link works'),
      404: errorResponse('Unknown link'),
      410: errorResponse('Expired, revoked, cancelled or ended'),
    },
  }),
  portalInvitation: userRoute(staffRoles, {
    method: 'post',
    path: '/api/clients/{id}/portal-invitation',
    tags,
    summary:
      'Email the client a link to create their portal account (valid 24 hours); again sends a fresh one',
    request: { params: z.object({ id: Id }) },
    responses: {
      202: json(z.object({ sentTo: z.string() }), 'Sent'),
      404: errorResponse('No such client'),
      409: errorResponse('Has an account already'),
    },
  }),
  describeSignup: publicRoute(routeLimits.signupRead, {
    method: 'get',
    path: '/api/portal/sign-up/{token}',
    tags,
    summary: 'Whether a portal sign-up link still works, and for which address',
    request: { params: token },
    responses: {
      200: json(z.object({ email: z.string(), expiresAt: z.string() }), 'The link works'),
      404: errorResponse('Unknown link'),
      410: errorResponse('Expired (signup.expired): ask for a new one'),
    },
  }),
  completeSignup: publicRoute(routeLimits.signupWrite, {
    method: 'post',
    path: '/api/portal/sign-up/{token}',
    tags,
    summary: 'Create the portal account with the password the client chose',
    request: {
      params: token,
      body: body(z.strictObject({ password: z.string().check(z.minLength(1), z.maxLength(256)) })),
    },
    responses: {
      201: json(z.object({ email: z.string() }), 'Created: sign in'),
      404: errorResponse('Unknown link'),
      409: errorResponse('Has an account'),
      410: errorResponse('Expired or used'),
    },
  }),
  renewSignup: publicRoute(routeLimits.signupWrite, {
    method: 'post',
    path: '/api/portal/sign-up/{token}/renew',
    tags,
    summary:
      'An expired sign-up link asks for a new one, sent to the address on file (once per link)',
    request: { params: token },
    responses: {
      202: json(z.object({ sent: z.boolean() }), 'Sent'),
      404: errorResponse('Unknown link'),
      409: errorResponse('Renewed before, or has an account'),
    },
  }),
};
