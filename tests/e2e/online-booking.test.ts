import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../helpers/auth';
import { codeSentTo } from '../helpers/booking';
import { launchBrowser, openPage, screenshot, signIn } from '../helpers/browser';
import { stack } from '../helpers/local-stack';
import { messagesTo } from '../helpers/outbox';
import { demoPeople } from '../helpers/people';

/** The client reads times in Chicago; dr.lee's hours are New York's, as is the front desk. */
const clientZone = 'America/Chicago';
const deskZone = 'America/New_York';
const tag = Date.now().toString(36);
const client = {
  first: 'Robin',
  last: `Booker${tag}`,
  email: `robin.${tag}@example.com`,
  // A number no seed person and no other test has: the client search test finds Pat by hers.
  phone: '(202) 555-0156',
};
const clientName = `${client.first} ${client.last}`;
const text = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

/**
 * The first free time of the picker's next week, and its start. A week ahead is clear of
 * dr.lee's 24-hour cancellation cutoff, so the booking can still be changed online.
 */
async function firstTimeNextWeek(page: Page): Promise<{ label: string; startsAt: string }> {
  const week = await page.getByTestId('week-label').textContent();
  await page.getByRole('button', { name: 'Next week' }).click();
  await page
    .getByTestId('week-label')
    .filter({ hasNotText: week ?? '' })
    .waitFor();
  const first = page.locator('.slots button').first();
  await first.waitFor();
  return {
    label: (await first.getAttribute('aria-label')) ?? '',
    startsAt: (await first.getAttribute('data-starts-at')) ?? '',
  };
}

describe('online booking in the browser', () => {
  let browser: Browser;
  let leeId = '';
  let phone: Page;
  let booked = { startsAt: '', time: '', joinUrl: '', manageUrl: '' };

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ leeId } = await demoPeople());
    const context = await browser.newContext({
      viewport: { width: 375, height: 740 },
      timezoneId: clientZone,
      locale: 'en-US',
    });
    await context.grantPermissions(['camera', 'microphone']);
    phone = await context.newPage();
  });
  afterAll(async () => {
    await stack().setClockOffset(0);
    await browser.close();
  });

  it('a new client on a phone books a 50-minute video session with a code from their email', async () => {
    // Prepare: dr.lee's public page, as a link on the clinic's website opens it.
    await phone.goto(`${stack().url}/book/${leeId}`);
    await phone.getByRole('heading', { name: 'Book a video visit with Dr. Jordan Lee' }).waitFor();
    // Act: the type, the first free time of next week, the email and its code, name and phone.
    await phone.getByLabel('Video session · 50 minutes').check();
    const slot = await firstTimeNextWeek(phone);
    await screenshot(phone, 'online-booking-times');
    await phone.getByRole('button', { name: slot.label, exact: true }).click();
    const chosen = text(await phone.getByTestId('chosen-time').textContent());
    await phone.getByLabel('Email').fill(client.email);
    await phone.getByRole('button', { name: 'Send code' }).click();
    await phone.getByLabel('6-digit code').fill(await codeSentTo(client.email));
    await phone.getByRole('button', { name: 'Continue' }).click();
    await phone.getByLabel('First name').fill(client.first);
    await phone.getByLabel('Last name').fill(client.last);
    await phone.getByLabel('Phone (optional)').fill(client.phone);
    await screenshot(phone, 'online-booking-details');
    await phone.getByRole('button', { name: 'Book', exact: true }).click();
    // Assess: the confirmation, in the client's own zone, with the join and manage links.
    await phone.getByRole('heading', { name: "You're booked" }).waitFor();
    const start = DateTime.fromISO(slot.startsAt).setZone(clientZone);
    expect(text(slot.label)).toContain(text(start.toFormat('h:mm a')));
    expect(text(await phone.getByTestId('booked-time').textContent())).toBe(chosen);
    expect(chosen).toContain(start.toFormat('MMMM d'));
    await phone.getByText(`A confirmation is on its way to ${client.email}.`).waitFor();
    await phone.getByText('Times in America/Chicago').waitFor();
    booked = {
      startsAt: slot.startsAt,
      time: chosen,
      joinUrl:
        (await phone.getByRole('link', { name: "Join when it's time" }).getAttribute('href')) ?? '',
      manageUrl:
        (await phone.getByRole('link', { name: 'Cancel or change' }).getAttribute('href')) ?? '',
    };
    expect(booked.joinUrl).toMatch(/\/join\/[A-Za-z0-9_-]{43}$/);
    expect(booked.manageUrl).toMatch(/\/book\/manage\/[A-Za-z0-9_-]{43}$/);
    await screenshot(phone, 'online-booking-confirmed');
  });

  it('the front desk sees the booking on dr.lee’s calendar, marked Booked online', async () => {
    // Prepare
    const { page } = await openPage(browser, deskZone);
    await signIn(page, stack().url, 'frontdesk@demo.test', demoPassword);
    await page.waitForURL('**/schedule');
    // Act: dr.lee's week of the visit, and the visit opened from it.
    const day = DateTime.fromISO(booked.startsAt).setZone(deskZone).toISODate() ?? '';
    await page.getByLabel('Provider', { exact: true }).selectOption({ label: 'Dr. Jordan Lee' });
    await page.getByLabel('Go to date').fill(day);
    await page.locator(`.ec-col-head time[datetime="${day}"]`).waitFor();
    const event = page.locator('.ec-event', { hasText: clientName });
    await event.scrollIntoViewIfNeeded();
    // Assess: the mark on the calendar and in the appointment.
    expect(text(await event.textContent())).toContain('Booked online');
    await screenshot(page, 'online-booking-schedule');
    await event.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Appointment' }).waitFor();
    await dialog
      .getByRole('region', { name: 'Summary' })
      .getByText('Booked online', { exact: true })
      .waitFor();
    await dialog.getByTestId('visit-type').getByText('Visit type: Video session').waitFor();
    await screenshot(page, 'online-booking-appointment');
    await page.context().close();
  });

  it('the client changes the time from the manage link in the confirmation', async () => {
    // Prepare
    await phone.getByRole('link', { name: 'Cancel or change' }).click();
    await phone.getByTestId('booking-time').waitFor();
    expect(text(await phone.getByTestId('booking-time').textContent())).toBe(booked.time);
    // Act: Change time, the first free time of next week (the booked one is taken now).
    await phone.getByRole('button', { name: 'Change time' }).click();
    const slot = await firstTimeNextWeek(phone);
    await phone.getByRole('button', { name: slot.label, exact: true }).click();
    const newTime = text(await phone.getByTestId('new-time').textContent());
    await phone.getByRole('button', { name: 'Change to this time' }).click();
    // Assess: the page shows the new time, still booked; the clinic's calendar has it there.
    await phone.getByText('Your visit has a new time.').waitFor();
    expect(slot.startsAt).not.toBe(booked.startsAt);
    expect(text(await phone.getByTestId('booking-time').textContent())).toBe(newTime);
    expect(await phone.getByTestId('booking-status').textContent()).toBe('Booked');
    const { frontDesk } = await demoPeople();
    const from = DateTime.fromISO(slot.startsAt).minus({ days: 1 }).toUTC().toISO();
    const to = DateTime.fromISO(slot.startsAt).plus({ days: 1 }).toUTC().toISO();
    const schedule = await frontDesk.get<{
      appointments: { clientName: string; startsAt: string; bookedOnline?: boolean }[];
    }>(`/schedule?providerId=${leeId}&from=${from}&to=${to}`);
    const mine = schedule.body.appointments.filter((a) => a.clientName === clientName);
    expect(mine.map((a) => [Date.parse(a.startsAt), a.bookedOnline])).toEqual([
      [Date.parse(slot.startsAt), true],
    ]);
    booked.startsAt = slot.startsAt;
    await screenshot(phone, 'online-booking-changed');
  });

  it('by keyboard, each step of the manage page puts the focus on what replaced the button pressed', async () => {
    const focused = () => phone.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    const press = async (name: string) => {
      await phone.getByRole('button', { name, exact: true }).focus();
      await phone.keyboard.press('Enter');
    };
    // Act and assess: Change time, then back; Cancel visit, then Keep it. Nothing changes.
    await press('Change time');
    await expect.poll(focused).toBe('Choose a new time');
    await phone.keyboard.press('Tab');
    await expect.poll(focused).toBe('Keep the current time');
    await phone.keyboard.press('Enter');
    await expect.poll(focused).toBe('Change time');
    await press('Cancel visit');
    await expect.poll(focused).toBe('Keep it');
    await phone.keyboard.press('Enter');
    await expect.poll(focused).toBe('Cancel visit');
    expect(await phone.getByTestId('booking-status').textContent()).toBe('Booked');
  });

  it('on the manage page, Back, Forward and a reload keep the step: the booking, the free times, a new time', async () => {
    // Prepare
    const path = new URL(booked.manageUrl, stack().url).pathname;
    const newTime = async () => text(await phone.getByTestId('new-time').textContent());
    await phone.getByRole('button', { name: 'Change time' }).click();
    await phone.getByRole('heading', { name: 'Choose a new time' }).waitFor();
    const slot = await firstTimeNextWeek(phone);
    await phone.getByRole('button', { name: slot.label, exact: true }).click();
    const chosen = await newTime();
    // Act and assess: Back twice is the free times, then the booking, on the same page.
    await phone.goBack();
    await phone.getByRole('heading', { name: 'Choose a new time' }).waitFor();
    await phone.goBack();
    await phone.getByRole('button', { name: 'Change time' }).waitFor();
    expect(new URL(phone.url()).pathname).toBe(path);
    // Forward twice, and a reload: the new time waits for its confirmation.
    await phone.goForward();
    await phone.getByRole('heading', { name: 'Choose a new time' }).waitFor();
    await phone.goForward();
    await expect.poll(newTime).toBe(chosen);
    await phone.reload();
    await expect.poll(newTime).toBe(chosen);
    // Nothing changed until confirmed: Choose another, Keep the current time.
    await phone.getByRole('button', { name: 'Choose another' }).click();
    await phone.getByRole('button', { name: 'Keep the current time' }).click();
    await phone.getByRole('button', { name: 'Change time' }).waitFor();
    expect(new URL(phone.url()).pathname + new URL(phone.url()).search).toBe(path);
    expect(await phone.getByTestId('booking-status').textContent()).toBe('Booked');
  });

  it('the join link opens the visit’s join page with the client’s name filled in', async () => {
    // Act
    await phone.getByRole('link', { name: "Join when it's time" }).click();
    // Assess: the waiting room's name form, for the visit with dr.lee.
    await phone.getByRole('heading', { name: 'Video visit with Dr. Jordan Lee' }).waitFor();
    expect(phone.url()).toBe(booked.joinUrl);
    expect(await phone.getByLabel('First name').inputValue()).toBe(client.first);
    expect(await phone.getByLabel('Last name').inputValue()).toBe(client.last);
    await screenshot(phone, 'online-booking-join');
  });

  it('a day before the new time the reminder reaches the outbox, with the same links', async () => {
    // Act: the clock a minute past 24 hours before the visit; the scheduler's sweep runs.
    const moment = Date.parse(booked.startsAt) - 24 * 3_600_000 + 60_000;
    await stack().setClockOffset(moment - Date.now());
    await fetch(`${stack().url}/_local/scheduler/run`, { method: 'POST' });
    // Assess
    const reminder = (await messagesTo(client.email)).find((m) =>
      m.subject?.startsWith('Reminder: video visit with Dr. Jordan Lee'),
    );
    expect(reminder?.text).toContain(booked.joinUrl);
    expect(reminder?.text).toContain(booked.manageUrl);
    expect(reminder?.text).not.toContain(client.last);
  });

  it('when the visit opens, the link takes the client into the waiting room', async () => {
    // Prepare: five minutes before the visit.
    await stack().setClockOffset(Date.parse(booked.startsAt) - 5 * 60_000 - Date.now());
    await phone.goto(booked.joinUrl);
    await phone.getByRole('heading', { name: 'Video visit with Dr. Jordan Lee' }).waitFor();
    // Act
    await phone.getByRole('button', { name: 'Join', exact: true }).click();
    // Assess: the waiting room (dr.lee has not started the visit yet).
    await phone
      .getByText(/Waiting for your provider/i)
      .first()
      .waitFor();
    await screenshot(phone, 'online-booking-waiting-room');
  });

  it('a client signed in to the portal books from the page without a code', async () => {
    // Prepare: Pat opens the page and picks a time; the email step offers signing in.
    await stack().setClockOffset(0);
    const { page, context } = await openPage(browser, deskZone);
    await page.goto(`${stack().url}/book/${leeId}`);
    await page.getByLabel('Video consultation · 30 minutes').check();
    let slot = await firstTimeNextWeek(page);
    await page.getByRole('button', { name: slot.label, exact: true }).click();
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.waitForURL('**/sign-in?**');
    await page.getByLabel('Email').fill('pat@demo.test');
    await page.getByLabel('Password', { exact: true }).fill(demoPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Act: back on the page, signed in; the type and a time, then Book.
    await page.waitForURL(`**/book/${leeId}`);
    await page.getByLabel('Video consultation · 30 minutes').check();
    slot = await firstTimeNextWeek(page);
    await page.getByRole('button', { name: slot.label, exact: true }).click();
    await page.getByText('Booking as Pat Rivera').waitFor();
    await page.getByRole('button', { name: 'Book', exact: true }).click();
    // Assess
    await page.getByRole('heading', { name: "You're booked" }).waitFor();
    await screenshot(page, 'online-booking-portal');
    await context.close();
  });

  it('Back, Forward and a reload keep the step: free times, a chosen time, the confirmation', async () => {
    // Prepare: a visitor in New York on the page, a chosen time.
    const { page, context } = await openPage(browser, deskZone);
    const path = `/book/${leeId}`;
    const email = `back.${tag}@example.com`;
    const pathOf = () => new URL(page.url()).pathname;
    await page.goto(`${stack().url}${path}`);
    await page.getByLabel('Video consultation · 30 minutes').check();
    const slot = await firstTimeNextWeek(page);
    await page.getByRole('button', { name: slot.label, exact: true }).click();
    const chosen = text(await page.getByTestId('chosen-time').textContent());
    // Act and assess: Back shows the free times on the same page; Forward the chosen time.
    await page.goBack();
    await page.getByRole('heading', { name: 'Choose a time' }).waitFor();
    expect(pathOf()).toBe(path);
    expect(await page.getByLabel('Video consultation · 30 minutes').isChecked()).toBe(true);
    await page.goForward();
    await expect
      .poll(async () => text(await page.getByTestId('chosen-time').textContent()))
      .toBe(chosen);
    // A reload keeps the chosen time; "Choose another time" then shows the free times.
    await page.reload();
    await expect
      .poll(async () => text(await page.getByTestId('chosen-time').textContent()))
      .toBe(chosen);
    await page.getByRole('button', { name: 'Choose another time' }).click();
    await page.getByRole('heading', { name: 'Choose a time' }).waitFor();
    await page.getByRole('button', { name: slot.label, exact: true }).click();
    // Book it; Back from the confirmation: the free times, without the time just booked.
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Send code' }).click();
    await page.getByLabel('6-digit code').fill(await codeSentTo(email));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('First name').fill('Casey');
    await page.getByLabel('Last name').fill(`Back${tag}`);
    await page.getByRole('button', { name: 'Book', exact: true }).click();
    await page.getByRole('heading', { name: "You're booked" }).waitFor();
    // A reload of the confirmation has no booking to show: the free times, not the time again.
    await page.reload();
    await page.getByRole('heading', { name: 'Choose a time' }).waitFor();
    expect(await page.getByTestId('chosen-time').count()).toBe(0);
    await page.goBack();
    await page.getByRole('heading', { name: 'Choose a time' }).waitFor();
    expect(pathOf()).toBe(path);
    await page.locator('.slots button').first().waitFor();
    await expect
      .poll(() => page.locator(`.slots button[data-starts-at="${slot.startsAt}"]`).count())
      .toBe(0);
    await context.close();
  });
});
