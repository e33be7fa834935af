import * as z from 'zod/mini';
import { type JsonSchema, SchemaWriter, type Side } from './json-schemas';
import type { Route, RouteConfig } from './route';
import { routeEntries } from './route-table';

type Content = Record<string, { schema: z.core.$ZodType }>;

const info = {
  title: 'Televisit API',
  version: '1',
  description:
    'Scheduling, invitations and video visits. Errors always have the shape { "error": { "code", "message", "fields"? } }.',
};

const tags = [
  { name: 'platform', description: 'Health and this document' },
  { name: 'accounts', description: 'People and their accounts' },
  {
    name: 'scheduling',
    description:
      'Staff and roles, clinic settings, clients and contacts, calendars, appointments, rooms, the client portal',
  },
  {
    name: 'invitations',
    description: 'Invitees, Send Now by email and SMS, join links, dial-in PINs, portal sign-up',
  },
  { name: 'visits', description: 'The waiting room, the call, visit details and the audit trail' },
  {
    name: 'phone',
    description:
      "Callers on the phone: the clinic's SIP media application carries dial-in (a PIN knocks like a link) and the provider's controls of a caller's line",
  },
  {
    name: 'booking',
    description:
      "Online booking: providers' booking settings, the public page's free slots, email codes, bookings, and the manage link's cancel and reschedule",
  },
];

const securitySchemes = {
  cognito: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'Cognito access token of the signed-in person',
  },
};

function contentOf(writer: SchemaWriter, content: Content, side: Side) {
  return Object.fromEntries(
    Object.entries(content).map(([type, { schema }]) => [
      type,
      { schema: writer.write(schema, side) },
    ]),
  );
}

/** Path, query and header fields, one parameter each, as the route validates them. */
function parametersOf(writer: SchemaWriter, request: RouteConfig['request']) {
  const located = [
    ['path', request?.params],
    ['query', request?.query],
    ['header', request?.headers],
  ] as const;
  return located.flatMap(([where, schema]) => {
    if (!schema) return [];
    // A fresh object of the same fields: zod says which are required, and a named one (say
    // AuditQuery) is spelled out here instead of becoming a component no request body uses.
    const json = writer.write(z.object(schema._zod.def.shape), 'input');
    const required = new Set(json.required ?? []);
    return Object.entries(json.properties ?? {}).map(([name, property]) => {
      const described = property as JsonSchema;
      return {
        schema: described,
        required: required.has(name),
        ...(described.description ? { description: described.description } : {}),
        name,
        in: where,
      };
    });
  });
}

function operationOf(writer: SchemaWriter, route: Route, operationId: string) {
  // The guard is the route's run-time part, not part of the document.
  const { method: _m, path: _p, request, responses, guard: _g, ...rest } = route;
  const parameters = parametersOf(writer, request);
  const body = request?.body;
  return {
    ...rest,
    // The same name the route has in code and in the role-permission test.
    operationId,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(body
      ? {
          requestBody: {
            required: body.required,
            content: contentOf(writer, body.content, 'input'),
          },
        }
      : {}),
    responses: Object.fromEntries(
      Object.entries(responses).map(([status, { description, content }]) => [
        status,
        { description, ...(content ? { content: contentOf(writer, content, 'output') } : {}) },
      ]),
    ),
  };
}

function buildDocument() {
  const writer = new SchemaWriter();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const entry of routeEntries()) {
    const route = entry.route;
    const item = paths[route.path] ?? {};
    item[route.method] = operationOf(writer, route, `${entry.context}.${entry.name}`);
    paths[route.path] = item;
  }
  return {
    openapi: '3.1.0',
    info,
    tags,
    components: { securitySchemes, schemas: writer.components },
    paths,
  };
}

let cached: ReturnType<typeof buildDocument> | undefined;

/**
 * The OpenAPI 3.1 document of every route, built from the same definitions the apps serve, with
 * zod's own JSON Schema writer.
 */
export function openApiDocument() {
  cached ??= buildDocument();
  return cached;
}
