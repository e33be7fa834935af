import * as z from 'zod/mini';
import { staffRoles } from '../../identity/actor';
import { AppointmentInput, AppointmentPatch } from '../../scheduling/appointment-input';
import { AppointmentSchema, PortalAppointmentSchema } from '../../scheduling/appointment-views';
import { ClientSearchInput, ClientSearchResultSchema } from '../../scheduling/client-search';
import { ClientInput, ClientPatch, ClientSchema } from '../../scheduling/clients';
import { ContactInput, ContactPatch, ContactSchema } from '../../scheduling/contacts';
import { PersonalRoomInput, RoomInput, RoomPatch, RoomSchema } from '../../scheduling/rooms';
import { ScheduleSchema } from '../../scheduling/schedule';
import { body, json, userRoute } from '../route';
import { errorResponse, Id, IsoDateTime } from '../schemas';

const tags = ['scheduling'];
const idParam = z.object({ id: Id });
const notFound = { 404: errorResponse('Not found, or not visible to this person') };
const conflict = { 409: errorResponse('Conflicts with the current state') };

export const schedulingRoutes = {
  schedule: userRoute(staffRoles, {
    method: 'get',
    path: '/api/schedule',
    tags,
    summary:
      "Appointments in a time range: a provider's own, or (front desk, managers) one provider's or everyone's",
    request: {
      query: z.object({ from: IsoDateTime, to: IsoDateTime, providerId: z.optional(Id) }),
    },
    responses: { 200: json(ScheduleSchema, 'The schedule') },
  }),
  createAppointment: userRoute(staffRoles, {
    method: 'post',
    path: '/api/appointments',
    tags,
    summary: 'Book an appointment (or a weekly series); never double-books a provider',
    request: { body: body(AppointmentInput) },
    responses: {
      201: json(z.object({ appointments: z.array(AppointmentSchema) }), 'Booked'),
      ...conflict,
    },
  }),
  getAppointment: userRoute(staffRoles, {
    method: 'get',
    path: '/api/appointments/{id}',
    tags,
    summary: 'One appointment, with its video link',
    request: { params: idParam },
    responses: { 200: json(AppointmentSchema, 'The appointment'), ...notFound },
  }),
  updateAppointment: userRoute(staffRoles, {
    method: 'patch',
    path: '/api/appointments/{id}',
    tags,
    summary: 'Change times, client, provider, reason, notes, or make it a video session',
    request: { params: idParam, body: body(AppointmentPatch) },
    responses: { 200: json(AppointmentSchema, 'Changed'), ...notFound, ...conflict },
  }),
  cancelAppointment: userRoute(staffRoles, {
    method: 'post',
    path: '/api/appointments/{id}/cancel',
    tags,
    summary: 'Cancel: frees the time and revokes every link at once',
    request: { params: idParam },
    responses: { 200: json(AppointmentSchema, 'Cancelled'), ...notFound, ...conflict },
  }),
  approveRequest: userRoute(staffRoles, {
    method: 'post',
    path: '/api/appointments/{id}/approve',
    tags: ['booking'],
    summary:
      "Approve a new client's booking request: the client gets the confirmation with their link",
    request: { params: idParam },
    responses: { 200: json(AppointmentSchema, 'Approved'), ...notFound, ...conflict },
  }),
  declineRequest: userRoute(staffRoles, {
    method: 'post',
    path: '/api/appointments/{id}/decline',
    tags: ['booking'],
    summary: 'Decline a booking request: the time is free again and the client is told',
    request: { params: idParam },
    responses: { 200: json(AppointmentSchema, 'Declined'), ...notFound, ...conflict },
  }),
  searchClients: userRoute(staffRoles, {
    method: 'post',
    path: '/api/clients/search',
    tags,
    summary:
      'Clients whose first or last name starts with q, or whose email, phone or date of birth is q; a page at a time',
    description:
      'A POST, so that names, emails, phone numbers and dates of birth never appear in a URL (access logs keep URLs). An email is matched whole and case-insensitively, a phone number in any common notation by its E.164 form, a date of birth as YYYY-MM-DD; other text is a name prefix. Archived clients only with includeArchived, after the active ones. Send `cursor` back for the next page.',
    request: { body: body(ClientSearchInput) },
    responses: { 200: json(ClientSearchResultSchema, 'A page of matching clients') },
  }),
  createClient: userRoute(staffRoles, {
    method: 'post',
    path: '/api/clients',
    tags,
    summary: 'Add a client',
    request: { body: body(ClientInput) },
    responses: { 201: json(ClientSchema, 'Added') },
  }),
  getClient: userRoute(staffRoles, {
    method: 'get',
    path: '/api/clients/{id}',
    tags,
    summary: 'One client',
    request: { params: idParam },
    responses: { 200: json(ClientSchema, 'The client'), ...notFound },
  }),
  updateClient: userRoute(staffRoles, {
    method: 'patch',
    path: '/api/clients/{id}',
    tags,
    summary: "Edit a client, or archive one (status 'archived')",
    request: { params: idParam, body: body(ClientPatch) },
    responses: { 200: json(ClientSchema, 'Changed'), ...notFound },
  }),
  clientContacts: userRoute(staffRoles, {
    method: 'get',
    path: '/api/clients/{id}/contacts',
    tags,
    summary: "A client's contacts (family, caregivers, interpreters, other providers)",
    request: { params: idParam },
    responses: {
      200: json(z.object({ contacts: z.array(ContactSchema) }), 'Contacts'),
      ...notFound,
    },
  }),
  personalRoom: userRoute(staffRoles, {
    method: 'post',
    path: '/api/clients/{id}/personal-room',
    tags,
    summary: "The client's personal room: made on first call with its title, then reused",
    request: { params: idParam, body: body(PersonalRoomInput) },
    responses: { 200: json(RoomSchema, 'The personal room'), ...notFound },
  }),
  createContact: userRoute(staffRoles, {
    method: 'post',
    path: '/api/contacts',
    tags,
    summary: 'Add a contact linked to one or more clients',
    request: { body: body(ContactInput) },
    responses: { 201: json(ContactSchema, 'Added') },
  }),
  getContact: userRoute(staffRoles, {
    method: 'get',
    path: '/api/contacts/{id}',
    tags,
    summary: 'One contact',
    request: { params: idParam },
    responses: { 200: json(ContactSchema, 'The contact'), ...notFound },
  }),
  updateContact: userRoute(staffRoles, {
    method: 'patch',
    path: '/api/contacts/{id}',
    tags,
    summary: 'Edit a contact',
    request: { params: idParam, body: body(ContactPatch) },
    responses: { 200: json(ContactSchema, 'Changed'), ...notFound },
  }),
  linkContact: userRoute(staffRoles, {
    method: 'put',
    path: '/api/contacts/{id}/clients/{clientId}',
    tags,
    summary: 'Link a contact to a client',
    request: { params: z.object({ id: Id, clientId: Id }) },
    responses: { 200: json(ContactSchema, 'Linked'), ...notFound },
  }),
  unlinkContact: userRoute(staffRoles, {
    method: 'delete',
    path: '/api/contacts/{id}/clients/{clientId}',
    tags,
    summary: 'Unlink a contact from a client',
    request: { params: z.object({ id: Id, clientId: Id }) },
    responses: { 200: json(ContactSchema, 'Unlinked'), ...notFound },
  }),
  listRooms: userRoute(staffRoles, {
    method: 'get',
    path: '/api/rooms',
    tags,
    summary: 'Every room: personal rooms and ad-hoc rooms, with their links',
    responses: { 200: json(z.object({ rooms: z.array(RoomSchema) }), 'Rooms') },
  }),
  createRoom: userRoute(staffRoles, {
    method: 'post',
    path: '/api/rooms',
    tags,
    summary: 'Make an ad-hoc room, used without an appointment; share its link',
    request: { body: body(RoomInput) },
    responses: { 201: json(RoomSchema, 'Made') },
  }),
  getRoom: userRoute(staffRoles, {
    method: 'get',
    path: '/api/rooms/{id}',
    tags,
    summary: 'One room, with its link',
    request: { params: idParam },
    responses: { 200: json(RoomSchema, 'The room'), ...notFound },
  }),
  updateRoom: userRoute(staffRoles, {
    method: 'patch',
    path: '/api/rooms/{id}',
    tags,
    summary: 'Rename a room',
    request: { params: idParam, body: body(RoomPatch) },
    responses: { 200: json(RoomSchema, 'Renamed'), ...notFound },
  }),
  portalAppointments: userRoute(['client', 'contact'] as const, {
    method: 'get',
    path: '/api/portal/appointments',
    tags,
    summary: "The signed-in client's upcoming appointments, with whether Join is open and why not",
    responses: {
      200: json(
        z.object({ appointments: z.array(PortalAppointmentSchema), serverTime: z.string() }),
        'Upcoming appointments; serverTime lets the page keep Join in step with the clinic clock',
      ),
    },
  }),
};
