import type { BookingPage } from '$lib/api/types';
import { loadBookingPage } from '$lib/booking/booking-api';

/**
 * What the booking page shows for its address: the provider's page, or a sentence a person
 * can act on (the provider takes no online bookings; the server could not be reached).
 */
export type PageView =
  | { kind: 'loading' }
  | { kind: 'ready'; page: BookingPage }
  | { kind: 'closed'; message: string }
  | { kind: 'unreachable'; message: string };

export async function loadPageView(providerId: string): Promise<PageView> {
  const answer = await loadBookingPage(providerId);
  if (answer.ok) return { kind: 'ready', page: answer.body };
  if (answer.status === 404 || answer.status === 400)
    return {
      kind: 'closed',
      message:
        answer.status === 404
          ? answer.message
          : 'This booking address is not complete. Check the link you were given.',
    };
  return { kind: 'unreachable', message: answer.message };
}

/** "Video session · 50 minutes" */
export const typeLabel = (type: { name: string; minutes: number }) =>
  `${type.name} · ${type.minutes} minutes`;
