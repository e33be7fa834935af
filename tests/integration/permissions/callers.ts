import { apiAs, at } from '../../helpers/api';
import { createUser } from '../../helpers/auth';
import { demoPeople, newClient } from '../../helpers/people';

/** Every kind of caller DESIGN.md section 5 names. */
export const callerKeys = [
  'owner',
  'manager',
  'provider',
  'otherProvider',
  'staff',
  'client',
  'otherClient',
  'contact',
  'guest',
  'anonymous',
] as const;
export type CallerKey = (typeof callerKeys)[number];

export type Caller = ReturnType<typeof apiAs>;

/**
 * The callers and the records they act on. "provider" is dr.lee, whose appointment the routes
 * touch; "otherProvider" is dr.kim; "client" is pat, whose appointment it is; "otherClient" has
 * a portal account of their own; "guest" holds a valid join link but no account, and sends the
 * link token where a sign-in token belongs.
 */
export async function setUpWorld() {
  const { leeId, kimId, patId } = await demoPeople();
  const frontDesk = apiAs('frontdesk@demo.test');
  const otherClientId = await newClient('Other');
  const otherClient = await createUser('client', { profile: { clientId: otherClientId } });
  const appointment = (
    await frontDesk.post('/appointments', {
      providerId: leeId,
      clientId: patId,
      startsAt: at(90, 15),
      endsAt: at(90, 16),
      video: true,
    })
  ).body.appointments[0];
  const toCancel = (
    await frontDesk.post('/appointments', {
      providerId: leeId,
      clientId: patId,
      startsAt: at(90, 17),
      endsAt: at(90, 18),
    })
  ).body.appointments[0];
  const spareClient = await newClient('Spare');
  const contact = (
    await frontDesk.post('/contacts', {
      firstName: 'Matrix',
      lastName: 'Contact',
      relationship: 'family',
      email: `matrix.${Date.now()}@example.com`,
      clientIds: [patId, spareClient],
    })
  ).body;
  const room = (await frontDesk.post('/rooms', { title: 'Matrix room' })).body;
  const staffMember = (
    await apiAs('owner@demo.test').post('/users', {
      email: `matrix.staff.${Date.now()}@example.com`,
      displayName: 'Matrix Staff',
      role: 'staff',
    })
  ).body;
  const invited = await frontDesk.post(`/appointments/${appointment.id}/invitees`, {
    email: `matrix.guest.${Date.now()}@example.com`,
  });
  const guest = invited.body.invitees.find((i: { kind: string }) => i.kind === 'guest');
  const guestToken = String(guest.link).split('/join/')[1] ?? '';
  const guestInviteeId = String(guest.inviteeId);
  const callers: Record<CallerKey, Caller> = {
    owner: apiAs('owner@demo.test'),
    manager: apiAs('manager@demo.test'),
    provider: apiAs('dr.lee@demo.test'),
    otherProvider: apiAs('dr.kim@demo.test'),
    staff: frontDesk,
    client: apiAs('pat@demo.test'),
    otherClient: apiAs(otherClient),
    contact: apiAs('sam@demo.test'),
    guest: bearerCaller(guestToken),
    anonymous: apiAs(null),
  };
  return {
    callers,
    leeId,
    kimId,
    patId,
    appointment,
    toCancel,
    contact,
    spareClient,
    room,
    staffMember,
    guestToken,
    guestInviteeId,
  };
}

export type World = Awaited<ReturnType<typeof setUpWorld>>;

/** A caller that sends a fixed bearer value: a guest pasting their link token as a login. */
function bearerCaller(token: string): Caller {
  const anonymous = apiAs(null);
  const headers = { authorization: `Bearer ${token}` };
  return {
    ...anonymous,
    get: (path) => anonymous.call('GET', path, undefined, headers),
    post: (path, body, extra) => anonymous.call('POST', path, body ?? {}, { ...headers, ...extra }),
    patch: (path, body) => anonymous.call('PATCH', path, body, headers),
    put: (path, body) => anonymous.call('PUT', path, body, headers),
    delete: (path) => anonymous.call('DELETE', path, undefined, headers),
  };
}
