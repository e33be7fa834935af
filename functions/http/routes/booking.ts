import * as z from 'zod/mini';
import { BookedSchema, BookingInput, PortalBookingInput } from '../../booking/book';
import { CodeCheck, CodeRequest, ProofSchema } from '../../booking/email-proof';
import { ManagedBookingSchema, RescheduleInput } from '../../booking/manage';
import { BookingPageSchema, SlotsSchema } from '../../booking/page';
import { BookingSettingsInput, BookingSettingsSchema } from '../../booking/settings';
import { body, json, publicRoute, userRoute } from '../route';
import { routeLimits } from '../route-limits';
import { errorResponse, Id, IsoDateTime } from '../schemas';

const tags = ['booking'];
const provider = z.object({ providerId: Id });
const token = z.object({ token: z.string().check(z.maxLength(200)) });
const notOffered = { 404: errorResponse('This provider takes no online bookings') };
const unknownLink = { 404: errorResponse('The link opens no booking (booking.unknown)') };
const tooLate = {
  409: errorResponse(
    'Past the cutoff (booking.past_cutoff), no longer scheduled, or the new time was taken (appointment.conflict)',
  ),
};

export const bookingRoutes = {
  getBookingSettings: userRoute(['owner', 'manager', 'provider'], {
    method: 'get',
    path: '/api/providers/{providerId}/booking-settings',
    tags,
    summary:
      "A provider's online booking settings (their own, or anyone's for owners and managers)",
    request: { params: provider },
    responses: {
      200: json(BookingSettingsSchema, 'The settings'),
      404: errorResponse('No such provider'),
    },
  }),
  putBookingSettings: userRoute(['owner', 'manager', 'provider'], {
    method: 'put',
    path: '/api/providers/{providerId}/booking-settings',
    tags,
    summary:
      'Online booking on or off, weekly hours and date overrides in the provider’s zone, visit types, buffers, notice, horizon, cutoff, new clients',
    request: { params: provider, body: body(BookingSettingsInput) },
    responses: {
      200: json(BookingSettingsSchema, 'Saved'),
      403: errorResponse(
        'Not this provider, or no teletherapy permission (teletherapy.not_enabled)',
      ),
      404: errorResponse('No such provider'),
    },
  }),
  bookingPage: publicRoute(routeLimits.bookRead, {
    method: 'get',
    path: '/api/book/{providerId}',
    tags,
    summary: 'The public booking page: the provider’s name, visit types and rules',
    request: { params: provider },
    responses: { 200: json(BookingPageSchema, 'The page'), ...notOffered },
  }),
  freeSlots: publicRoute(routeLimits.bookRead, {
    method: 'get',
    path: '/api/book/{providerId}/slots',
    tags,
    summary:
      'Free slots of a visit type starting in [from, to) (at most nine days), as UTC instants',
    request: {
      params: provider,
      query: z.object({
        typeId: z.string().check(z.maxLength(40)),
        from: IsoDateTime,
        to: IsoDateTime,
      }),
    },
    responses: { 200: json(SlotsSchema, 'Free slots'), ...notOffered },
  }),
  sendBookingCode: publicRoute(routeLimits.bookWrite, {
    method: 'post',
    path: '/api/book/{providerId}/codes',
    tags,
    summary: 'Email a 6-digit code (10 minutes, 5 tries; at most 5 an hour per address)',
    request: { params: provider, body: body(CodeRequest) },
    responses: {
      202: json(z.object({ sent: z.boolean(), expiresInSeconds: z.number() }), 'Sent'),
      ...notOffered,
    },
  }),
  checkBookingCode: publicRoute(routeLimits.bookWrite, {
    method: 'post',
    path: '/api/book/{providerId}/codes/check',
    tags,
    summary: 'Check the code: a proof of the address to book with (30 minutes)',
    request: { params: provider, body: body(CodeCheck) },
    responses: { 200: json(ProofSchema, 'Right code'), ...notOffered },
  }),
  bookOnline: publicRoute(routeLimits.book, {
    method: 'post',
    path: '/api/book/{providerId}/bookings',
    tags,
    summary:
      'Book a free slot as the proven address: an existing client, or a new one when allowed; once per idempotency key',
    request: { params: provider, body: body(BookingInput) },
    responses: {
      201: json(BookedSchema, 'Booked'),
      401: errorResponse('The proof is missing, forged or old (booking.unverified)'),
      403: errorResponse('New clients cannot book online here (booking.new_clients_off)'),
      409: errorResponse('The time was taken meanwhile (appointment.conflict)'),
      ...notOffered,
    },
  }),
  bookAsClient: userRoute(['client'], {
    method: 'post',
    path: '/api/book/{providerId}/portal-bookings',
    tags,
    summary: 'Book a free slot as the signed-in portal client (no code); once per idempotency key',
    request: { params: provider, body: body(PortalBookingInput) },
    responses: {
      201: json(BookedSchema, 'Booked'),
      409: errorResponse('The time was taken meanwhile (appointment.conflict)'),
      ...notOffered,
    },
  }),
  viewBooking: publicRoute(routeLimits.manageRead, {
    method: 'get',
    path: '/api/bookings/{token}',
    tags,
    summary: 'A booking by its manage link: when, with whom, and whether it can still be changed',
    request: { params: token },
    responses: { 200: json(ManagedBookingSchema, 'The booking'), ...unknownLink },
  }),
  cancelBooking: publicRoute(routeLimits.manageWrite, {
    method: 'post',
    path: '/api/bookings/{token}/cancel',
    tags,
    summary: 'Cancel until the provider’s cutoff; every link stops working',
    request: { params: token },
    responses: { 200: json(ManagedBookingSchema, 'Cancelled'), ...unknownLink, ...tooLate },
  }),
  rescheduleBooking: publicRoute(routeLimits.manageWrite, {
    method: 'post',
    path: '/api/bookings/{token}/reschedule',
    tags,
    summary: 'Move to another free slot of the same length until the cutoff',
    request: { params: token, body: body(RescheduleInput) },
    responses: { 200: json(ManagedBookingSchema, 'Moved'), ...unknownLink, ...tooLate },
  }),
};
