import { demoBookingSettings } from '../../../functions/local/seed';
import { defaultClinicSettings } from '../../../functions/scheduling/clinic';
import { at } from '../../helpers/api';
import { idempotencyKey, newEmail, proveEmail, slotAt } from '../../helpers/booking';
import type { CallerKey, World } from './callers';
import { freshBooking, freshCode, freshGuest, freshRequest, freshSignupToken } from './fixtures';

/** 'ok' is any 2xx; otherwise the exact status the caller must get. */
export type Outcome = 'ok' | 401 | 403 | 404;
export type Row = Record<CallerKey, Outcome>;

type Request = {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
  /** Extra headers: the guest sends their participant token on participant routes. */
  headers?: Record<string, string>;
};

export interface RouteCase {
  /** The request this caller sends; it may prepare state of its own first (a fresh invitee). */
  request: (world: World, caller: CallerKey, index: number) => Request | Promise<Request>;
  expect: Row;
}

const everyone: Row = {
  owner: 'ok',
  manager: 'ok',
  provider: 'ok',
  otherProvider: 'ok',
  staff: 'ok',
  client: 'ok',
  otherClient: 'ok',
  contact: 'ok',
  guest: 'ok',
  anonymous: 'ok',
};
const signedIn: Row = { ...everyone, guest: 401, anonymous: 401 };
const staff: Row = { ...signedIn, client: 403, otherClient: 403, contact: 403 };
/** Staff, but dr.kim may not see or touch dr.lee's appointment (answered as not found). */
const leesAppointment: Row = { ...staff, otherProvider: 404 };
const admins: Row = { ...staff, provider: 403, otherProvider: 403, staff: 403 };
const portal: Row = {
  ...signedIn,
  owner: 403,
  manager: 403,
  provider: 403,
  otherProvider: 403,
  staff: 403,
};
/** Invitations of pat's appointment with dr.lee: staff who see it, and pat (the clinic allows it). */
const inviters: Row = { ...leesAppointment, client: 'ok', otherClient: 404 };
/** A request on another provider's calendar: staff who manage calendars, not dr.lee or dr.kim. */
const othersRequest: Row = { ...staff, provider: 404, otherProvider: 404 };
/** A provider's booking settings: theirs (dr.lee's here), and owners' and managers'. */
const bookingEditors: Row = { ...admins, provider: 'ok' };
/** Runs a visit: only its provider (dr.lee); dr.kim's view of it is "not found". */
const hostOnly: Row = { ...admins, owner: 403, manager: 403, provider: 'ok', otherProvider: 404 };
/** Proven by a participant token, not a sign-in: the guest only (others get 401, our shape). */
const participantOnly: Row = {
  owner: 401,
  manager: 401,
  provider: 401,
  otherProvider: 401,
  staff: 401,
  client: 401,
  otherClient: 401,
  contact: 401,
  guest: 'ok',
  anonymous: 401,
};

/** Each caller books on a calendar it may use, at its own time, so allowed calls all succeed. */
function booking(w: World, caller: CallerKey, index: number) {
  const providerId = caller === 'otherProvider' ? w.kimId : w.leeId;
  return {
    providerId,
    clientId: w.patId,
    startsAt: at(200 + 12 * w.day + index, 15),
    endsAt: at(200 + 12 * w.day + index, 16),
  };
}

/** The hand-written table: every route by every caller. A new route fails the test until added. */
export const routeCases: Record<string, RouteCase> = {
  'platform.health': { request: () => ({ method: 'GET', path: '/health' }), expect: everyone },
  'platform.openapi': {
    request: () => ({ method: 'GET', path: '/openapi.json' }),
    expect: everyone,
  },
  'accounts.me': { request: () => ({ method: 'GET', path: '/me' }), expect: signedIn },
  'accounts.listUsers': { request: () => ({ method: 'GET', path: '/users' }), expect: admins },
  'accounts.inviteStaff': {
    request: (_w, caller) => ({
      method: 'POST',
      path: '/users',
      body: {
        email: `invite.${caller}.${Date.now()}@example.com`,
        displayName: 'Invited Person',
        role: 'staff',
      },
    }),
    expect: admins,
  },
  'accounts.updateUser': {
    request: (w) => ({
      method: 'PATCH',
      path: `/users/${w.staffMember.sub}`,
      body: { displayName: 'Matrix Staff Renamed' },
    }),
    expect: admins,
  },
  'accounts.listProviders': {
    request: () => ({ method: 'GET', path: '/providers' }),
    expect: staff,
  },
  'accounts.getSettings': { request: () => ({ method: 'GET', path: '/settings' }), expect: staff },
  'accounts.updateSettings': {
    request: () => ({ method: 'PATCH', path: '/settings', body: { name: 'Demo Clinic' } }),
    expect: admins,
  },
  'scheduling.schedule': {
    request: (w) => ({
      method: 'GET',
      path: `/schedule?from=${encodeURIComponent(at(w.day - 1, 0))}&to=${encodeURIComponent(at(w.day + 2, 0))}&providerId=${w.leeId}`,
    }),
    expect: leesAppointment,
  },
  'scheduling.createAppointment': {
    request: (w, caller, index) => ({
      method: 'POST',
      path: '/appointments',
      body: booking(w, caller, index),
    }),
    expect: staff,
  },
  'scheduling.getAppointment': {
    request: (w) => ({ method: 'GET', path: `/appointments/${w.appointment.id}` }),
    expect: leesAppointment,
  },
  'scheduling.updateAppointment': {
    request: (w) => ({
      method: 'PATCH',
      path: `/appointments/${w.appointment.id}`,
      body: { notes: 'Seen by the matrix' },
    }),
    expect: leesAppointment,
  },
  'scheduling.cancelAppointment': {
    request: (w) => ({ method: 'POST', path: `/appointments/${w.toCancel.id}/cancel` }),
    expect: leesAppointment,
  },
  'scheduling.searchClients': {
    request: () => ({ method: 'POST', path: '/clients/search', body: { q: 'riv' } }),
    expect: staff,
  },
  'scheduling.createClient': {
    request: (_w, caller) => ({
      method: 'POST',
      path: '/clients',
      body: { firstName: 'Matrix', lastName: caller },
    }),
    expect: staff,
  },
  'scheduling.getClient': {
    request: (w) => ({ method: 'GET', path: `/clients/${w.patId}` }),
    expect: staff,
  },
  'scheduling.updateClient': {
    request: (w) => ({
      method: 'PATCH',
      path: `/clients/${w.spareClient}`,
      body: { firstName: 'Spare' },
    }),
    expect: staff,
  },
  'scheduling.clientContacts': {
    request: (w) => ({ method: 'GET', path: `/clients/${w.patId}/contacts` }),
    expect: staff,
  },
  'scheduling.personalRoom': {
    request: (w) => ({ method: 'POST', path: `/clients/${w.spareClient}/personal-room`, body: {} }),
    expect: staff,
  },
  'scheduling.createContact': {
    request: (w, caller) => ({
      method: 'POST',
      path: '/contacts',
      body: {
        firstName: 'Matrix',
        lastName: caller,
        relationship: 'other',
        phone: '+12025550111',
        clientIds: [w.spareClient],
      },
    }),
    expect: staff,
  },
  'scheduling.getContact': {
    request: (w) => ({ method: 'GET', path: `/contacts/${w.contact.id}` }),
    expect: staff,
  },
  'scheduling.updateContact': {
    request: (w) => ({
      method: 'PATCH',
      path: `/contacts/${w.contact.id}`,
      body: { relationship: 'caregiver' },
    }),
    expect: staff,
  },
  'scheduling.linkContact': {
    request: (w) => ({ method: 'PUT', path: `/contacts/${w.contact.id}/clients/${w.spareClient}` }),
    expect: staff,
  },
  'scheduling.unlinkContact': {
    request: (w) => ({
      method: 'DELETE',
      path: `/contacts/${w.contact.id}/clients/${w.spareClient}`,
    }),
    expect: staff,
  },
  'scheduling.listRooms': { request: () => ({ method: 'GET', path: '/rooms' }), expect: staff },
  'scheduling.createRoom': {
    request: (_w, caller) => ({
      method: 'POST',
      path: '/rooms',
      body: { title: `Room of ${caller}` },
    }),
    expect: staff,
  },
  'scheduling.getRoom': {
    request: (w) => ({ method: 'GET', path: `/rooms/${w.room.id}` }),
    expect: staff,
  },
  'scheduling.updateRoom': {
    request: (w) => ({
      method: 'PATCH',
      path: `/rooms/${w.room.id}`,
      body: { title: 'Matrix room' },
    }),
    expect: staff,
  },
  'scheduling.portalAppointments': {
    request: () => ({ method: 'GET', path: '/portal/appointments' }),
    expect: portal,
  },
  'accounts.setTemporaryPassword': {
    request: (w) => ({ method: 'POST', path: `/users/${w.staffMember.sub}/temporary-password` }),
    expect: admins,
  },
  'invitations.listInvitees': {
    request: (w) => ({ method: 'GET', path: `/appointments/${w.appointment.id}/invitees` }),
    expect: inviters,
  },
  'invitations.addInvitee': {
    request: (w, caller) => ({
      method: 'POST',
      path: `/appointments/${w.appointment.id}/invitees`,
      body: { email: `matrix.${caller}.${Date.now()}@example.com` },
    }),
    expect: inviters,
  },
  'invitations.removeInvitee': {
    request: async (w) => ({
      method: 'DELETE',
      path: `/appointments/${w.appointment.id}/invitees/${await freshGuest(w)}`,
    }),
    // Pat did not invite that guest (the front desk did): a client removes only their own guests.
    expect: { ...inviters, client: 403 },
  },
  'invitations.sendInvitations': {
    request: (w) => ({
      method: 'POST',
      path: `/appointments/${w.appointment.id}/invitations/send`,
    }),
    expect: inviters,
  },
  'invitations.resendInvitation': {
    request: (w) => ({
      method: 'POST',
      path: `/appointments/${w.appointment.id}/invitees/${w.guestInviteeId}/send`,
    }),
    expect: inviters,
  },
  'invitations.joinLink': {
    request: (w) => ({ method: 'GET', path: `/join/${w.guestToken}` }),
    expect: everyone,
  },
  'invitations.portalInvitation': {
    request: (w) => ({ method: 'POST', path: `/clients/${w.spareClient}/portal-invitation` }),
    expect: staff,
  },
  'invitations.describeSignup': {
    request: async (w) => ({ method: 'GET', path: `/portal/sign-up/${await freshSignupToken(w)}` }),
    expect: everyone,
  },
  'invitations.completeSignup': {
    request: async (w) => ({
      method: 'POST',
      path: `/portal/sign-up/${await freshSignupToken(w)}`,
      body: { password: 'Matrix-Password-1' },
    }),
    expect: everyone,
  },
  'invitations.renewSignup': {
    request: async (w) => ({
      method: 'POST',
      path: `/portal/sign-up/${await freshSignupToken(w)}/renew`,
    }),
    expect: everyone,
  },
  'visits.start': {
    request: (w) => ({ method: 'POST', path: `/appointments/${w.live.visitId}/visit/start` }),
    expect: hostOnly,
  },
  'visits.startRoom': {
    request: (w) => ({ method: 'POST', path: `/rooms/${w.room.id}/visit/start` }),
    // The first provider to start a room's visit hosts it; another provider is then refused.
    expect: { ...hostOnly, otherProvider: 403 },
  },
  'visits.portalKnock': {
    request: (w) => ({ method: 'POST', path: `/appointments/${w.live.visitId}/visit/knock` }),
    expect: {
      ...signedIn,
      owner: 403,
      manager: 403,
      provider: 403,
      otherProvider: 403,
      staff: 403,
      otherClient: 404,
    },
  },
  'visits.linkKnock': {
    request: (w) => ({
      method: 'POST',
      path: `/join/${w.live.guestLink}/knock`,
      body: { firstName: 'Matrix', lastName: 'Knock' },
    }),
    expect: everyone,
  },
  'visits.list': { request: () => ({ method: 'GET', path: '/visits' }), expect: staff },
  'visits.get': {
    request: (w) => ({ method: 'GET', path: `/visits/${w.live.visitId}` }),
    expect: leesAppointment,
  },
  'visits.hostSession': {
    request: (w) => ({ method: 'GET', path: `/visits/${w.live.visitId}/session` }),
    expect: hostOnly,
  },
  'visits.admit': {
    request: (w) => ({
      method: 'POST',
      path: `/visits/${w.live.visitId}/admit`,
      body: { participantIds: [w.live.admitted.participantId] },
    }),
    expect: hostOnly,
  },
  'visits.deny': {
    request: (w) => ({
      method: 'POST',
      path: `/visits/${w.live.visitId}/deny`,
      body: { participantId: w.live.deny.participantId },
    }),
    expect: hostOnly,
  },
  'visits.remove': {
    request: (w) => ({
      method: 'POST',
      path: `/visits/${w.live.visitId}/remove`,
      body: { participantId: w.live.remove.participantId },
    }),
    expect: hostOnly,
  },
  'visits.phoneMute': {
    request: (w) => ({
      method: 'POST',
      path: `/visits/${w.live.visitId}/phone-mute`,
      body: { participantId: w.live.phoneCaller.participantId, muted: true },
    }),
    expect: hostOnly,
  },
  'visits.phoneCall': {
    // Each allowed call rings a number of its own on the local phone network (and rings out).
    request: (w, _caller, i) => ({
      method: 'POST',
      path: `/visits/${w.live.visitId}/phone-calls`,
      body: { number: `+1202555${String(8000 + i).padStart(4, '0')}` },
    }),
    expect: hostOnly,
  },
  'visits.me': {
    request: (w, caller) =>
      participantRequest(
        'GET',
        `/visits/${w.live.visitId}/me`,
        caller,
        w.live.waiting.participantToken,
      ),
    expect: participantOnly,
  },
  'visits.mySession': {
    request: (w, caller) =>
      participantRequest(
        'GET',
        `/visits/${w.live.visitId}/me/session`,
        caller,
        w.live.admitted.participantToken,
      ),
    expect: participantOnly,
  },
  'visits.leave': {
    request: (w, caller) =>
      participantRequest(
        'POST',
        `/visits/${w.live.visitId}/me/leave`,
        caller,
        w.live.leave.participantToken,
      ),
    expect: participantOnly,
  },
  'visits.audit': {
    request: () => ({
      method: 'GET',
      path: `/audit?from=${encodeURIComponent(at(-1, 0))}&to=${encodeURIComponent(at(1, 0))}`,
    }),
    expect: admins,
  },
  'visits.auditCsv': {
    request: () => ({
      method: 'GET',
      path: `/audit/export.csv?from=${encodeURIComponent(at(-1, 0))}&to=${encodeURIComponent(at(1, 0))}`,
    }),
    expect: admins,
  },
  'scheduling.approveRequest': {
    request: async (w, _caller, i) => ({
      method: 'POST',
      path: `/appointments/${await freshRequest(w, i)}/approve`,
    }),
    expect: othersRequest,
  },
  'scheduling.declineRequest': {
    request: async (w, _caller, i) => ({
      method: 'POST',
      path: `/appointments/${await freshRequest(w, i + 10)}/decline`,
    }),
    expect: othersRequest,
  },
  'booking.getBookingSettings': {
    request: (w) => ({ method: 'GET', path: `/providers/${w.leeId}/booking-settings` }),
    expect: bookingEditors,
  },
  'booking.putBookingSettings': {
    request: (w) => ({
      method: 'PUT',
      path: `/providers/${w.leeId}/booking-settings`,
      body: (({ updatedAt: _, ...input }) => input)(
        demoBookingSettings(defaultClinicSettings.timeZone),
      ),
    }),
    expect: bookingEditors,
  },
  'booking.bookingPage': {
    request: (w) => ({ method: 'GET', path: `/book/${w.bookable}` }),
    expect: everyone,
  },
  'booking.freeSlots': {
    request: (w) => ({
      method: 'GET',
      path: `/book/${w.bookable}/slots?typeId=session-50&from=${encodeURIComponent(at(20, 0))}&to=${encodeURIComponent(at(21, 0))}`,
    }),
    expect: everyone,
  },
  'booking.sendBookingCode': {
    request: (w) => ({
      method: 'POST',
      path: `/book/${w.bookable}/codes`,
      body: { email: `matrix.code.${Date.now()}.${Math.random()}@example.com` },
    }),
    expect: everyone,
  },
  'booking.checkBookingCode': {
    request: async (w) => ({
      method: 'POST',
      path: `/book/${w.bookable}/codes/check`,
      body: await freshCode(w),
    }),
    expect: everyone,
  },
  'booking.bookOnline': {
    request: async (w, _caller, i) => ({
      method: 'POST',
      path: `/book/${w.bookable}/bookings`,
      body: {
        typeId: 'session-50',
        startsAt: slotAt(20, i),
        proof: await proveEmail(w.bookable, newEmail()),
        idempotencyKey: idempotencyKey(),
        firstName: 'Matrix',
        lastName: 'Booker',
      },
    }),
    expect: everyone,
  },
  'booking.bookAsClient': {
    request: (w, _caller, i) => ({
      method: 'POST',
      path: `/book/${w.bookable}/portal-bookings`,
      body: { typeId: 'session-50', startsAt: slotAt(25, i), idempotencyKey: idempotencyKey() },
    }),
    // Clients only: a contact has no client record to book as.
    expect: { ...portal, contact: 403 },
  },
  'booking.viewBooking': {
    request: async (w, _caller, i) => ({
      method: 'GET',
      path: `/bookings/${await freshBooking(w, 21, i)}`,
    }),
    expect: everyone,
  },
  'booking.cancelBooking': {
    request: async (w, _caller, i) => ({
      method: 'POST',
      path: `/bookings/${await freshBooking(w, 22, i)}/cancel`,
    }),
    expect: everyone,
  },
  'booking.rescheduleBooking': {
    request: async (w, _caller, i) => ({
      method: 'POST',
      path: `/bookings/${await freshBooking(w, 23, i)}/reschedule`,
      body: { startsAt: slotAt(23, i + 12) },
    }),
    expect: everyone,
  },
  // Last: it ends the shared visit.
  'visits.end': {
    request: (w) => ({ method: 'POST', path: `/visits/${w.live.visitId}/end` }),
    expect: hostOnly,
  },
};

/** Participant routes prove the caller by a participant token: only the guest holds one. */
function participantRequest(
  method: 'GET' | 'POST',
  path: string,
  caller: CallerKey,
  token: string,
): Request {
  return {
    method,
    path,
    ...(caller === 'guest' ? { headers: { 'x-participant-token': token } } : {}),
  };
}
