import { afterEach, describe, expect, it } from 'vitest';
import { stack } from '../../helpers/local-stack';
import { openVisit } from '../../helpers/visits';

/**
 * Chime's control plane stalled (calls accepted, never answered) or throttling every call, set
 * on the local stand-in with `POST /_local/faults`. Nobody sees a hang, a 500 or Chime's own
 * error: the visit answers 503 service.unavailable and nothing is half-started.
 */
async function chime(fault: 'none' | 'stall' | 'throttle') {
  const response = await fetch(`${stack().url}/_local/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ chime: fault }),
  });
  expect(response.status).toBe(200);
}
afterEach(() => chime('none'));

describe.each(['stall', 'throttle'] as const)('Chime: %s', (fault) => {
  it('Start answers 503 service.unavailable, leaves no visit behind, and works once Chime answers', async () => {
    const { host, visitId } = await openVisit({ guests: 1 });
    // Act
    await chime(fault);
    const started = await host.post(`/appointments/${visitId}/visit/start`);
    await chime('none');
    // Assess
    expect(started.status).toBe(503);
    expect(started.body.error.code).toBe('service.unavailable');
    expect(JSON.stringify(started.body)).not.toMatch(/Throttl|Chime/);
    const visit = await host.get(`/visits/${visitId}`);
    expect(visit.status === 404 || visit.body.startedAt === undefined).toBe(true);
    const again = await host.post(`/appointments/${visitId}/visit/start`);
    expect(again.status).toBe(200);
    expect((await host.get(`/visits/${visitId}/session`)).status).toBe(200);
  });
});
