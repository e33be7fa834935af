import { afterEach, describe, expect, it } from 'vitest';
import { apiAs } from '../../helpers/api';
import { stack } from '../../helpers/local-stack';
import { openVisit } from '../../helpers/visits';

/**
 * Cognito, SES and SNS stalled: the local stack serves all three from moto, whose process is
 * stopped (it keeps its sockets open and answers nothing) and resumed. Signed-in callers keep
 * working meanwhile: their tokens are checked against keys the authorizer fetched earlier.
 */
let stopped = false;
const stop = () => {
  process.kill(stack().pids.moto, 'SIGSTOP');
  stopped = true;
};
const resume = () => {
  if (stopped) process.kill(stack().pids.moto, 'SIGCONT');
  stopped = false;
};
afterEach(resume);

describe('Cognito, SES and SNS stalled', () => {
  it('inviting staff answers 503 service.unavailable with Retry-After; inviting again afterwards makes one account', async () => {
    const owner = apiAs('owner@demo.test');
    expect((await owner.get('/users')).status).toBe(200);
    const email = `stalled.${Date.now()}@example.com`;
    const invite = { email, displayName: 'Sam Stalled', role: 'staff' };
    // Act
    stop();
    const answer = await owner.post('/users', invite);
    resume();
    // Assess
    expect(answer.status).toBe(503);
    expect(answer.body.error.code).toBe('service.unavailable');
    const again = await owner.post('/users', invite);
    expect(again.status).toBe(201);
    const users = (await owner.get('/users')).body.users as { email: string }[];
    expect(users.filter((u) => u.email === email)).toHaveLength(1);
  });

  it('Send Now answers with each delivery failed and a reason, and a retry afterwards sends', async () => {
    const frontDesk = apiAs('frontdesk@demo.test');
    const { visitId } = await openVisit();
    const email = `stalled.guest.${Date.now()}@example.com`;
    await frontDesk.post(`/appointments/${visitId}/invitees`, { email });
    // Act
    stop();
    const sent = await frontDesk.post(`/appointments/${visitId}/invitations/send`);
    resume();
    // Assess: the answer came, and says what happened to each message.
    expect(sent.status).toBe(200);
    const guest = sent.body.invitees.find((i: { email?: string }) => i.email === email);
    expect(guest.deliveries.email).toMatchObject({
      state: 'failed',
      reason: 'The message service did not answer; try again in a minute.',
    });
    const retried = await frontDesk.post(
      `/appointments/${visitId}/invitees/${guest.inviteeId}/send`,
    );
    expect(
      retried.body.invitees.find((i: { email?: string }) => i.email === email).deliveries.email,
    ).toMatchObject({ state: 'sent' });
  });
});
