import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { RouteConfig } from '@hono/zod-openapi';
import { routeEntries } from './route-table';

let cached: ReturnType<OpenApiGeneratorV31['generateDocument']> | undefined;

/** The OpenAPI 3.1 document of every route, built from the same definitions the apps serve. */
export function openApiDocument() {
  if (cached) return cached;
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'cognito', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'Cognito access token of the signed-in person',
  });
  for (const entry of routeEntries()) {
    const {
      middleware: _m,
      hide: _h,
      ...route
    } = entry.route as RouteConfig & {
      middleware?: unknown;
      hide?: boolean;
    };
    // The same name the route has in code and in the role-permission test.
    registry.registerPath({ ...route, operationId: `${entry.context}.${entry.name}` });
  }
  cached = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Televisit API',
      version: '1',
      description:
        'Scheduling, invitations and video visits. Errors always have the shape { "error": { "code", "message", "fields"? } }.',
    },
    tags: [
      { name: 'platform', description: 'Health and this document' },
      { name: 'accounts', description: 'People and their accounts' },
      {
        name: 'scheduling',
        description:
          'Staff and roles, clinic settings, clients and contacts, calendars, appointments, rooms, the client portal',
      },
      {
        name: 'invitations',
        description:
          'Invitees, Send Now by email and SMS, join links, dial-in PINs, portal sign-up',
      },
      {
        name: 'visits',
        description: 'The waiting room, the call, visit details and the audit trail',
      },
    ],
  });
  return cached;
}
