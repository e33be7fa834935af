import type { Role } from '../api/types';

/** Role names as the clinic says them. */
export const roleNames: Record<Role, string> = {
  owner: 'Owner',
  manager: 'Manager',
  provider: 'Provider',
  staff: 'Front desk',
  client: 'Client',
  contact: 'Contact',
};

/** Owners and managers run the clinic: staff, roles and settings. */
export const isAdmin = (role: Role): boolean => role === 'owner' || role === 'manager';

/** Front desk and administrators schedule for every provider; providers only for themselves. */
export const schedulesForOthers = (role: Role): boolean => role !== 'provider';

/** The staff shell's menu for a role. */
export function navFor(role: Role): { href: string; label: string }[] {
  const items = [
    { href: '/schedule', label: role === 'provider' ? 'My schedule' : 'Schedule' },
    { href: '/clients', label: 'Clients' },
    { href: '/rooms', label: 'Rooms' },
  ];
  if (role === 'provider' || isAdmin(role))
    items.push({ href: '/settings/booking', label: 'Online booking' });
  if (isAdmin(role)) {
    items.push(
      { href: '/staff', label: 'Staff' },
      { href: '/settings', label: 'Settings' },
      { href: '/audit', label: 'Audit log' },
    );
  }
  return items;
}

/**
 * The menu item of the page at `pathname`: the longest href it starts with, so Online booking
 * (/settings/booking) is not also taken for Settings.
 */
export function currentNav(items: readonly { href: string }[], pathname: string): string | null {
  const matches = items
    .map((i) => i.href)
    .filter((href) => pathname === href || pathname.startsWith(`${href}/`));
  return matches.sort((a, b) => b.length - a.length)[0] ?? null;
}
