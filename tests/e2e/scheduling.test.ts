import { DateTime } from 'luxon';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessTokenFor, demoPassword } from '../helpers/auth';
import { launchBrowser, screenshot, signIn } from '../helpers/browser';
import { stack } from '../helpers/local-stack';

/** The browser's zone, as the clinic's demo is set up: times on the page are read in it. */
const zone = 'America/New_York';

/** YYYY-MM-DD of the day `days` ahead in the viewer's zone: far from the seeded bookings. */
const dayAhead = (days: number) => DateTime.now().setZone(zone).plus({ days }).toISODate() ?? '';

async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    timezoneId: zone,
    locale: 'en-US',
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack().url });
  return { context, page: await context.newPage() };
}

async function signInAs(browser: Browser, email: string, landing: string) {
  const opened = await newPage(browser);
  await signIn(opened.page, stack().url, email, demoPassword);
  await opened.page.waitForURL(`**${landing}`);
  return opened;
}

/** One provider's week on the schedule, at the week holding `day`. */
async function showWeek(page: Page, provider: string, day: string): Promise<void> {
  await page.getByLabel('Provider', { exact: true }).selectOption({ label: provider });
  await page.getByLabel('Go to date').fill(day);
  await page.locator(`.ec-col-head time[datetime="${day}"]`).waitFor();
}

/**
 * Where an element is once the page has stopped moving it: the calendar lays itself out and
 * scrolls after it first draws, so a box read too early points at another hour.
 */
async function settledBox(locator: Locator) {
  await locator.scrollIntoViewIfNeeded();
  let previous = await locator.boundingBox();
  for (;;) {
    await locator.evaluate(
      () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
    );
    const now = await locator.boundingBox();
    if (now && previous && now.x === previous.x && now.y === previous.y) return now;
    previous = now;
  }
}

/** Clicks the calendar where `day`'s column meets the `hour` line, as a person would. */
async function clickSlot(page: Page, day: string, hour: string): Promise<Locator> {
  const row = await settledBox(page.locator(`.ec-sidebar time[datetime$="T${hour}:00:00"]`));
  const column = await settledBox(page.locator(`.ec-col-head time[datetime="${day}"]`));
  if (!column || !row) throw new Error(`No slot at ${day} ${hour} on the page`);
  await page.mouse.click(column.x + column.width / 2, row.y + row.height / 2 + 6);
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('heading', { name: 'New appointment' }).waitFor();
  return dialog;
}

async function pickClient(dialog: Locator, search: string, name: string): Promise<void> {
  await dialog.getByRole('searchbox', { name: 'Client' }).fill(search);
  await dialog.getByRole('button', { name: new RegExp(`^${name}`) }).click();
}

/** Books what the editor holds and returns the client's video link it then shows. */
async function bookAndReadLink(dialog: Locator): Promise<string> {
  await dialog.getByRole('button', { name: 'Book appointment' }).click();
  await dialog.getByText('Booked.').waitFor();
  return dialog.getByRole('textbox', { name: "Client's video link" }).inputValue();
}

/** Calls the API as a demo person, outside the browser, to read what the server holds. */
async function apiAs<T>(email: string, path: string): Promise<T> {
  const response = await fetch(`${stack().url}/api${path}`, {
    headers: { authorization: `Bearer ${await accessTokenFor(email)}` },
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return (await response.json()) as T;
}

/** The first day ahead whose UTC offset differs from the day before's, in the viewer's zone. */
function nextOffsetChange(): DateTime {
  let day = DateTime.now().setZone(zone).startOf('day');
  for (let i = 0; i < 400; i++) {
    const next = day.plus({ days: 1 });
    if (next.set({ hour: 12 }).offset !== day.set({ hour: 12 }).offset) return next;
    day = next;
  }
  throw new Error(`${zone} has no daylight-saving change within a year`);
}

describe('scheduling in the browser', () => {
  let browser: Browser;
  const videoDay = dayAhead(4);

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await stack().setClockOffset(0);
    await browser.close();
  });

  it('front desk books a video session for dr.lee with Pat by clicking a slot, and copies its link', async () => {
    // Prepare
    const { context, page } = await signInAs(browser, 'frontdesk@demo.test', '/schedule');
    await showWeek(page, 'Dr. Jordan Lee', videoDay);
    // Act: click 10:00 on that day, choose Pat, make it a video session, book.
    const dialog = await clickSlot(page, videoDay, '10');
    expect(await dialog.getByLabel('Starts').inputValue()).toBe('10:00');
    await pickClient(dialog, 'Riv', 'Pat Rivera');
    await dialog.getByLabel(/Video session/).check();
    expect(await dialog.getByLabel(/Generated link/).isChecked()).toBe(true);
    const link = await bookAndReadLink(dialog);
    await dialog
      .getByRole('region', { name: 'Summary' })
      .getByRole('button', { name: 'Copy' })
      .click();
    // Assess: a join link, copied as shown; the calendar has the session at 10:00.
    expect(link).toMatch(new RegExp(`^${stack().url}/join/[A-Za-z0-9_-]{20,}`));
    await dialog.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    await screenshot(page, 'scheduling-video-booked');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    const booked = page
      .locator('.ec-event', { hasText: 'Pat Rivera' })
      .filter({ hasText: /10:00\s*–\s*10:50/ });
    await booked.first().waitFor();
    expect(await booked.first().textContent()).toContain('Video');
    await screenshot(page, 'scheduling-week-dr-lee');
    await context.close();
  });

  it('dr.kim cannot hold a video session, and the editor says why', async () => {
    // Prepare
    const { context, page } = await signInAs(browser, 'frontdesk@demo.test', '/schedule');
    await showWeek(page, 'Dr. Sung Kim', videoDay);
    // Act
    const dialog = await clickSlot(page, videoDay, '11');
    await pickClient(dialog, 'Chen', 'Alex Chen');
    // Assess: the box cannot be ticked, and the reason stands beside it.
    expect(await dialog.getByLabel(/Video session/).isDisabled()).toBe(true);
    expect(await dialog.getByTestId('teletherapy-refusal').textContent()).toContain(
      'Dr. Sung Kim does not have the teletherapy permission',
    );
    await screenshot(page, 'scheduling-no-teletherapy');
    await context.close();
  });

  it('a personal room is made with its title by one appointment and reused by the next', async () => {
    // Prepare: a new client, added by front desk (a wrong phone number is refused beside its input).
    const { context, page } = await signInAs(browser, 'frontdesk@demo.test', '/schedule');
    const lastName = `Quinn${Date.now().toString(36)}`;
    await page.getByRole('link', { name: 'Clients', exact: true }).click();
    await page.getByRole('button', { name: 'Add client' }).click();
    const form = page.getByRole('dialog');
    await form.getByLabel('First name').fill('Robin');
    await form.getByLabel('Last name').fill(lastName);
    await form.getByLabel('Phone').fill('12');
    await form.getByRole('button', { name: 'Add client' }).click();
    await form.getByText('Enter a valid phone number').waitFor();
    await screenshot(page, 'scheduling-client-phone-refused');
    await form.getByLabel('Phone').fill('(202) 555-0188');
    await form.getByRole('button', { name: 'Add client' }).click();
    await page.getByRole('heading', { name: `Robin ${lastName}` }).waitFor();
    expect(await page.getByLabel('Phone').inputValue()).toBe('+12025550188');
    await page.getByRole('link', { name: 'Schedule', exact: true }).click();
    // Act 1: the first video appointment makes Robin's personal room, titled.
    const first = dayAhead(5);
    await showWeek(page, 'Dr. Jordan Lee', first);
    let dialog = await clickSlot(page, first, '13');
    await pickClient(dialog, lastName, `Robin ${lastName}`);
    await dialog.getByLabel(/Video session/).check();
    await dialog.getByLabel(/personal room/).check();
    await dialog.getByLabel('Room title').fill('Robin – weekly therapy');
    const firstLink = await bookAndReadLink(dialog);
    expect(await dialog.textContent()).toContain('Robin – weekly therapy');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    // Act 2: a week later, the editor offers the room by its title and books into it.
    const second = dayAhead(12);
    await page.getByLabel('Go to date').fill(second);
    await page.locator(`.ec-col-head time[datetime="${second}"]`).waitFor();
    dialog = await clickSlot(page, second, '13');
    await pickClient(dialog, lastName, `Robin ${lastName}`);
    await dialog.getByLabel(/Video session/).check();
    await dialog.getByLabel(/personal room/).check();
    expect(await dialog.getByLabel('Room title').count()).toBe(0);
    expect(await dialog.textContent()).toContain('“Robin – weekly therapy”');
    const secondLink = await bookAndReadLink(dialog);
    await screenshot(page, 'scheduling-personal-room-reused');
    // Assess: one room, one link, listed on the Rooms page.
    expect(secondLink).toBe(firstLink);
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await page.getByRole('link', { name: 'Rooms', exact: true }).click();
    const room = page.locator('li[data-room="Robin – weekly therapy"]');
    await room.waitFor();
    expect(await room.getByRole('textbox').inputValue()).toBe(firstLink);
    await screenshot(page, 'scheduling-rooms');
    await context.close();
  });

  it('a week that crosses a daylight-saving change shows each appointment at its booked time', async () => {
    // Prepare: the next change of the viewer's UTC offset (a Sunday in the US) and the Friday before.
    const change = nextOffsetChange();
    const friday = change.minus({ days: 2 }).toISODate() ?? '';
    const sunday = change.toISODate() ?? '';
    const { context, page } = await signInAs(browser, 'frontdesk@demo.test', '/schedule');
    await showWeek(page, 'Dr. Sung Kim', sunday);
    // Act: book 10:00 on both days by clicking the calendar.
    for (const day of [friday, sunday]) {
      const dialog = await clickSlot(page, day, '10');
      await pickClient(dialog, 'Chen', 'Alex Chen');
      await dialog.getByRole('button', { name: 'Book appointment' }).click();
      await dialog.getByText('Booked.').waitFor();
      await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    }
    // Assess: both read 10:00 on the calendar, and the API holds 10:00 in each day's own offset.
    const events = page.locator('.ec-event', { hasText: 'Alex Chen' });
    await expect.poll(() => events.count()).toBe(2);
    for (const text of await events.allTextContents()) expect(text).toMatch(/10:00\s*–\s*10:50/);
    await screenshot(page, 'scheduling-dst-week');
    const kim = (
      await apiAs<{ providers: { sub: string; displayName: string }[] }>(
        'frontdesk@demo.test',
        '/providers',
      )
    ).providers.find((p) => p.displayName === 'Dr. Sung Kim');
    const range = `from=${encodeURIComponent(`${friday}T00:00:00Z`)}&to=${encodeURIComponent(`${change.plus({ days: 1 }).toISODate()}T12:00:00Z`)}`;
    const schedule = await apiAs<{ appointments: { startsAt: string; clientName: string }[] }>(
      'frontdesk@demo.test',
      `/schedule?${range}&providerId=${kim?.sub}`,
    );
    const starts = schedule.appointments
      .filter((a) => a.clientName === 'Alex Chen')
      .map((a) => a.startsAt)
      .sort();
    const expected = [friday, sunday].map((d) =>
      DateTime.fromISO(`${d}T10:00`, { zone }).toUTC().toISO({ suppressMilliseconds: false }),
    );
    expect(starts).toEqual(expected);
    await context.close();
  });

  it('Pat sees the session with Join closed and why, and Join opens by itself in the launch window', async () => {
    // Prepare: the session booked above, and when the clinic opens Join.
    const { launchWindowMinutes } = await apiAs<{ launchWindowMinutes: number }>(
      'owner@demo.test',
      '/settings',
    );
    const start = DateTime.fromISO(`${videoDay}T10:00`, { zone, locale: 'en-US' });
    const opensAt = start.minus({ minutes: launchWindowMinutes });
    const { context, page } = await signInAs(browser, 'pat@demo.test', '/portal');
    const card = page
      .getByRole('listitem')
      .filter({ hasText: start.toFormat('MMMM d') })
      .filter({ hasText: /10:00\s*–\s*10:50/ });
    const join = card.getByRole('button', { name: 'Join' });
    await join.waitFor();
    // Assess: closed, with the opening time shown.
    expect(await join.isDisabled()).toBe(true);
    expect(await card.textContent()).toContain(`Join opens at ${start.toFormat('EEE, MMM d')}`);
    expect(await card.textContent()).toMatch(new RegExp(`${opensAt.toFormat('h:mm')}\\s*AM`));
    expect(await card.textContent()).toContain('with Dr. Jordan Lee');
    await screenshot(page, 'scheduling-portal-join-closed');
    // Act: the clinic's clock to 10 seconds before the window opens; the page reads it once.
    await stack().setClockOffset(opensAt.toMillis() - Date.now() - 10_000);
    await page.reload();
    await join.waitFor();
    expect(await join.isDisabled()).toBe(true);
    // Assess: without another reload, Join opens when the clinic's clock reaches the window.
    await expect.poll(() => join.isEnabled(), { timeout: 30_000, interval: 1_000 }).toBe(true);
    expect(await card.textContent()).toContain('Open until');
    await screenshot(page, 'scheduling-portal-join-open');
    await join.click();
    await page.waitForURL('**/visit/**');
    await context.close();
  });
});
