import { describe, expect, it } from 'vitest';
import { routeEntries } from '../../functions/http/route-table';
import { stack } from '../helpers/local-stack';

describe('platform routes', () => {
  it('GET /api/health answers 200 with every component ok', async () => {
    const response = await fetch(`${stack().url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      components: { dynamodb: 'ok', cognito: 'ok', email: 'ok', sms: 'ok', meetings: 'ok' },
    });
  });

  it('GET /api/openapi.json documents every HTTP route, with its request and response schemas', async () => {
    const document = (await (await fetch(`${stack().url}/api/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { responses: Record<string, unknown>; security?: unknown[] }>
      >;
    };
    expect(document.openapi).toBe('3.1.0');
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const served = routeEntries().map((r) => `${r.method} ${r.path}`);
    expect(documented.sort()).toEqual(served.sort());
    for (const entry of routeEntries()) {
      const operation = document.paths[entry.path]?.[entry.method.toLowerCase()];
      expect(
        operation?.responses['200'] ?? operation?.responses['201'] ?? operation?.responses['202'],
      ).toBeDefined();
      expect(operation?.responses['400']).toBeDefined();
      expect(operation?.security).toEqual(entry.access.kind === 'roles' ? [{ cognito: [] }] : []);
    }
  });

  it('answers an unknown API address in the one error shape', async () => {
    const response = await fetch(`${stack().url}/api/no-such-thing`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: 'route.not_found', message: expect.any(String) },
    });
  });

  it('serves the web app config with the public settings only', async () => {
    const config = (await (await fetch(`${stack().url}/config.json`)).json()) as Record<
      string,
      unknown
    >;
    expect(config).toMatchObject({
      userPoolId: stack().userPoolId,
      userPoolClientId: stack().userPoolClientId,
      apiUrl: '/api',
      localMode: true,
    });
    expect(JSON.stringify(config)).not.toMatch(/secret|password/i);
  });
});
