import { describe, expect, it } from 'vitest';
import { createApp } from '../../../functions/http/app';
import { conflict, gone, invalid } from '../../../functions/platform/errors';

function appThrowing(error: unknown) {
  const app = createApp();
  app.get('/x', () => {
    throw error;
  });
  return app;
}

describe('the one error shape', () => {
  it('maps each kind of AppError to its status with code, message and fields', async () => {
    const cases = [
      [invalid('validation.failed', 'Check the end.', { endsAt: 'must be after start' }), 400],
      [conflict('appointment.conflict', 'Taken.'), 409],
      [gone('link.expired', 'Expired.'), 410],
    ] as const;
    for (const [error, status] of cases) {
      const response = await appThrowing(error).request('/x');
      expect(response.status).toBe(status);
      expect(await response.json()).toEqual({
        error: {
          code: error.code,
          message: error.message,
          ...(error.fields ? { fields: error.fields } : {}),
        },
      });
    }
  });

  it('answers anything unexpected with 500 and a reference, never the error text', async () => {
    const response = await appThrowing(new Error('secret detail: Pat Rivera')).request('/x');
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('internal');
    expect(body.error.message).not.toContain('Pat Rivera');
  });

  it('refuses a body larger than the limit with 413', async () => {
    const app = createApp();
    app.post('/x', async (c) => c.json(await c.req.json()));
    const response = await app.request('/x', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(70_000) }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'request.too_large',
    );
  });
});
