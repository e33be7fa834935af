import type { Access } from './access';
import { accessOf, type Route } from './route';
import { accountsRoutes } from './routes/accounts';
import { bookingRoutes } from './routes/booking';
import { invitationsRoutes } from './routes/invitations';
import { platformRoutes } from './routes/platform';
import { schedulingRoutes } from './routes/scheduling';
import { visitsRoutes } from './routes/visits';

/**
 * Every HTTP route, grouped by the Lambda function (bounded context) that serves it. The API
 * document, the CDK api stack, the local gateway and the role-permission test all read this.
 */
export const contexts = {
  platform: platformRoutes,
  accounts: accountsRoutes,
  scheduling: schedulingRoutes,
  invitations: invitationsRoutes,
  visits: visitsRoutes,
  booking: bookingRoutes,
} as const satisfies Record<string, Record<string, Route>>;

export type ContextName = keyof typeof contexts;

export interface RouteEntry {
  context: ContextName;
  name: string;
  method: string;
  /** API Gateway path syntax, `/api/appointments/{id}`. */
  path: string;
  access: Access;
  route: Route;
}

export function routeEntries(): RouteEntry[] {
  return Object.entries(contexts).flatMap(([context, routes]) =>
    Object.entries(routes).map(([name, route]) => ({
      context: context as ContextName,
      name,
      method: route.method.toUpperCase(),
      path: route.path,
      access: accessOf(route),
      route,
    })),
  );
}
