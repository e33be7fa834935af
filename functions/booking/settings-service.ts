import type { UserActor } from '../identity/actor';
import { forbidden, notFound } from '../platform/errors';
import type { PageDeps } from './page';
import { type BookingSettingsInput, defaultBookingSettings } from './settings';

/** A provider's own booking settings; an owner or manager may set anyone's. */
function requireEditor(actor: UserActor, providerId: string): void {
  const own = actor.role === 'provider' && actor.sub === providerId;
  if (!own && actor.role !== 'owner' && actor.role !== 'manager')
    throw forbidden(
      'booking.settings_forbidden',
      "Only the provider, an owner or a manager changes a provider's online booking.",
    );
}

async function requireProvider(providerId: string, deps: PageDeps) {
  const provider = await deps.users.get(providerId);
  if (provider?.role !== 'provider')
    throw notFound('provider.not_found', 'There is no provider with this id.');
  return provider;
}

/** Settings as the provider (or an owner or manager) sees them; defaults until first saved. */
export async function readBookingSettings(actor: UserActor, providerId: string, deps: PageDeps) {
  requireEditor(actor, providerId);
  const [provider, stored, clinic] = await Promise.all([
    requireProvider(providerId, deps),
    deps.bookingSettings.get(providerId),
    deps.settings.get(),
  ]);
  const settings = stored ?? defaultBookingSettings(clinic.timeZone);
  return { ...settings, providerId, teletherapy: provider.teletherapy };
}

/**
 * Saves them whole. Online booking can be turned on only for a provider with the teletherapy
 * permission: only video visits are booked online.
 */
export async function saveBookingSettings(
  actor: UserActor,
  providerId: string,
  input: BookingSettingsInput,
  deps: PageDeps,
) {
  requireEditor(actor, providerId);
  const provider = await requireProvider(providerId, deps);
  if (input.enabled && !provider.teletherapy)
    throw forbidden(
      'teletherapy.not_enabled',
      `${provider.displayName} does not have the teletherapy permission, so online booking of video visits cannot be turned on. An owner or manager can turn it on in Staff.`,
    );
  const saved = { ...input, updatedAt: deps.now().toISOString() };
  await deps.bookingSettings.put(providerId, saved);
  return { ...saved, providerId, teletherapy: provider.teletherapy };
}
