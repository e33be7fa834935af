import { apiAs, at } from '../../helpers/api';
import { createUser } from '../../helpers/auth';
import { bookableProvider } from '../../helpers/booking';
import { demoPeople, newClient } from '../../helpers/people';
import { dial, heardLast } from '../../helpers/phone';
import { bookLiveAppointment, knock } from '../../helpers/visits';

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
  // Each world takes the first free day from 90 on, so several test files can share one stack.
  let day = 90;
  let booked = await frontDesk.post('/appointments', {
    providerId: leeId,
    clientId: patId,
    startsAt: at(day, 15),
    endsAt: at(day, 16),
    video: true,
  });
  while (booked.status === 409 && day < 140) {
    day += 1;
    booked = await frontDesk.post('/appointments', {
      providerId: leeId,
      clientId: patId,
      startsAt: at(day, 15),
      endsAt: at(day, 16),
      video: true,
    });
  }
  const appointment = booked.body.appointments[0];
  const toCancel = (
    await frontDesk.post('/appointments', {
      providerId: leeId,
      clientId: patId,
      startsAt: at(day, 17),
      endsAt: at(day, 18),
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
  const live = await liveVisit(leeId, patId);
  const bookable = await bookableProvider();
  const asking = await bookableProvider({ newClients: 'request' });
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
    live,
    otherClientEmail: otherClient.email,
    day,
    bookable: bookable.sub,
    asking: asking.sub,
  };
}

/**
 * A visit of dr.lee with pat whose window is open now, started, with Sam invited and guests in
 * each place a route needs: one waiting, one admitted, one to deny, one to remove, one to leave,
 * and a caller on the phone, in the call.
 */
async function liveVisit(leeId: string, patId: string) {
  const frontDesk = apiAs('frontdesk@demo.test');
  const appointment = await bookLiveAppointment(leeId, patId);
  await frontDesk.post(`/appointments/${appointment.id}/invitees`, {
    contactId: 'd4dab3c5-8e4a-4f1b-8d8a-3e4c9b5a7f44',
  });
  const links: string[] = [];
  for (const name of ['waiting', 'admitted', 'deny', 'remove', 'leave']) {
    const email = `matrix.${name}.${Date.now()}@example.com`;
    const listed = await frontDesk.post(`/appointments/${appointment.id}/invitees`, { email });
    links.push(
      String(listed.body.invitees.find((i: { email?: string }) => i.email === email).link).split(
        '/join/',
      )[1] ?? '',
    );
  }
  const byPhone = await frontDesk.post(`/appointments/${appointment.id}/invitees`, {
    phone: '+12025550177',
  });
  const pin = String(
    byPhone.body.invitees.find((i: { phone?: string }) => i.phone === '+12025550177').pin,
  );
  const lee = apiAs('dr.lee@demo.test');
  await lee.post(`/appointments/${appointment.id}/visit/start`);
  const [waiting, admitted, deny, remove, leave] = await Promise.all(links.map((l) => knock(l)));
  if (!waiting || !admitted || !deny || !remove || !leave) throw new Error('knocks missing');
  const call = await dial('+15550001234');
  await call.until((c) => c.listening, 'asked for the PIN');
  await call.press(`${pin}#`);
  await call.until((c) => /knows you are here/.test(heardLast(c)), 'waited');
  const people = (await lee.get(`/visits/${appointment.id}`)).body.participants as {
    participantId: string;
    via: string;
  }[];
  const phoneCaller = people.find((p) => p.via === 'phone');
  if (!phoneCaller) throw new Error('the caller did not knock');
  await lee.post(`/visits/${appointment.id}/admit`, {
    participantIds: [admitted.participantId, remove.participantId, phoneCaller.participantId],
  });
  await call.until((c) => c.inMeeting, 'joined the meeting');
  return {
    visitId: String(appointment.id),
    waiting,
    admitted,
    deny,
    remove,
    leave,
    phoneCaller,
    guestLink: links[0] ?? '',
  };
}

export type World = Awaited<ReturnType<typeof setUpWorld>>;

/** A caller that sends a fixed bearer value: a guest pasting their link token as a login. */
function bearerCaller(token: string): Caller {
  const anonymous = apiAs(null);
  const bearer = { authorization: `Bearer ${token}` };
  return {
    ...anonymous,
    get: (path) => anonymous.call('GET', path, undefined, bearer),
    post: (path, body, extra) => anonymous.call('POST', path, body ?? {}, { ...bearer, ...extra }),
    patch: (path, body) => anonymous.call('PATCH', path, body, bearer),
    put: (path, body) => anonymous.call('PUT', path, body, bearer),
    delete: (path) => anonymous.call('DELETE', path, undefined, bearer),
    call: (method, path, body, extra) =>
      anonymous.call(method, path, body, { ...bearer, ...extra }),
  };
}
