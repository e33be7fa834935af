import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoIds } from '../../functions/local/seed';
import { apiAs } from '../helpers/api';
import { demoPassword } from '../helpers/auth';
import { launchBrowser, openPage, screenshot, signIn } from '../helpers/browser';
import { stack } from '../helpers/local-stack';

async function clientsPage(browser: Browser): Promise<Page> {
  const { page } = await openPage(browser);
  await signIn(page, stack().url, 'frontdesk@demo.test', demoPassword);
  await page.waitForURL('**/schedule');
  await page.getByRole('link', { name: 'Clients', exact: true }).click();
  await page.locator('table tbody tr').first().waitFor();
  return page;
}

const rows = (page: Page) => page.locator('table tbody tr');

/** Types into the one search box and waits until the table shows exactly `names`. */
async function searchFor(page: Page, text: string, names: string[]): Promise<void> {
  await page.getByLabel('Search clients').fill(text);
  await expect
    .poll(async () => (await rows(page).locator('td:first-child strong').allTextContents()).sort())
    .toEqual([...names].sort());
}

describe('the clients page searches by every field', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('finds Pat Rivera by phone in any notation and by date of birth as the page shows it or as ISO', async () => {
    const page = await clientsPage(browser);
    await searchFor(page, '(202) 555-0143', ['Pat Rivera']);
    await searchFor(page, '+1 202.555.0143', ['Pat Rivera']);
    // Dates of birth are shown in the viewer's order (en-US here), and typed back that way.
    const dob = await rows(page).locator('td').nth(1).textContent();
    expect(dob).toBe('4/12/1986');
    await searchFor(page, '4/12/1986', ['Pat Rivera']);
    await searchFor(page, '1986-04-12', ['Pat Rivera']);
    await screenshot(page, 'client-search-by-date-of-birth');
    // A number too short to be a phone number says what to type, rather than finding nobody.
    await page.getByLabel('Search clients').fill('555-01');
    await page.getByText('To search by phone, enter the whole number').waitFor();
    expect(await rows(page).count()).toBe(0);
    await searchFor(page, 'PAT@demo.test', ['Pat Rivera']);
    await page.context().close();
  });

  it('shows 50 at a time with Show more, and archived clients only when included', async () => {
    const frontDesk = apiAs('frontdesk@demo.test');
    const lastName = `Page${randomUUID().slice(0, 8)}`;
    const ids = await Promise.all(
      Array.from({ length: 53 }, async (_, i) => {
        const made = await frontDesk.post('/clients', {
          firstName: `F${String(i).padStart(2, '0')}`,
          lastName,
        });
        return made.body.id as string;
      }),
    );
    await frontDesk.patch(`/clients/${ids[0]}`, { status: 'archived' });
    const page = await clientsPage(browser);
    await page.getByLabel('Search clients').fill(lastName);
    // The unfiltered list shows some of them too: wait for the search's own page.
    await page.getByRole('link', { name: 'Alex Chen' }).waitFor({ state: 'detached' });
    await expect.poll(() => rows(page).filter({ hasText: lastName }).count()).toBe(50);
    expect(await rows(page).count()).toBe(50);
    await page.getByRole('button', { name: 'Show more' }).click();
    await page.getByText('52 clients').waitFor();
    expect(await rows(page).count()).toBe(52);
    expect(await page.getByText(`F00 ${lastName}`).count()).toBe(0);
    await page.getByLabel('Include archived').check();
    await page.getByRole('button', { name: 'Show more' }).click();
    await page.getByText('53 clients').waitFor();
    await page.getByRole('row', { name: new RegExp(`F00 ${lastName} Archived`) }).waitFor();
    await screenshot(page, 'client-search-show-more');
    await page.context().close();
  });

  it('the client picker finds a client by phone too', async () => {
    const page = await clientsPage(browser);
    await page.goto(`${stack().url}/contacts/${demoIds.contactSam}`);
    await page.getByRole('searchbox', { name: 'Link to another client' }).fill('(202) 555-0171');
    await page.getByRole('button', { name: 'Alex Chen · born 9/30/1979' }).waitFor();
    await page.context().close();
  });
});
