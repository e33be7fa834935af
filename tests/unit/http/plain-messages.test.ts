import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { createApp } from '../../../functions/http/app';
import { requestValidators } from '../../../functions/http/request-validation';
import { body as jsonBody } from '../../../functions/http/route';
import { IsoDateTime } from '../../../functions/http/schemas';

/** A route whose schemas carry no messages of their own, as many of the API's do. */
function appWithBareSchemas() {
  const app = createApp();
  const validators = requestValidators({
    query: z.object({ from: z.optional(IsoDateTime) }),
    body: jsonBody(
      z.strictObject({
        firstName: z.string().check(z.maxLength(100)),
        startsAt: z.iso.datetime({ offset: true }),
        kind: z.optional(z.enum(['link', 'room'])),
        ids: z.optional(z.array(z.string()).check(z.minLength(1))),
      }),
    ),
  });
  app.use('/x', ...validators);
  app.post('/x', (c) => c.body(null, 200));
  return app;
}

async function fieldsFor(body: unknown, query = '') {
  const response = await appWithBareSchemas().request(`/x${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(400);
  return ((await response.json()) as { error: { fields: Record<string, string> } }).error.fields;
}

describe('validation messages people can read', () => {
  it('names the field and says what it must be, never zod defaults', async () => {
    expect(await fieldsFor({ firstName: 'x'.repeat(101), startsAt: 'tomorrow' })).toEqual({
      firstName: 'firstName must be at most 100 characters',
      startsAt: 'startsAt must be a date and time with an offset, like 2026-11-23T14:00:00Z',
    });
    expect(await fieldsFor({ startsAt: '2026-11-23T14:00:00Z' })).toEqual({
      firstName: 'firstName is required',
    });
    expect(
      await fieldsFor({ firstName: 7, startsAt: '2026-11-23T14:00:00Z', kind: 'x', ids: [] }),
    ).toEqual({
      firstName: 'firstName must be text',
      kind: 'kind must be one of: link, room',
      ids: 'ids needs at least 1 item',
    });
    expect(
      await fieldsFor({ firstName: 'A', startsAt: '2026-11-23T14:00:00Z' }, '?from=soon'),
    ).toEqual({ from: 'from must be a date and time with an offset, like 2026-11-23T14:00:00Z' });
  });

  it("keeps a schema's own message", async () => {
    const app = createApp();
    const validators = requestValidators({
      body: jsonBody(z.object({ title: z.string().check(z.maxLength(3, 'Too long')) })),
    });
    app.use('/y', ...validators);
    app.post('/y', (c) => c.body(null, 200));
    const response = await app.request('/y', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'abcd', extra: 1 }),
    });
    const body = (await response.json()) as { error: { fields: Record<string, string> } };
    expect(body.error.fields).toEqual({ title: 'Too long' });
  });
});
