import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot, signIn } from '../helpers/browser';
import { stack } from '../helpers/local-stack';
import { knock, openVisit } from '../helpers/visits';

const minutes = (n: number) => n * 60_000;

/** Waits a few real seconds for the page's once-a-second idle check to run after a jump. */
const settle = (page: Page) => page.waitForTimeout(2_500);

/**
 * One session per browser, signed out for idleness only where nobody needs it: the page's clock
 * is moved (the server's is not), as a provider would sit through a long call.
 */
describe('the staff session: idle sign-out and tabs', () => {
  let browser: Browser;

  beforeAll(async () => {
    await stack().setClockOffset(0);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('warns a minute before signing out an idle page, and a click keeps the session', async () => {
    const visit = await openVisit();
    const { context, page } = await openPage(browser);
    await context.clock.install();
    await signIn(page, stack().url, visit.provider.email, visit.provider.password);
    await page.waitForURL('**/schedule');
    // Act: 14 minutes and a few seconds of nothing.
    await context.clock.fastForward(minutes(14) + 5_000);
    // Assess: the warning, then a click keeps the person signed in.
    const warning = page.getByRole('alertdialog', { name: 'Are you still there?' });
    await warning.waitFor();
    expect(await warning.textContent()).toMatch(/signed out in \d+ seconds/);
    await screenshot(page, 'session-idle-warning');
    await warning.getByRole('button', { name: 'Stay signed in' }).click();
    await warning.waitFor({ state: 'detached' });
    await context.clock.fastForward(minutes(10));
    await settle(page);
    expect(page.url()).toMatch(/\/schedule$/);
    // Act: now 15 minutes of nothing.
    await context.clock.fastForward(minutes(15) + 5_000);
    await page.waitForURL('**/sign-in?reason=idle');
    // The address changes before the page under it is drawn: wait for the words themselves.
    await page.getByText('signed out after 15 minutes without activity').waitFor();
    await context.close();
  });

  it('keeps a provider signed in while someone waits and through a long call, and counts from its end', async () => {
    // Prepare: a guest is waiting for the provider.
    const visit = await openVisit({ guests: 1 });
    await knock(visit.links[0]?.token ?? '', 'Patient', 'Waiting');
    const { context, page } = await openPage(browser);
    await context.grantPermissions(['camera', 'microphone']);
    await context.clock.install();
    await signIn(page, stack().url, visit.provider.email, visit.provider.password);
    await page.waitForURL('**/schedule');
    const row = page.locator(`li[data-visit="${visit.visitId}"]`);
    await row.locator('li.knock[data-name="Patient Waiting"]').waitFor();
    // Act: 20 minutes with someone waiting.
    await context.clock.fastForward(minutes(20));
    await settle(page);
    // Assess: no warning, still signed in.
    expect(page.url()).toMatch(/\/schedule$/);
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    // Act: Start, 40 minutes in the visit, then Leave.
    await row.getByRole('button', { name: /^Start the visit with/ }).click();
    await page.waitForURL(`**/visit/${visit.visitId}`);
    await page.getByRole('button', { name: 'Allow Patient Waiting' }).waitFor();
    await context.clock.fastForward(minutes(40));
    await settle(page);
    expect(page.url()).toMatch(new RegExp(`/visit/${visit.visitId}$`));
    await page.getByRole('button', { name: 'Leave' }).click();
    await page.waitForURL('**/schedule');
    await settle(page);
    // Assess: back on the schedule, signed in; idleness counts from leaving the call.
    expect(page.url()).toMatch(/\/schedule$/);
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    await context.close();
  });

  it('a second tab shares the session, and signing out in one signs out both', async () => {
    const visit = await openVisit();
    const { context, page } = await openPage(browser);
    await signIn(page, stack().url, visit.provider.email, visit.provider.password);
    await page.waitForURL('**/schedule');
    // Act: a second tab of the same browser.
    const second = await context.newPage();
    await second.goto(`${stack().url}/schedule`);
    // Assess: signed in there too.
    await second.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(second.url()).toMatch(/\/schedule$/);
    // Act: sign out in the first tab.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in');
    // Assess: the second tab is signed out at once, and says why.
    await second.waitForURL('**/sign-in?reason=elsewhere');
    await second.getByText('You signed out in another tab').waitFor();
    await screenshot(second, 'session-signed-out-elsewhere');
    await context.close();
  });
});
