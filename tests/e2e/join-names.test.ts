import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from '../helpers/api';
import { launchBrowser, openPage, screenshot } from '../helpers/browser';
import { stack } from '../helpers/local-stack';
import { openVisit } from '../helpers/visits';

/**
 * From the link to the waiting room: one action (Join) for someone the clinic knows by name,
 * two for a guest it knows only by address (type the name, Join). A name typed once is not
 * asked again in the same tab.
 */
describe('names on the join page', () => {
  let browser: Browser;
  beforeAll(async () => {
    await stack().setClockOffset(0);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it("the client's own link and a contact's invitation come with the name filled in; Join goes straight to the waiting room", async () => {
    const frontDesk = apiAs('frontdesk@demo.test');
    const { appointment, clientLink, visitId } = await openVisit();
    const client = (await frontDesk.get(`/clients/${appointment.clientId}`)).body;
    const contact = (
      await frontDesk.post('/contacts', {
        firstName: 'Carmen',
        lastName: 'Caregiver',
        relationship: 'caregiver',
        email: `carmen.${Date.now()}@example.com`,
        clientIds: [appointment.clientId],
      })
    ).body;
    const invited = await frontDesk.post(`/appointments/${visitId}/invitees`, {
      contactId: contact.id,
    });
    const contactLink = String(
      invited.body.invitees.find((i: { contactId?: string }) => i.contactId === contact.id).link,
    ).split('/join/')[1];
    for (const [token, person] of [
      [clientLink, client],
      [contactLink, contact],
    ] as const) {
      const { page } = await openPage(browser);
      await page.goto(`${stack().url}/join/${token}`);
      // Assess: filled in as the clinic knows them.
      await page.locator('#guest-first').waitFor();
      await expect.poll(() => page.locator('#guest-first').inputValue()).toBe(person.firstName);
      expect(await page.locator('#guest-last').inputValue()).toBe(person.lastName);
      // Act: one click.
      await page.getByRole('button', { name: 'Join', exact: true }).click();
      await page
        .getByText(/waiting|let you in/i)
        .first()
        .waitFor();
      await screenshot(page, `join-known-name-${person === client ? 'client' : 'contact'}`);
      await page.context().close();
    }
  });

  it('a guest known only by address types a name; the same tab does not ask again', async () => {
    const { links } = await openVisit({ guests: 1 });
    const { page } = await openPage(browser);
    await page.goto(`${stack().url}/join/${links[0]?.token}`);
    await page.locator('#guest-first').waitFor();
    expect(await page.locator('#guest-first').inputValue()).toBe('');
    await page.locator('#guest-first').fill('Gale');
    await page.locator('#guest-last').fill('Guest');
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await page
      .getByText(/waiting|let you in/i)
      .first()
      .waitFor();
    // Back on the link's page in the same tab (as "Back to the waiting room" brings them).
    await page.goto(`${stack().url}/join/${links[0]?.token}`);
    await page.locator('#guest-first').waitFor();
    expect(await page.locator('#guest-first').inputValue()).toBe('Gale');
    expect(await page.locator('#guest-last').inputValue()).toBe('Guest');
    await page.context().close();
  });

  it('a link run on past its end (over 200 characters) is not recognised, not "try again"', async () => {
    const { page, context } = await openPage(browser);
    await page.goto(`${stack().url}/join/${'A'.repeat(43)}${'b'.repeat(200)}`);
    await page.getByRole('heading', { name: 'We do not recognise this link' }).waitFor();
    expect(await page.getByRole('button', { name: /try again/i }).count()).toBe(0);
    await context.close();
  });
});
