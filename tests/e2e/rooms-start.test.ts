import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from '../helpers/api';
import { createUser } from '../helpers/auth';
import { launchBrowser, openPage, screenshot, signIn } from '../helpers/browser';
import { stack } from '../helpers/local-stack';
import { knock } from '../helpers/visits';

/** A room is no dead end: its knocks show on the Rooms page, and Start opens its visit. */
describe('rooms', () => {
  let browser: Browser;

  beforeAll(async () => {
    await stack().setClockOffset(0);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it("a guest knocks on a room's link; the provider sees it on Rooms, starts the visit and can let them in", async () => {
    // Prepare: a provider's room, and a guest at its link.
    const provider = await createUser('provider', { teletherapy: true, displayName: 'Dr. Room' });
    const room = (await apiAs(provider).post('/rooms', { title: 'Walk-in room' })).body;
    await knock(String(room.url).split('/join/')[1] ?? '', 'Walk', 'In');
    const { page, context } = await openPage(browser);
    await context.grantPermissions(['camera', 'microphone']);
    await signIn(page, stack().url, provider.email, provider.password);
    await page.waitForURL('**/schedule');
    // Act
    await page.goto(`${stack().url}/rooms`);
    const row = page.locator('li[data-room="Walk-in room"]');
    // Assess: who waits, and Start.
    await row.getByTestId('room-waiting').waitFor();
    expect(await row.getByTestId('room-waiting').textContent()).toContain('Walk In');
    await screenshot(page, 'rooms-knock');
    // Act: Start.
    await row.getByRole('button', { name: 'Start the visit in Walk-in room' }).click();
    // Assess: in the room's visit, with Allow for the guest.
    await page.waitForURL('**/visit/**');
    const allow = page.getByRole('button', { name: 'Allow Walk In' });
    await allow.waitFor();
    expect(await allow.isDisabled()).toBe(false);
    await context.close();
  });

  it('a provider without the video sessions permission is told why before making a room', async () => {
    const provider = await createUser('provider', { teletherapy: false });
    const { page, context } = await openPage(browser);
    await signIn(page, stack().url, provider.email, provider.password);
    await page.waitForURL('**/schedule');
    await page.goto(`${stack().url}/rooms`);
    await page.getByTestId('no-teletherapy').waitFor();
    expect(await page.getByRole('button', { name: 'Make room' }).isDisabled()).toBe(true);
    await context.close();
  });
});
