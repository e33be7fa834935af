import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from '../helpers/api';
import { createUser, demoPassword } from '../helpers/auth';
import { launchBrowser, openPage, screenshot, signIn } from '../helpers/browser';
import { stack } from '../helpers/local-stack';
import { newClient } from '../helpers/people';

/** The viewer's zone: the hours below are wall-clock times in it. */
const zone = 'America/New_York';
const day = DateTime.now().setZone(zone).plus({ days: 6 }).startOf('day');

/** An appointment at a wall-clock time of `day` in the viewer's zone, booked by front desk. */
async function bookAt(providerId: string, clientId: string, hour: number, minute: number) {
  const start = day.set({ hour, minute });
  const booked = await apiAs('frontdesk@demo.test').post('/appointments', {
    providerId,
    clientId,
    startsAt: start.toUTC().toISO(),
    endsAt: start.plus({ minutes: 50 }).toUTC().toISO(),
    video: true,
  });
  expect(booked.status).toBe(201);
}

describe('the schedule shows the whole day', () => {
  let browser: Browser;
  let page: Page;
  let displayName = '';
  const visitReads: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    // Prepare: a provider booked at 05:00 and at 22:30, outside the usual clinic hours.
    displayName = `Dr. Early Late ${Date.now() % 10000}`;
    const provider = await createUser('provider', { teletherapy: true, displayName });
    await bookAt(provider.sub, await newClient('Early'), 5, 0);
    await bookAt(provider.sub, await newClient('Late'), 22, 30);
    browser = await launchBrowser();
    ({ page } = await openPage(browser, zone));
    page.on('request', (r) => {
      if (/\/api\/visits\/[^/?]+$/.test(new URL(r.url()).pathname)) visitReads.push(r.url());
    });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await signIn(page, stack().url, 'frontdesk@demo.test', demoPassword);
    await page.waitForURL('**/schedule');
    await page.getByLabel('Provider', { exact: true }).selectOption({ label: displayName });
  });
  afterAll(async () => {
    await browser.close();
  });

  // Pinned clocks, so the test means the same at any hour CI runs it: the line is near the
  // grid's end late at night and at its top just after midnight.
  for (const wallClock of ['00:20', '10:15', '23:34']) {
    it(`opens today scrolled to the current time (${wallClock})`, async () => {
      const { context: pinned, page: at } = await openPage(browser, zone);
      const [hour, minute] = wallClock.split(':').map(Number);
      // Yesterday's, so the page's clock is never ahead of the tokens the stack signs.
      const time = DateTime.now().setZone(zone).minus({ days: 1 }).set({ hour, minute });
      await pinned.clock.install({ time: time.toJSDate() });
      await signIn(at, stack().url, 'frontdesk@demo.test', demoPassword);
      await at.waitForURL('**/schedule');
      await at.getByLabel('Provider', { exact: true }).selectOption({ label: displayName });
      // The grid is scrolled once the view has its rows; wait for that, then look.
      const inView = await at
        .waitForFunction(
          () => {
            const body = document.querySelector('.ec-main')?.getBoundingClientRect();
            const line = document.querySelector('.ec-now-indicator')?.getBoundingClientRect();
            return !!body && !!line && line.top >= body.top && line.bottom <= body.bottom;
          },
          undefined,
          { timeout: 5_000 },
        )
        .then(
          () => true,
          () => false,
        );
      await pinned.close();
      // The line that marks now (drawn only when today is shown) is within the grid's visible
      // part, not a scroll away.
      expect(inView).toBe(true);
    });
  }

  it('shows an appointment at 05:00 and one at 22:30', async () => {
    const date = day.toISODate() ?? '';
    await page.getByLabel('Go to date').fill(date);
    await page.locator(`.ec-col-head time[datetime="${date}"]`).waitFor();
    // Assess: both are drawn, at their times.
    const early = page.locator('.ec-event', { hasText: 'Early' });
    const late = page.locator('.ec-event', { hasText: 'Late' });
    await early.waitFor({ timeout: 10_000 });
    await late.waitFor({ timeout: 10_000 });
    expect(await early.textContent()).toMatch(/0?5:00\s*–\s*0?5:50/);
    expect(await late.textContent()).toMatch(/(22|10):30\s*–\s*(23|11):20/);
    await early.scrollIntoViewIfNeeded();
    expect(await early.isVisible()).toBe(true);
    await late.scrollIntoViewIfNeeded();
    expect(await late.isVisible()).toBe(true);
    await screenshot(page, 'schedule-whole-day');
  });

  it('opens a video appointment without a visit without asking for its visit', async () => {
    const settingsRead = page.waitForResponse((r) => r.url().endsWith('/api/settings'));
    await page.locator('.ec-event', { hasText: 'Early' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Appointment' }).waitFor();
    await dialog.getByRole('textbox', { name: "Client's video link" }).waitFor();
    await settingsRead;
    expect(visitReads).toEqual([]);
    expect(consoleErrors.filter((e) => e.includes('404'))).toEqual([]);
  });
});
