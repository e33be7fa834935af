import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../functions/http/openapi-document';
import { routeEntries } from '../../../functions/http/route-table';

type Operation = {
  operationId?: string;
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
};

function operations() {
  const paths = openApiDocument().paths ?? {};
  return Object.entries(paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>).map(([method, op]) => ({
      route: `${method.toUpperCase()} ${path}`,
      op,
    })),
  );
}

const schemaOf = (op: Operation, status: string) =>
  op.responses[status]?.content?.['application/json']?.schema?.$ref;

describe('the API document says what each route really answers', () => {
  it('names every operation as the code and the permission test do, once', () => {
    const ids = operations().map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(
      routeEntries()
        .map((e) => `${e.context}.${e.name}`)
        .sort(),
    );
  });

  it("signed-in routes: 401 in the gateway's shape; public routes never claim that 401", () => {
    const signedIn = new Set(
      routeEntries()
        .filter((e) => e.access.kind === 'roles')
        .map((e) => `${e.context}.${e.name}`),
    );
    for (const { route, op } of operations()) {
      if (signedIn.has(op.operationId ?? ''))
        expect(schemaOf(op, '401'), route).toBe('#/components/schemas/GatewayRefusal');
      else expect(schemaOf(op, '401'), route).not.toBe('#/components/schemas/GatewayRefusal');
    }
  });

  it('every route may answer 503 service.unavailable (health: its report); every route with a body 413 and 415', () => {
    for (const { route, op } of operations()) {
      expect(schemaOf(op, '503'), route).toBe(
        route === 'GET /api/health' ? '#/components/schemas/Health' : '#/components/schemas/Error',
      );
      if (op.requestBody) {
        expect(schemaOf(op, '413'), route).toBe('#/components/schemas/Error');
        expect(schemaOf(op, '415'), route).toBe('#/components/schemas/Error');
      }
    }
  });
});
