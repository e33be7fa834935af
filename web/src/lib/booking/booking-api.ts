import type {
  Booked,
  BookingPage,
  BookingProof,
  BookingRequest,
  FreeSlots,
  ManagedBooking,
} from '../api/types';
import { type PublicAnswer, publicApi } from '../public/public-api';

/**
 * The public booking calls: the provider's page and its free times, the email code, the
 * booking, and the manage link's view, cancel and move. No sign-in, so no staff code.
 */
const book = (providerId: string) => `/book/${encodeURIComponent(providerId)}`;
const managed = (token: string) => `/bookings/${encodeURIComponent(token)}`;

export const loadBookingPage = (providerId: string): Promise<PublicAnswer<BookingPage>> =>
  publicApi(book(providerId));

export function loadSlots(
  providerId: string,
  typeId: string,
  range: { from: string; to: string },
): Promise<PublicAnswer<FreeSlots>> {
  const query = new URLSearchParams({ typeId, from: range.from, to: range.to });
  return publicApi(`${book(providerId)}/slots?${query}`);
}

export const sendCode = (providerId: string, body: { email: string; website: string }) =>
  publicApi<{ sent: boolean; expiresInSeconds: number }>(`${book(providerId)}/codes`, {
    method: 'POST',
    body,
  });

export const checkCode = (providerId: string, body: { email: string; code: string }) =>
  publicApi<BookingProof>(`${book(providerId)}/codes/check`, { method: 'POST', body });

export const bookSlot = (providerId: string, body: BookingRequest) =>
  publicApi<Booked>(`${book(providerId)}/bookings`, { method: 'POST', body });

export const loadBooking = (token: string) => publicApi<ManagedBooking>(managed(token));

export const cancelBooking = (token: string) =>
  publicApi<ManagedBooking>(`${managed(token)}/cancel`, { method: 'POST' });

export const rescheduleBooking = (token: string, startsAt: string) =>
  publicApi<ManagedBooking>(`${managed(token)}/reschedule`, {
    method: 'POST',
    body: { startsAt },
  });

/**
 * A fresh idempotency key (32 characters of [A-Za-z0-9_-]): one per booking the visitor means
 * to make, so a double click or a retry of it books once. `getRandomValues` works on plain
 * http too, where `randomUUID` does not.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_');
}
