import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { apiAs, at } from '../../helpers/api';
import { createUser } from '../../helpers/auth';
import { localClients } from '../../helpers/aws';
import { stack } from '../../helpers/local-stack';
import { messagesTo } from '../../helpers/outbox';
import { demoPeople } from '../../helpers/people';

const frontDesk = () => apiAs('frontdesk@demo.test');

function signUpToken(text: string): string {
  const token = /\/portal\/sign-up\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];
  if (!token) throw new Error('no sign-up link');
  return token;
}

async function signIn(email: string, password: string) {
  return localClients().cognito.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: stack().userPoolClientId,
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
}

describe('client portal invitation', () => {
  it('emails a sign-up link valid 24 hours; the client chooses a password and sees their appointments', async () => {
    // Prepare
    const email = `portal.${Date.now()}@example.com`;
    const client = (
      await frontDesk().post('/clients', { firstName: 'Ari', lastName: 'Portal', email })
    ).body;
    const { leeId } = await demoPeople();
    await frontDesk().post('/appointments', {
      providerId: leeId,
      clientId: client.id,
      startsAt: at(150, 15),
      endsAt: at(150, 16),
      video: true,
    });
    // Act
    const invited = await frontDesk().post(`/clients/${client.id}/portal-invitation`);
    expect(invited.status).toBe(202);
    const [message] = await messagesTo(email);
    const token = signUpToken(message?.text ?? '');
    const anonymous = apiAs(null);
    expect((await anonymous.get(`/portal/sign-up/${token}`)).body.email).toBe(email);
    const weak = await anonymous.post(`/portal/sign-up/${token}`, { password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.fields).toHaveProperty('password');
    const created = await anonymous.post(`/portal/sign-up/${token}`, {
      password: 'Chosen-Password-7',
    });
    // Assess
    expect(created.status).toBe(201);
    expect(
      (await signIn(email, 'Chosen-Password-7')).AuthenticationResult?.AccessToken,
    ).toBeTruthy();
    const portal = await apiAs({ email, password: 'Chosen-Password-7' }).get(
      '/portal/appointments',
    );
    expect(portal.body.appointments).toHaveLength(1);
    expect(
      (await anonymous.post(`/portal/sign-up/${token}`, { password: 'Chosen-Password-7' })).status,
    ).toBeGreaterThanOrEqual(404);
    expect((await frontDesk().post(`/clients/${client.id}/portal-invitation`)).status).toBe(409);
  });

  it('an expired link says so and offers a new one, once', async () => {
    const email = `late.${Date.now()}@example.com`;
    const client = (
      await frontDesk().post('/clients', { firstName: 'Lou', lastName: 'Late', email })
    ).body;
    await frontDesk().post(`/clients/${client.id}/portal-invitation`);
    const token = signUpToken((await messagesTo(email))[0]?.text ?? '');
    await stack().setClockOffset(25 * 3600_000);
    try {
      const expired = await apiAs(null).get(`/portal/sign-up/${token}`);
      expect(expired.status).toBe(410);
      expect(expired.body.error.code).toBe('signup.expired');
      expect(
        (await apiAs(null).post(`/portal/sign-up/${token}`, { password: 'Chosen-Password-7' }))
          .status,
      ).toBe(410);
      expect((await apiAs(null).post(`/portal/sign-up/${token}/renew`)).status).toBe(202);
      expect((await apiAs(null).post(`/portal/sign-up/${token}/renew`)).status).toBe(409);
      const fresh = signUpToken((await messagesTo(email))[0]?.text ?? '');
      expect(fresh).not.toBe(token);
      expect((await apiAs(null).get(`/portal/sign-up/${fresh}`)).status).toBe(200);
    } finally {
      await stack().setClockOffset(0);
    }
  });
});

describe('temporary passwords from the users list', () => {
  it('an owner sets a new temporary password, emailed, that must be changed at next sign-in', async () => {
    // A contact of its own: resetting a demo account would lock the other test files out.
    const person = await createUser('contact', { displayName: 'Reset Contact' });
    const owner = apiAs('owner@demo.test');
    const reset = await owner.post(`/users/${person.sub}/temporary-password`);
    expect(reset.status).toBe(202);
    const password =
      /temporary password: (\S+)/.exec((await messagesTo(person.email))[0]?.text ?? '')?.[1] ?? '';
    expect((await signIn(person.email, password)).ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(
      (await apiAs('manager@demo.test').post(`/users/${person.sub}/temporary-password`)).status,
    ).toBe(202);
    expect(
      (await apiAs('frontdesk@demo.test').post(`/users/${person.sub}/temporary-password`)).status,
    ).toBe(403);
  });
});

describe('a used sign-up link', () => {
  it('says it was used, on the page as well as on submit', async () => {
    const email = `used.${Date.now()}@example.com`;
    const client = (
      await apiAs('frontdesk@demo.test').post('/clients', {
        firstName: 'Una',
        lastName: 'Used',
        email,
      })
    ).body;
    await apiAs('frontdesk@demo.test').post(`/clients/${client.id}/portal-invitation`);
    const token = signUpToken((await messagesTo(email))[0]?.text ?? '');
    expect(
      (await apiAs(null).post(`/portal/sign-up/${token}`, { password: 'Chosen-Password-7' }))
        .status,
    ).toBe(201);
    const again = await apiAs(null).get(`/portal/sign-up/${token}`);
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('signup.used');
  });
});
