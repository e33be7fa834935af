import { describe, expect, it } from 'vitest';
import { currentNav, navFor } from '../../../web/src/lib/auth/roles';

describe('the staff menu', () => {
  it('offers Online booking to providers, owners and managers, not the front desk', () => {
    const has = (role: Parameters<typeof navFor>[0]) =>
      navFor(role).some((i) => i.href === '/settings/booking');
    expect([has('provider'), has('owner'), has('manager'), has('staff')]).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it('marks the longest matching item only: Online booking, not Settings too', () => {
    const items = navFor('owner');
    expect(currentNav(items, '/settings/booking')).toBe('/settings/booking');
    expect(currentNav(items, '/settings')).toBe('/settings');
    expect(currentNav(items, '/clients/abc')).toBe('/clients');
    expect(currentNav(items, '/schedules')).toBeNull();
  });
});
