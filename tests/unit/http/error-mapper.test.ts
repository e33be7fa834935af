import { describe, expect, it } from 'vitest';
import { createApp } from '../../../functions/http/app';
import { conflict, gone, invalid, tooMany, unavailable } from '../../../functions/platform/errors';

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

  it('answers a stalled, refused or busy dependency with 503 service.unavailable and Retry-After', async () => {
    const timeout = Object.assign(new Error('socket timed out'), { name: 'TimeoutError' });
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), {
      code: 'ECONNREFUSED',
    });
    const serverFault = Object.assign(new Error('Internal'), {
      name: 'InternalServerError',
      $fault: 'server',
      $metadata: { httpStatusCode: 500 },
    });
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    const wrapped = new Error('fetch failed', { cause: refused });
    for (const error of [timeout, refused, serverFault, throttled, wrapped]) {
      const response = await appThrowing(error).request('/x');
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('service.unavailable');
      expect(body.error.message).not.toMatch(/ECONNREFUSED|socket|127\.0\.0\.1/);
    }
  });

  it('sends Retry-After with a limit (429) or an unavailable (503) of our own', async () => {
    const limited = await appThrowing(tooMany('limit.reached', 'Slow down.', 42)).request('/x');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('42');
    const busy = await appThrowing(unavailable('meetings.busy', 'Busy.', 2.2)).request('/x');
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('3');
  });

  it('still answers a plain programming error with 500, not 503', async () => {
    const response = await appThrowing(new TypeError('x is undefined')).request('/x');
    expect(response.status).toBe(500);
  });
});
