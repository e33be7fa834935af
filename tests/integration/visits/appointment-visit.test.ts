import { describe, expect, it } from 'vitest';
import { apiAs } from '../../helpers/api';
import { openVisit } from '../../helpers/visits';

describe('an appointment tells whether its visit was opened, so the editor need not ask', () => {
  it('has no visit until the provider starts it, then the visit status and start time', async () => {
    const { host, visitId } = await openVisit();
    const frontDesk = apiAs('frontdesk@demo.test');
    const before = await frontDesk.get(`/appointments/${visitId}`);
    expect(before.status).toBe(200);
    expect(before.body.visit).toBeUndefined();
    // Act
    const started = await host.post(`/appointments/${visitId}/visit/start`);
    // Assess: the editor's read now says the visit is open, as the visit itself does.
    const after = await frontDesk.get(`/appointments/${visitId}`);
    expect(after.body.visit).toEqual({ status: 'open', startedAt: started.body.startedAt });
    await host.post(`/visits/${visitId}/end`);
    expect((await frontDesk.get(`/appointments/${visitId}`)).body.visit).toMatchObject({
      status: 'ended',
    });
  });
});
