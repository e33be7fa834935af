import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiAs } from '../../helpers/api';

type Found = { clients: { id: string; status: string }[]; cursor?: string };

const frontDesk = () => apiAs('frontdesk@demo.test');
const search = async (body: Record<string, unknown>) => {
  const found = await frontDesk().post<Found>('/clients/search', body);
  expect(found.status, JSON.stringify(found.body)).toBe(200);
  return found.body;
};
const idsOf = async (body: Record<string, unknown>) =>
  (await search(body)).clients.map((c) => c.id);

/** A last name no other test uses, so each test sees only its own clients. */
const uniqueName = () => `Srch${randomUUID().replaceAll('-', '').slice(0, 10)}`;

async function addClient(fields: Record<string, string>) {
  const created = await frontDesk().post('/clients', { firstName: 'Dana', ...fields });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id as string;
}

describe('client search by every field', () => {
  it('finds a client by email (whole, any case), phone (any notation) and date of birth', async () => {
    const lastName = uniqueName();
    const email = `${lastName.toLowerCase()}@example.com`;
    const id = await addClient({
      lastName,
      email,
      phone: '(617) 555-0134',
      dateOfBirth: '1971-03-09',
    });
    expect(await idsOf({ q: email.toUpperCase() })).toEqual([id]);
    expect(await idsOf({ q: '617.555.0134' })).toEqual([id]);
    expect(await idsOf({ q: '+1 617 555 0134' })).toEqual([id]);
    expect(await idsOf({ q: '1971-03-09' })).toContain(id);
    expect(await idsOf({ q: lastName.slice(0, 8) })).toEqual([id]);
    expect(await idsOf({ q: `dana ${lastName.slice(0, 6)}` })).toEqual([id]);
    // An address is matched whole: another at the same domain finds nobody.
    expect(await idsOf({ q: `x${email}` })).toEqual([]);
  });

  it('finds the demo clinic’s seeded clients by email, phone and date of birth', async () => {
    const [pat] = (await search({ q: 'pat@demo.test' })).clients;
    expect(pat).toMatchObject({ displayName: 'Pat Rivera' });
    expect(await idsOf({ q: '202-555-0143' })).toEqual([pat?.id]);
    expect(await idsOf({ q: '1986-04-12' })).toContain(pat?.id);
  });

  it('finds an edited client by the new email and phone, never by the old', async () => {
    const lastName = uniqueName();
    const oldEmail = `old.${lastName.toLowerCase()}@example.com`;
    const newEmail = `new.${lastName.toLowerCase()}@example.com`;
    const id = await addClient({ lastName, email: oldEmail, phone: '617 555 0170' });
    const edited = await frontDesk().patch(`/clients/${id}`, {
      email: newEmail,
      phone: '617 555 0171',
      dateOfBirth: '1964-11-30',
    });
    expect(edited.status).toBe(200);
    expect(await idsOf({ q: newEmail })).toEqual([id]);
    expect(await idsOf({ q: oldEmail })).toEqual([]);
    expect(await idsOf({ q: '6175550171' })).toEqual([id]);
    expect(await idsOf({ q: '6175550170' })).toEqual([]);
    expect(await idsOf({ q: '1964-11-30' })).toContain(id);
    await frontDesk().patch(`/clients/${id}`, { phone: '', dateOfBirth: '' });
    expect(await idsOf({ q: '6175550171' })).toEqual([]);
    expect(await idsOf({ q: '1964-11-30' })).not.toContain(id);
    expect(await idsOf({ q: newEmail })).toEqual([id]);
  });

  it('applies edits sent at the same moment one after the other: the finders match the winner', async () => {
    const lastName = uniqueName();
    const id = await addClient({ lastName, email: `${lastName}@example.com` });
    const emails = Array.from({ length: 6 }, (_, i) =>
      `race${i}.${lastName}@example.com`.toLowerCase(),
    );
    const answers = await Promise.all(
      emails.map((email) => frontDesk().patch(`/clients/${id}`, { email })),
    );
    for (const answer of answers) expect([200, 409]).toContain(answer.status);
    const final = (await frontDesk().get(`/clients/${id}`)).body.email as string;
    const findable = [];
    for (const email of [...emails, `${lastName}@example.com`.toLowerCase()]) {
      if ((await idsOf({ q: email })).includes(id)) findable.push(email);
    }
    expect(findable).toEqual([final]);
  });
});

describe('archived clients', () => {
  it('are left out unless asked for, then come after the active ones, by every field', async () => {
    const lastName = uniqueName();
    const email = `shared.${lastName.toLowerCase()}@example.com`;
    const active = await addClient({ lastName, firstName: 'Ann', email });
    const archived = await addClient({ lastName, firstName: 'Abe', email, phone: '6175550190' });
    await frontDesk().patch(`/clients/${archived}`, { status: 'archived' });
    expect(await idsOf({ q: lastName })).toEqual([active]);
    expect(await idsOf({ q: email })).toEqual([active]);
    expect(await idsOf({ q: '6175550190' })).toEqual([]);
    expect(await idsOf({ q: lastName, includeArchived: true })).toEqual([active, archived]);
    expect(await idsOf({ q: email, includeArchived: true })).toEqual([active, archived]);
    expect(await idsOf({ q: '6175550190', includeArchived: true })).toEqual([archived]);
    await frontDesk().patch(`/clients/${archived}`, { status: 'active' });
    expect(await idsOf({ q: '6175550190' })).toEqual([archived]);
  });

  it('never crowd out active clients, however many there are', async () => {
    const lastName = uniqueName();
    const archived = await Promise.all(
      Array.from({ length: 60 }, (_, i) => addClient({ lastName, firstName: `Arch${i}` })),
    );
    await Promise.all(
      archived.map((id) => frontDesk().patch(`/clients/${id}`, { status: 'archived' })),
    );
    const active = await addClient({ lastName, firstName: 'Zoe' });
    expect(await idsOf({ q: lastName, limit: 5 })).toEqual([active]);
  });
});

describe('paging', () => {
  it('pages more than 50 clients by cursor, each once, in name order, and says when it ends', async () => {
    const lastName = uniqueName();
    const made = await Promise.all(
      Array.from({ length: 57 }, (_, i) =>
        addClient({ lastName, firstName: `P${String(i).padStart(2, '0')}` }),
      ),
    );
    const first = await search({ q: lastName });
    expect(first.clients).toHaveLength(50);
    expect(first.cursor).toEqual(expect.any(String));
    const second = await search({ q: lastName, cursor: first.cursor });
    expect(second.clients).toHaveLength(7);
    expect(second.cursor).toBeUndefined();
    const seen = [...first.clients, ...second.clients].map((c) => c.id);
    expect(new Set(seen).size).toBe(57);
    expect(seen).toEqual(made);
  });

  it('pages a first-name search without repeating a client that matched by last name too', async () => {
    const stem = uniqueName();
    const byLast = await addClient({ firstName: 'Kim', lastName: `${stem}a` });
    const byBoth = await addClient({ firstName: `${stem}b`, lastName: `${stem}b` });
    const byFirst = await addClient({ firstName: `${stem}c`, lastName: 'Other' });
    const pages: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await search({ q: stem, limit: 1, ...(cursor ? { cursor } : {}) });
      pages.push(...page.clients.map((c) => c.id));
      cursor = page.cursor;
    } while (cursor);
    expect(pages).toEqual([byLast, byBoth, byFirst]);
  });
});

describe('bad searches change nothing and say what is wrong', () => {
  it('answers 400 naming q for an unreadable phone, date or email, and cursor for a foreign cursor', async () => {
    for (const [q, message] of [
      ['555-01', /whole number/],
      ['1986-02-30', /real date/],
      ['4/12/1986', /YYYY-MM-DD/],
      ['pat@', /whole address/],
    ] as const) {
      const bad = await frontDesk().post('/clients/search', { q });
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields.q).toMatch(message);
    }
    const first = await search({ q: '', limit: 1 });
    const foreign = await frontDesk().post('/clients/search', { q: 'zz', cursor: first.cursor });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.code).toBe('clients.bad_cursor');
    const garbage = await frontDesk().post('/clients/search', { cursor: 'not-a-cursor' });
    expect(garbage.body.error.fields).toHaveProperty('cursor');
    const long = await frontDesk().post('/clients/search', { q: 'x'.repeat(20_000) });
    expect(long.body.error.fields).toHaveProperty('q');
    const old = await frontDesk().get('/clients?q=rivera');
    expect(old.status).toBe(404);
  });
});
