import { DateTime } from 'luxon';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, plusMinutes } from '../helpers/api';
import { createUser } from '../helpers/auth';
import { launchBrowser, openPage, screenshot, signIn } from '../helpers/browser';
import { stack } from '../helpers/local-stack';
import { newClient } from '../helpers/people';

/** "Today's video visits" on a provider's schedule, as the front desk books and cancels. */
describe("today's video visits, live", () => {
  let browser: Browser;

  beforeAll(async () => {
    await stack().setClockOffset(0);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('a visit the front desk books shows on the provider’s open schedule at once, and opens its appointment', async () => {
    // Prepare: a provider with nothing today, on their schedule.
    const provider = await createUser('provider', { teletherapy: true, displayName: 'Dr. Live' });
    const clientId = await newClient('Livia');
    const { page } = await openPage(browser);
    await signIn(page, stack().url, provider.email, provider.password);
    await page.waitForURL('**/schedule');
    await page.getByRole('heading', { name: 'My schedule' }).waitFor();
    expect(await page.getByRole('region', { name: "Today's video visits" }).count()).toBe(0);
    // Act: the front desk books a video visit in a few minutes (or, in the last minutes before
    // midnight in the page's zone, one that began ten minutes ago: either is today's).
    const now = DateTime.now().setZone('America/New_York');
    const soon = now.plus({ minutes: 5 });
    const start = soon.hasSame(now, 'day') ? soon : now.minus({ minutes: 10 });
    const startsAt = start.toUTC().toISO() ?? '';
    const frontDesk = apiAs('frontdesk@demo.test');
    const booked = await frontDesk.post('/appointments', {
      providerId: provider.sub,
      clientId,
      startsAt,
      endsAt: plusMinutes(startsAt, 30),
      video: true,
    });
    expect(booked.status).toBe(201);
    const id = booked.body.appointments[0].id as string;
    // Assess: the row appears without a reload (the push), with Start.
    const row = page.locator(`li[data-visit="${id}"]`);
    await row.waitFor({ timeout: 10_000 });
    await row.getByRole('button', { name: /^Start the visit with/ }).waitFor();
    await screenshot(page, 'today-live-booked');
    // Act: its name opens the appointment.
    await row.locator('button.who').click();
    // Assess
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/Livia/).first().waitFor();
    expect(await dialog.getByRole('heading').first().textContent()).not.toBe('New appointment');
    await dialog.getByRole('button', { name: 'Close dialog' }).click();
    // Act: the front desk cancels it; the row goes.
    expect((await frontDesk.post(`/appointments/${id}/cancel`)).status).toBe(200);
    await row.waitFor({ state: 'detached', timeout: 10_000 });
  });
});
