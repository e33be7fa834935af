import { apiAs } from './api';

/** The demo people, their ids as the API knows them, and a few made for the test. */
export async function demoPeople() {
  const frontDesk = apiAs('frontdesk@demo.test');
  const providers = (
    await frontDesk.get<{ providers: { sub: string; displayName: string }[] }>('/providers')
  ).body.providers;
  const lee = providers.find((p) => p.displayName.includes('Lee'));
  const kim = providers.find((p) => p.displayName.includes('Kim'));
  const pat = (
    await frontDesk.post<{ clients: { id: string; email?: string }[] }>('/clients/search', {
      q: 'pat@demo.test',
    })
  ).body.clients.find((c) => c.email === 'pat@demo.test');
  if (!lee || !kim || !pat) throw new Error('The demo clinic is not seeded');
  return { frontDesk, leeId: lee.sub, kimId: kim.sub, patId: pat.id };
}

let counter = 0;
/** A fresh client, so tests never depend on each other's appointments. */
export async function newClient(first = 'Test') {
  counter += 1;
  const created = await apiAs('frontdesk@demo.test').post<{ id: string }>('/clients', {
    firstName: `${first}${counter}`,
    lastName: `Client${Date.now() % 100000}`,
    email: `client${counter}.${Date.now()}@example.com`,
  });
  if (created.status !== 201)
    throw new Error(`client not created: ${JSON.stringify(created.body)}`);
  return created.body.id;
}
