import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createUser, demoPassword } from '../helpers/auth';
import { launchBrowser, screenshot, signIn } from '../helpers/browser';
import { stack } from '../helpers/local-stack';

describe('signing in', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });
  beforeEach(async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      timezoneId: 'America/New_York',
    });
    page = await context.newPage();
  });

  it('dr.lee signs in with the demo password, sees "My schedule" from the API, and signs out', async () => {
    // Act
    await signIn(page, stack().url, 'dr.lee@demo.test', demoPassword);
    // Assess: the schedule page, with the seeded appointments out of DynamoDB.
    await page.waitForURL('**/schedule');
    await page.getByRole('heading', { name: 'My schedule' }).waitFor();
    await page.getByText('Pat Rivera').first().waitFor();
    expect(await page.getByText('Dr. Jordan Lee').isVisible()).toBe(true);
    expect(await page.locator('.badge-video').count()).toBeGreaterThan(0);
    await screenshot(page, 'schedule-dr-lee');
    // Act: sign out
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in');
    // Assess: the schedule is no longer reachable without signing in again.
    await page.goto(`${stack().url}/schedule`);
    await page.waitForURL('**/sign-in');
  });

  it('a wrong password gets a plain message and no session', async () => {
    await signIn(page, stack().url, 'dr.lee@demo.test', 'not-the-password');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('That email and password do not match');
    expect(page.url()).toContain('/sign-in');
    await screenshot(page, 'sign-in-wrong-password');
  });

  it('a person created with a temporary password must choose a new one first', async () => {
    // Prepare: an invited front-desk person who has never signed in.
    const user = await createUser('staff', { temporary: true, displayName: 'Robin New' });
    // Act: sign in with the temporary password.
    await signIn(page, stack().url, user.email, user.password);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await screenshot(page, 'new-password-step');
    // A weak password is refused with the rules spelled out.
    await page.getByLabel('New password', { exact: true }).fill('short');
    await page.getByLabel('Repeat the new password').fill('short');
    await page.getByRole('button', { name: 'Set password and continue' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('at least 12 characters');
    await page.getByLabel('New password', { exact: true }).fill('Brand-New-Password-9');
    await page.getByLabel('Repeat the new password').fill('Brand-New-Password-9');
    await page.getByRole('button', { name: 'Set password and continue' }).click();
    // Assess: in the app, and the new password works from now on.
    await page.waitForURL('**/schedule');
    await page.getByText('Robin New').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, stack().url, user.email, 'Brand-New-Password-9');
    await page.waitForURL('**/schedule');
  });

  it('an address that is no page shows a page of the app with a way home, not a bare 404', async () => {
    await page.goto(`${stack().url}/no-such-page/here`);
    const error = page.getByTestId('error-page');
    await error.waitFor();
    expect(await error.getAttribute('data-status')).toBe('404');
    expect(
      await page.getByRole('heading', { name: 'There is no page at this address' }).count(),
    ).toBe(1);
    await screenshot(page, 'not-found');
    // Act: the way home.
    await page.getByRole('link', { name: 'Go to the start page' }).click();
    await page.waitForURL('**/sign-in');
  });
});
