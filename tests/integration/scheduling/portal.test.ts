import { describe, expect, it } from 'vitest';
import { apiAs, at } from '../../helpers/api';
import { createUser } from '../../helpers/auth';
import { stack } from '../../helpers/local-stack';
import { demoPeople, newClient } from '../../helpers/people';

describe('the client portal', () => {
  it('lists only the signed-in client own appointments, with Join opening in the launch window', async () => {
    // Prepare: a video appointment for pat and one for another client with a portal account.
    const { leeId, patId } = await demoPeople();
    const frontDesk = apiAs('frontdesk@demo.test');
    const startsAt = at(50, 15);
    const mine = await frontDesk.post('/appointments', {
      providerId: leeId,
      clientId: patId,
      startsAt,
      endsAt: at(50, 16),
      video: true,
    });
    const otherClientId = await newClient('Other');
    const other = await createUser('client', { profile: { clientId: otherClientId } });
    const theirs = await frontDesk.post('/appointments', {
      providerId: leeId,
      clientId: otherClientId,
      startsAt: at(51, 15),
      endsAt: at(51, 16),
      video: true,
    });
    // Act
    const pat = await apiAs('pat@demo.test').get('/portal/appointments');
    const them = await apiAs(other).get('/portal/appointments');
    // Assess: each sees their own, never the other's, and nothing clinical.
    const patIds = pat.body.appointments.map((a: { id: string }) => a.id);
    expect(patIds).toContain(mine.body.appointments[0].id);
    expect(patIds).not.toContain(theirs.body.appointments[0].id);
    expect(them.body.appointments.map((a: { id: string }) => a.id)).toEqual([
      theirs.body.appointments[0].id,
    ]);
    const entry = pat.body.appointments.find(
      (a: { id: string }) => a.id === mine.body.appointments[0].id,
    );
    expect(entry).toMatchObject({
      providerName: 'Dr. Jordan Lee',
      video: true,
      join: { enabled: false, reason: 'too-early' },
    });
    expect(entry.notes).toBeUndefined();
    expect(entry.clientId).toBeUndefined();
    // Act: move the clinic clock 10 minutes before the start.
    await stack().setClockOffset(Date.parse(startsAt) - 10 * 60_000 - Date.now());
    try {
      const later = await apiAs('pat@demo.test').get('/portal/appointments');
      const open = later.body.appointments.find(
        (a: { id: string }) => a.id === mine.body.appointments[0].id,
      );
      expect(open.join.enabled).toBe(true);
    } finally {
      await stack().setClockOffset(0);
    }
  });
});
