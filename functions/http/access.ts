import type { MiddlewareHandler } from 'hono';
import type { Role, UserActor, UserDirectory } from '../identity/actor';
import { AppError, forbidden, unauthenticated } from '../platform/errors';
import type { ApiEnv } from './env';

/**
 * Who may call a route. `roles` routes sit behind the JWT authorizer (API Gateway in AWS, the
 * local gateway on one machine) and are checked again here against the person's current role.
 * `public` routes have no authorizer: health, the API document, and the guest routes, which
 * prove themselves with a guest link token that the route checks.
 */
export type Access = { kind: 'roles'; roles: readonly Role[] } | { kind: 'public' };

export const rolesAccess = (roles: readonly Role[]): Access => ({ kind: 'roles', roles });
export const publicAccess: Access = { kind: 'public' };

let directory: UserDirectory | undefined;
let loadDirectory: (() => Promise<UserDirectory>) | undefined;

/** The user directory is an adapter; the composition root (a handler module) provides it. */
export function provideUserDirectory(load: () => Promise<UserDirectory>): void {
  loadDirectory = load;
}

async function userDirectory(): Promise<UserDirectory> {
  if (directory) return directory;
  if (!loadDirectory) throw new Error('No user directory was provided');
  directory = await loadDirectory();
  return directory;
}

function claimsOf(
  c: Parameters<MiddlewareHandler<ApiEnv>>[0],
): Record<string, unknown> | undefined {
  const authorizer = c.env?.event?.requestContext?.authorizer as
    | { jwt?: { claims?: Record<string, unknown> } }
    | undefined;
  return authorizer?.jwt?.claims;
}

/** Resolves the signed-in person from the authorizer's claims and their stored profile. */
export async function resolveUser(claims: Record<string, unknown> | undefined): Promise<UserActor> {
  const sub = typeof claims?.sub === 'string' ? claims.sub : undefined;
  if (!sub) throw unauthenticated();
  const profile = await (await userDirectory()).get(sub);
  if (profile?.status !== 'active') {
    throw new AppError('auth.no_account', 'This account is not active in the clinic.', 'forbidden');
  }
  return {
    kind: 'user',
    sub,
    role: profile.role,
    email: profile.email,
    displayName: profile.displayName,
    teletherapy: profile.teletherapy,
    ...(profile.clientId ? { clientId: profile.clientId } : {}),
    ...(profile.contactId ? { contactId: profile.contactId } : {}),
  };
}

/** Middleware that enforces a route's declared access and sets `actor`. */
export function authorize(access: Access): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    if (access.kind === 'public') {
      c.set('actor', { kind: 'anonymous' });
      return next();
    }
    const actor = await resolveUser(claimsOf(c));
    if (!access.roles.includes(actor.role)) {
      throw forbidden('auth.forbidden', 'Your role does not allow this.');
    }
    c.set('actor', actor);
    return next();
  };
}
