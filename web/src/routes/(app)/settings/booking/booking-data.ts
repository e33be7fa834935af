import { api } from '$lib/api/client';
import type { BookingSettings, BookingSettingsRequest, Provider, Role } from '$lib/api/types';
import { isAdmin } from '$lib/auth/roles';

const path = (providerId: string) =>
  `/providers/${encodeURIComponent(providerId)}/booking-settings`;

/** Whose settings this person may edit: a provider their own, owners and managers anyone's. */
export async function editableProviders(me: {
  sub: string;
  role: Role;
  displayName: string;
}): Promise<Provider[]> {
  if (me.role === 'provider')
    return [{ sub: me.sub, displayName: me.displayName, teletherapy: true }];
  if (!isAdmin(me.role)) return [];
  const { providers } = await api<{ providers: Provider[] }>('/providers');
  return [...providers].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

export const loadSettings = (providerId: string) => api<BookingSettings>(path(providerId));

export const saveSettings = (providerId: string, body: BookingSettingsRequest) =>
  api<BookingSettings>(path(providerId), { method: 'PUT', body: JSON.stringify(body) });

/** The public page's address on this site, for the provider to share. */
export const publicAddress = (providerId: string) =>
  `${window.location.origin}/book/${encodeURIComponent(providerId)}`;
