import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { createApp } from '../../../functions/http/app';
import { body, json, publicRoute } from '../../../functions/http/route';

const inMemory = { scope: 'test', check: 'before', inMemory: { perAddress: 1000 } } as const;

const route = publicRoute(inMemory, {
  method: 'post',
  path: '/things/{id}',
  request: {
    params: z.object({ id: z.string().check(z.regex(/^\d+$/, 'Digits only')) }),
    query: z.object({ n: z.optional(z.string().check(z.maxLength(2))) }),
    headers: z.object({ 'x-token': z.optional(z.string().check(z.maxLength(5))) }),
    body: body(z.strictObject({ name: z.string().check(z.trim(), z.minLength(1)) })),
  },
  responses: { 201: json(z.object({ id: z.string(), name: z.string() }), 'Made') },
});

function app() {
  return createApp().serve(route, (c) =>
    c.json({ id: c.req.valid('param').id, name: c.req.valid('json').name }, 201),
  );
}

const post = (path: string, init: { body?: string; headers?: Record<string, string> } = {}) =>
  app().request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: init.body ?? JSON.stringify({ name: ' Pat ' }),
  });

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; fields?: object } }).error;
}

describe('serving a declared route', () => {
  it('matches its OpenAPI path and hands the handler what the schemas output', async () => {
    const response = await post('/things/12');
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ id: '12', name: 'Pat' });
  });

  it('marks every answer, a success, a refusal or no route at all, never to be stored', async () => {
    for (const response of [
      await post('/things/12'),
      await post('/things/x'),
      await app().request('/nowhere'),
    ])
      expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('reports the query first, then the path, the headers, the body', async () => {
    const bad = { body: '{}', headers: { 'x-token': 'too long' } };
    expect(await errorOf(await post('/things/x?n=123', bad))).toMatchObject({
      code: 'validation.failed',
      fields: { n: 'n must be at most 2 characters' },
    });
    expect((await errorOf(await post('/things/x', bad))).fields).toEqual({ id: 'Digits only' });
    expect((await errorOf(await post('/things/1', bad))).fields).toEqual({
      'x-token': 'x-token must be at most 5 characters',
    });
    expect((await errorOf(await post('/things/1', { body: '{}' }))).fields).toEqual({
      name: 'name is required',
    });
  });

  it('refuses a body that is not JSON (415), or JSON that cannot be read (400)', async () => {
    const text = await post('/things/1', { headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
    expect((await errorOf(text)).code).toBe('request.unsupported_media_type');
    const untyped = await app().request('/things/1', { method: 'POST', body: 'name=Pat' });
    expect(untyped.status).toBe(415);
    const broken = await post('/things/1', { body: '{"name":' });
    expect(broken.status).toBe(400);
    expect((await errorOf(broken)).code).toBe('request.malformed');
  });

  it('takes JSON with a charset', async () => {
    const response = await post('/things/7', {
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(response.status).toBe(201);
  });
});
