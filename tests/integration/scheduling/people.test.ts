import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { apiAs } from '../../helpers/api';
import { localClients } from '../../helpers/aws';
import { stack } from '../../helpers/local-stack';
import { newClient } from '../../helpers/people';

const owner = () => apiAs('owner@demo.test');
const manager = () => apiAs('manager@demo.test');

async function outbox(): Promise<{ kind: string; to: string[]; subject?: string; text: string }[]> {
  return (await fetch(`${stack().url}/_outbox.json`)).json();
}

describe('staff and roles', () => {
  it('an invited staff member gets a temporary password by email that must be changed at first sign-in', async () => {
    const email = `invited.${Date.now()}@example.com`;
    const invited = await manager().post('/users', {
      email,
      displayName: 'Ivy Invited',
      role: 'staff',
    });
    expect(invited.status).toBe(201);
    const message = (await outbox()).find((m) => m.to.includes(email));
    expect(message?.subject).toContain('Demo Clinic');
    const password = /temporary password: (\S+)/.exec(message?.text ?? '')?.[1];
    expect(password).toBeTruthy();
    const signIn = await localClients().cognito.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: stack().userPoolClientId,
        AuthParameters: { USERNAME: email, PASSWORD: password ?? '' },
      }),
    );
    expect(signIn.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    const again = await manager().post('/users', {
      email,
      displayName: 'Ivy Again',
      role: 'staff',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('user.exists');
  });

  it('a manager sets roles and the teletherapy permission, which takes effect at once', async () => {
    const email = `kit.${Date.now()}@example.com`;
    const invited = await manager().post('/users', {
      email,
      displayName: 'Kit Provider',
      role: 'provider',
    });
    const sub = invited.body.sub;
    expect(invited.body.teletherapy).toBe(false);
    const granted = await manager().patch(`/users/${sub}`, { teletherapy: true });
    expect(granted.body.teletherapy).toBe(true);
    expect(
      (await apiAs('frontdesk@demo.test').get('/providers')).body.providers.find(
        (p: { sub: string }) => p.sub === sub,
      )?.teletherapy,
    ).toBe(true);
    const staffed = await manager().patch(`/users/${sub}`, { role: 'staff' });
    expect(staffed.body).toMatchObject({ role: 'staff', teletherapy: false });
    const wrong = await manager().patch(`/users/${sub}`, { teletherapy: true });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields).toHaveProperty('teletherapy');
  });

  it('nobody removes the last owner, and only an owner makes or unmakes owners', async () => {
    const users = (await owner().get('/users')).body.users as {
      sub: string;
      email: string;
      role: string;
    }[];
    const onlyOwner = users.find((u) => u.email === 'owner@demo.test');
    const demoted = await owner().patch(`/users/${onlyOwner?.sub}`, { role: 'manager' });
    expect(demoted.status).toBe(409);
    expect(demoted.body.error.code).toBe('user.last_owner');
    const disabled = await owner().patch(`/users/${onlyOwner?.sub}`, { status: 'disabled' });
    expect(disabled.status).toBe(409);
    const byManager = await manager().patch(`/users/${onlyOwner?.sub}`, { role: 'staff' });
    expect(byManager.status).toBe(403);
    const promote = await manager().post('/users', {
      email: `boss.${Date.now()}@example.com`,
      displayName: 'New Boss',
      role: 'owner',
    });
    expect(promote.status).toBe(403);
    expect(promote.body.error.code).toBe('user.owner_only');
  });

  it('clinic settings change only within their bounds', async () => {
    const before = (await owner().get('/settings')).body;
    const bad = await owner().patch('/settings', {
      maxExtraAttendees: 7,
      timeZone: 'Mars/Olympus',
      launchWindowMinutes: -5,
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual([
      'launchWindowMinutes',
      'maxExtraAttendees',
      'timeZone',
    ]);
    expect((await owner().get('/settings')).body).toEqual(before);
    const changed = await owner().patch('/settings', { graceMinutes: 45 });
    expect(changed.body.graceMinutes).toBe(45);
    await owner().patch('/settings', { graceMinutes: before.graceMinutes });
  });
});

describe('clients and contacts', () => {
  it('creates, finds by first or last name, edits, and archives a client', async () => {
    const frontDesk = apiAs('frontdesk@demo.test');
    const created = await frontDesk.post('/clients', {
      firstName: 'Quinn',
      lastName: 'Zephyrine',
      dateOfBirth: '1990-05-06',
      phone: '202 555 0188',
      email: 'QUINN@example.com',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      phone: '+12025550188',
      email: 'quinn@example.com',
      displayName: 'Quinn Zephyrine',
    });
    expect(
      (await frontDesk.post('/clients/search', { q: 'zephy' })).body.clients.map(
        (c: { id: string }) => c.id,
      ),
    ).toContain(created.body.id);
    expect(
      (await frontDesk.post('/clients/search', { q: 'quinn z' })).body.clients.map(
        (c: { id: string }) => c.id,
      ),
    ).toContain(created.body.id);
    const renamed = await frontDesk.patch(`/clients/${created.body.id}`, {
      lastName: 'Zenith',
      email: '',
    });
    expect(renamed.body.displayName).toBe('Quinn Zenith');
    expect(renamed.body.email).toBeUndefined();
    expect((await frontDesk.post('/clients/search', { q: 'zenith' })).body.clients).toHaveLength(1);
    await frontDesk.patch(`/clients/${created.body.id}`, { status: 'archived' });
    expect((await frontDesk.post('/clients/search', { q: 'zenith' })).body.clients).toHaveLength(0);
    expect(
      (await frontDesk.post('/clients/search', { q: 'zenith', includeArchived: true })).body
        .clients,
    ).toHaveLength(1);
    const bad = await frontDesk.patch(`/clients/${created.body.id}`, {
      phone: 'call me',
      dateOfBirth: '31/12/1990',
    });
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['dateOfBirth', 'phone']);
  });

  it('links a contact to several clients and lists them from each side', async () => {
    const frontDesk = apiAs('frontdesk@demo.test');
    const [a, b] = [await newClient(), await newClient()];
    const contact = await frontDesk.post('/contacts', {
      firstName: 'Ines',
      lastName: 'Interpreter',
      relationship: 'interpreter',
      email: 'ines@example.com',
      clientIds: [a],
    });
    expect(contact.status).toBe(201);
    const linked = await frontDesk.put(`/contacts/${contact.body.id}/clients/${b}`);
    expect(linked.body.clientIds.sort()).toEqual([a, b].sort());
    expect(
      (await frontDesk.get(`/clients/${b}/contacts`)).body.contacts.map(
        (c: { id: string }) => c.id,
      ),
    ).toEqual([contact.body.id]);
    const unlinked = await frontDesk.delete(`/contacts/${contact.body.id}/clients/${a}`);
    expect(unlinked.body.clientIds).toEqual([b]);
    const last = await frontDesk.delete(`/contacts/${contact.body.id}/clients/${b}`);
    expect(last.status).toBe(400);
    const missing = await frontDesk.post('/contacts', {
      firstName: 'No',
      lastName: 'Client',
      relationship: 'family',
      phone: '+12025550100',
      clientIds: ['no-such-client-1'],
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields).toHaveProperty('clientIds');
  });
});

describe('editing with the real field messages', () => {
  it('keeps the specific message for a bad email or phone in an edit, and clears a field with an empty string', async () => {
    const frontDesk = apiAs('frontdesk@demo.test');
    const client = (
      await frontDesk.post('/clients', {
        firstName: 'Edit',
        lastName: 'Messages',
        email: 'edit@example.com',
      })
    ).body;
    const bad = await frontDesk.patch(`/clients/${client.id}`, { email: 'nope', phone: 'call me' });
    expect(bad.body.error.fields.email).toMatch(/valid email/);
    expect(bad.body.error.fields.phone).toMatch(/valid phone/);
    const cleared = await frontDesk.patch(`/clients/${client.id}`, { email: '' });
    expect(cleared.body.email).toBeUndefined();
  });
});

describe('the users list', () => {
  it('shows when each person last opened the app', async () => {
    const owner = apiAs('owner@demo.test');
    await apiAs('dr.kim@demo.test').get('/me');
    const kim = (await owner.get('/users')).body.users.find(
      (u: { email: string }) => u.email === 'dr.kim@demo.test',
    );
    // Recorded at most every 10 minutes: a recent visit may have set it already.
    expect(Date.now() - Date.parse(kim.lastSignInAt)).toBeLessThan(11 * 60_000);
  });
});
