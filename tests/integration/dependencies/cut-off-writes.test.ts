import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { type ApiResponse, apiAs, plusMinutes } from '../../helpers/api';
import { localClients } from '../../helpers/aws';
import { stack } from '../../helpers/local-stack';
import { messagesTo } from '../../helpers/outbox';
import { newClient } from '../../helpers/people';
import { asParticipant, knock, openVisit } from '../../helpers/visits';

/**
 * A change cut off by DynamoDB stopping between its reads and its write. The local stack stops
 * DynamoDB Local's process right before the request's TransactWriteItems leaves the handler
 * (the request's `x-local-fault` header); the request answers 503 while its transaction sits unanswered in the
 * stopped server's socket. Once DynamoDB resumes it may still commit it, or not: each store must
 * then show all of the change or none of it, and doing the same thing again must work.
 */
let resume: (() => void) | undefined;
afterEach(() => {
  resume?.();
  resume = undefined;
});

/** Headers that have this request cut off before its transaction; resumed after each test. */
function cutOffBeforeTransaction(): Record<string, string> {
  resume = () => process.kill(stack().pids.dynamodb, 'SIGCONT');
  return { 'x-local-fault': 'stop-dynamodb-before=TransactWriteItems' };
}

/** Resumes DynamoDB and waits until the API reads from it again. */
async function resumed(): Promise<void> {
  resume?.();
  resume = undefined;
  for (let i = 0; i < 100; i += 1) {
    if ((await apiAs('frontdesk@demo.test').get('/visits')).status === 200) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('DynamoDB did not come back');
}

function expectUnavailable(answer: ApiResponse) {
  expect(answer.status).toBe(503);
  expect(answer.body.error.code).toBe('service.unavailable');
}

async function auditOf(visitId: string, type: string) {
  const from = new Date(Date.now() - 3_600_000).toISOString();
  const to = new Date(Date.now() + 3_600_000).toISOString();
  const page = await apiAs('owner@demo.test').get(
    `/audit?from=${from}&to=${to}&visitId=${visitId}`,
  );
  expect(page.status).toBe(200);
  return (page.body.entries as { type: string; subject?: string }[]).filter((e) => e.type === type);
}

describe('a change cut off by DynamoDB stopping before its transaction', () => {
  it('booking: the appointment, its calendar day and its links are all there or none is', async () => {
    const frontDesk = apiAs('frontdesk@demo.test');
    const { provider } = await openVisit();
    const clientId = await newClient('CutOff');
    const startsAt = new Date(Date.now() + 4 * 86_400_000).toISOString();
    const booking = {
      providerId: provider.sub,
      clientId,
      startsAt,
      endsAt: plusMinutes(startsAt, 30),
      video: true,
    };
    expectUnavailable(await frontDesk.post('/appointments', booking, cutOffBeforeTransaction()));
    await resumed();
    const day = await frontDesk.get(
      `/schedule?providerId=${provider.sub}&from=${plusMinutes(startsAt, -60)}&to=${plusMinutes(startsAt, 60)}`,
    );
    const listed = (day.body.appointments as { id: string; startsAt: string }[]).filter(
      (a) => a.startsAt === startsAt,
    );
    const again = await frontDesk.post('/appointments', booking);
    if (listed.length === 1) {
      expect(again.status).toBe(409);
      const opened = await frontDesk.get(`/appointments/${listed[0]?.id}`);
      expect(opened.status).toBe(200);
      const link = String(opened.body.videoLink).split('/join/')[1];
      expect((await apiAs(null).get(`/join/${link}`)).status).toBe(200);
    } else {
      expect(listed).toHaveLength(0);
      expect(again.status).toBe(201);
    }
  });

  it('knock: the guest is in the waiting room with an audit entry, or neither; knocking again works once', async () => {
    const { host, visitId, links } = await openVisit({ guests: 1 });
    await host.post(`/appointments/${visitId}/visit/start`);
    const token = links[0]?.token ?? '';
    expectUnavailable(
      await apiAs(null).post(
        `/join/${token}/knock`,
        { firstName: 'Cut', lastName: 'Off' },
        cutOffBeforeTransaction(),
      ),
    );
    await resumed();
    const guests = () =>
      host
        .get(`/visits/${visitId}`)
        .then((v) =>
          (v.body.participants as { kind: string; participantId: string }[]).filter(
            (p) => p.kind === 'guest',
          ),
        );
    expect((await guests()).length).toBe((await auditOf(visitId, 'participant.knocked')).length);
    // Again: one guest, one knock in the audit, whichever way the first went.
    const guest = await knock(token, 'Cut', 'Off');
    expect((await asParticipant(guest.participantToken).me(visitId)).body.state).toBe('waiting');
    expect(await guests()).toHaveLength(1);
    expect(await auditOf(visitId, 'participant.knocked')).toHaveLength(1);
  });

  it('Allow: the guest is let in with an audit entry, or neither; allowing again works once', async () => {
    const { host, visitId, links } = await openVisit({ guests: 1 });
    await host.post(`/appointments/${visitId}/visit/start`);
    const guest = await knock(links[0]?.token ?? '');
    expectUnavailable(
      await host.post(
        `/visits/${visitId}/admit`,
        { participantIds: [guest.participantId] },
        cutOffBeforeTransaction(),
      ),
    );
    await resumed();
    const place = (await asParticipant(guest.participantToken).me(visitId)).body.state;
    const admitted = await auditOf(visitId, 'participant.admitted');
    expect(admitted).toHaveLength(place === 'admitted' ? 1 : 0);
    const again = await host.post(`/visits/${visitId}/admit`, {
      participantIds: [guest.participantId],
    });
    expect(again.status).toBe(200);
    expect((await asParticipant(guest.participantToken).session(visitId)).status).toBe(200);
    expect(await auditOf(visitId, 'participant.admitted')).toHaveLength(1);
  });

  it('adding an invitee: the invitee, their link and their PIN are all there or none is', async () => {
    const frontDesk = apiAs('frontdesk@demo.test');
    const { visitId } = await openVisit();
    const email = `cut.${Date.now()}@example.com`;
    expectUnavailable(
      await frontDesk.post(
        `/appointments/${visitId}/invitees`,
        { email },
        cutOffBeforeTransaction(),
      ),
    );
    await resumed();
    const listed = (await frontDesk.get(`/appointments/${visitId}/invitees`)).body.invitees as {
      email?: string;
      inviteeId: string;
    }[];
    const added = listed.filter((i) => i.email === email);
    // The PINs of the appointment's invitees, straight from the table (gsi1 `APPT#<id>`).
    const pins = await localClients().documents.send(
      new QueryCommand({
        TableName: stack().tables.TABLE_GUEST_LINKS,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :a AND begins_with(gsi1sk, :p)',
        ExpressionAttributeValues: { ':a': `APPT#${visitId}`, ':p': 'PIN#' },
      }),
    );
    const inviteeIds = new Set(listed.map((i) => i.inviteeId));
    expect((pins.Items ?? []).filter((p) => inviteeIds.has(String(p.inviteeId)))).toHaveLength(
      listed.length,
    );
    const again = await frontDesk.post(`/appointments/${visitId}/invitees`, { email });
    expect(again.status).toBe(added.length === 1 ? 409 : 201);
    const link = (again.body.invitees ?? listed).find(
      (i: { email?: string; link?: string }) => i.email === email,
    )?.link;
    if (link) expect((await apiAs(null).get(`/join/${link.split('/join/')[1]}`)).status).toBe(200);
  });

  it('inviting staff: an account left without its profile is finished by inviting again', async () => {
    const owner = apiAs('owner@demo.test');
    const email = `cutoff.staff.${Date.now()}@example.com`;
    const invite = { email, displayName: 'Cora Cutoff', role: 'staff' };
    expectUnavailable(await owner.post('/users', invite, cutOffBeforeTransaction()));
    await resumed();
    const listed = (await owner.get('/users')).body.users as { email: string }[];
    if (listed.some((u) => u.email === email)) {
      // The profile made it after all: the invitation was complete.
      expect((await owner.post('/users', invite)).status).toBe(409);
      return;
    }
    // Act: the owner invites again.
    const again = await owner.post('/users', invite);
    // Assess: invited once, with a temporary password that works.
    expect(again.status).toBe(201);
    expect(
      ((await owner.get('/users')).body.users as { email: string }[]).filter(
        (u) => u.email === email,
      ),
    ).toHaveLength(1);
    const [message] = await messagesTo(email);
    const password = /temporary password: (\S+)/.exec(message?.text ?? '')?.[1] ?? '';
    const signIn = await localClients().cognito.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: stack().userPoolClientId,
        AuthParameters: { USERNAME: email, PASSWORD: password },
      }),
    );
    expect(signIn.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
  });
});
