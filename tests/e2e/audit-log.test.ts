import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from '../helpers/api';
import { createUser, demoPassword } from '../helpers/auth';
import { launchBrowser, openPage, screenshot, signIn } from '../helpers/browser';
import { stack } from '../helpers/local-stack';
import { knock, openVisit } from '../helpers/visits';

/** Something that looks like one of the trail's ids (a UUID, or the start of one). */
const rawId = /\b[0-9a-f]{8}-[0-9a-f]{4}-/;

describe('the audit log names people', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('shows who did what to whom by name, for a visit and for a change of role, never as ids', async () => {
    // Prepare: a guest let into a visit; a staff member made a provider.
    const { host, visitId, links } = await openVisit({ guests: 1 });
    await host.post(`/appointments/${visitId}/visit/start`);
    const guest = await knock(links[0]?.token ?? '', 'Audra', 'Audited');
    await host.post(`/visits/${visitId}/admit`, { participantIds: [guest.participantId] });
    const staff = await createUser('staff', { displayName: 'Rory Promoted' });
    const owner = apiAs('owner@demo.test');
    expect((await owner.patch(`/users/${staff.sub}`, { role: 'provider' })).status).toBe(200);
    // Act
    const { page } = await openPage(browser);
    await signIn(page, stack().url, 'owner@demo.test', demoPassword);
    await page.waitForURL('**/schedule');
    await page.goto(`${stack().url}/audit`);
    const table = page.getByRole('table', { name: 'Audit entries' });
    await table.waitFor();
    // Assess: the guest by the name they typed, the change of role by the person's name.
    const admitted = table.locator('tr[data-type="participant.admitted"]', {
      hasText: 'Audra Audited',
    });
    await admitted.waitFor();
    const promoted = table.locator('tr[data-type="user.role_changed"]', {
      hasText: 'Rory Promoted',
    });
    await promoted.waitFor();
    expect(await promoted.textContent()).toContain('from: staff');
    for (const row of [admitted, promoted]) {
      const cells = await row.locator('td').allTextContents();
      // By and Concerning hold names, never ids.
      expect(cells[2], 'By').not.toMatch(rawId);
      expect(cells[3], 'Concerning').not.toMatch(rawId);
    }
    await screenshot(page, 'audit-log-names');
    await page.context().close();
  });
});
