import * as z from 'zod/mini';
import { InviteStaffInput, UserPatch, UserSchema } from '../../accounts/users';
import { adminRoles, allRoles, staffRoles } from '../../identity/actor';
import { ClinicSettingsPatch, ClinicSettingsSchema } from '../../scheduling/clinic-settings';
import { body, json, userRoute } from '../route';
import { errorResponse } from '../schemas';

export const MeSchema = z
  .object({
    sub: z.string(),
    email: z.string(),
    role: z.enum(allRoles),
    displayName: z.string(),
    teletherapy: z.boolean(),
    clientId: z.optional(z.string()),
    contactId: z.optional(z.string()),
  })
  .register(z.globalRegistry, { id: 'Me' });

const subParam = z.object({ sub: z.string().check(z.uuid('Not a valid user id')) });
/**
 * People and their accounts: under `accounts`, and under `scheduling` with the rest of staff
 * and roles, so each group of the API document lists every one of them.
 */
const tags = ['scheduling', 'accounts'];

export const accountsRoutes = {
  me: userRoute(allRoles, {
    method: 'get',
    path: '/api/me',
    tags,
    summary: 'The signed-in person: role and permissions as the clinic records them now',
    responses: { 200: json(MeSchema, 'The signed-in person') },
  }),
  listUsers: userRoute(adminRoles, {
    method: 'get',
    path: '/api/users',
    tags,
    summary: 'Everyone with an account: staff, clients, contacts',
    responses: { 200: json(z.object({ users: z.array(UserSchema) }), 'The users list') },
  }),
  inviteStaff: userRoute(adminRoles, {
    method: 'post',
    path: '/api/users',
    tags,
    summary: 'Invite a staff member: their account gets a temporary password, sent by email',
    request: { body: body(InviteStaffInput) },
    responses: {
      201: json(UserSchema, 'Invited'),
      409: errorResponse('An account with this email exists'),
    },
  }),
  updateUser: userRoute(adminRoles, {
    method: 'patch',
    path: '/api/users/{sub}',
    tags,
    summary: "Change a staff member's role or teletherapy permission; the last owner always stays",
    request: { params: subParam, body: body(UserPatch) },
    responses: {
      200: json(UserSchema, 'Changed'),
      404: errorResponse('No such user'),
      409: errorResponse('Would leave no owner'),
    },
  }),
  setTemporaryPassword: userRoute(adminRoles, {
    method: 'post',
    path: '/api/users/{sub}/temporary-password',
    // Also an invitations feature: the new temporary password goes out by email.
    tags: [...tags, 'invitations'],
    summary:
      'Set a new temporary password and email it; the person chooses their own at next sign-in',
    request: { params: subParam },
    responses: {
      202: json(z.object({ sentTo: z.string() }), 'Emailed'),
      404: errorResponse('No such user'),
    },
  }),
  listProviders: userRoute(staffRoles, {
    method: 'get',
    path: '/api/providers',
    tags: ['scheduling'],
    summary: 'Providers, with whether each may hold video sessions',
    responses: {
      200: json(
        z.object({
          providers: z.array(
            z.object({ sub: z.string(), displayName: z.string(), teletherapy: z.boolean() }),
          ),
        }),
        'Providers',
      ),
    },
  }),
  getSettings: userRoute(staffRoles, {
    method: 'get',
    path: '/api/settings',
    tags: ['scheduling'],
    summary: 'Clinic settings',
    responses: { 200: json(ClinicSettingsSchema, 'The settings') },
  }),
  updateSettings: userRoute(adminRoles, {
    method: 'patch',
    path: '/api/settings',
    tags: ['scheduling'],
    summary: 'Change clinic settings (owner or manager)',
    request: { body: body(ClinicSettingsPatch) },
    responses: { 200: json(ClinicSettingsSchema, 'Changed') },
  }),
};
