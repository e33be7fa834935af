import * as z from 'zod/mini';
import { allRoles, type Role, type UserProfile } from '../identity/actor';
import { email, personName } from '../shared/fields';

export const staffRoleNames = ['owner', 'manager', 'provider', 'staff'] as const;

export const UserSchema = z
  .object({
    sub: z.string(),
    email: z.string(),
    displayName: z.string(),
    role: z.enum(allRoles),
    teletherapy: z.boolean(),
    status: z.enum(['active', 'disabled']),
    lastSignInAt: z.optional(z.string()),
    createdAt: z.string(),
  })
  .register(z.globalRegistry, { id: 'User' });

export const InviteStaffInput = z
  .strictObject({
    email,
    displayName: personName('The name'),
    role: z.enum(staffRoleNames, { error: `One of: ${staffRoleNames.join(', ')}` }),
    teletherapy: z
      ._default(z.boolean(), false)
      .register(z.globalRegistry, { description: 'Providers only: may hold video sessions' }),
  })
  .register(z.globalRegistry, { id: 'InviteStaffInput' });

export const UserPatch = z
  .partial(
    z.strictObject({
      displayName: personName('The name'),
      role: z.enum(staffRoleNames, { error: `One of: ${staffRoleNames.join(', ')}` }),
      teletherapy: z.boolean(),
      status: z.enum(['active', 'disabled']),
    }),
  )
  .register(z.globalRegistry, { id: 'UserPatch' });

export type InviteStaffInput = z.infer<typeof InviteStaffInput>;
export type UserPatch = z.infer<typeof UserPatch>;

export function presentUser(
  p: UserProfile & { lastSignInAt?: string },
): z.infer<typeof UserSchema> {
  return {
    sub: p.sub,
    email: p.email,
    displayName: p.displayName,
    role: p.role,
    teletherapy: p.teletherapy,
    status: p.status,
    ...(p.lastSignInAt ? { lastSignInAt: p.lastSignInAt } : {}),
    createdAt: p.createdAt,
  };
}

export const isStaffRole = (role: Role) => (staffRoleNames as readonly string[]).includes(role);
