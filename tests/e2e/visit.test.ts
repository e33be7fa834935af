import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plusMinutes } from '../helpers/api';
import { demoPassword } from '../helpers/auth';
import { launchBrowser, openPage, screenshot, signIn } from '../helpers/browser';
import { initialJs, isDevelopmentBuild } from '../helpers/bundle-size';
import { stack } from '../helpers/local-stack';
import { demoPeople } from '../helpers/people';
import { expectRemoteVideoAdvancing, remoteFrames } from '../helpers/video';
import { clearAroundNow, startsToday } from '../helpers/visits';

const tag = Date.now().toString(36);
const alexEmail = `alex.${tag}@example.com`;
const blakeEmail = `blake.${tag}@example.com`;

/**
 * A short video appointment of dr.lee with Pat whose join window is open now and which Pat's
 * portal lists (it starts no earlier than the grace period ago): the first free start from a
 * couple of minutes ahead, then earlier.
 */
async function bookNow(frontDesk: Awaited<ReturnType<typeof demoPeople>>['frontDesk']) {
  const { leeId, patId } = await demoPeople();
  const now = Date.now() - (Date.now() % 60_000);
  const offsets = [2, 4, 6, 8, 10, 12, 0, -2, -4, -6, -8, -10, -12, -15, -20];
  const today = startsToday(now, offsets);
  for (const [i, minutes] of [...today, 0].entries()) {
    // The seed books dr.lee at fixed times of day: at some hours nothing near now is free.
    if (i === today.length) await clearAroundNow(leeId);
    const startsAt = new Date(now + minutes * 60_000).toISOString();
    const created = await frontDesk.post('/appointments', {
      providerId: leeId,
      clientId: patId,
      startsAt,
      endsAt: plusMinutes(startsAt, 5),
      video: true,
    });
    if (created.status === 201) return String(created.body.appointments[0].id);
  }
  throw new Error('No free slot near now on dr.lee’s calendar');
}

async function signedIn(browser: Browser, email: string, landing: string): Promise<Page> {
  const { page } = await openPage(browser);
  await signIn(page, stack().url, email, demoPassword);
  await page.waitForURL(`**${landing}`);
  return page;
}

/** A guest on the join page: name and Join (knock), then the waiting room. */
async function knockAs(page: Page, first: string, last: string): Promise<void> {
  await page.getByRole('heading', { name: 'Video visit with Dr. Jordan Lee' }).waitFor();
  await page.getByLabel('First name').fill(first);
  await page.getByLabel('Last name').fill(last);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await page.getByTestId('waiting-room').waitFor();
}

describe('a video visit in the browser', () => {
  let browser: Browser;
  let visitId = '';
  let blakeLink = '';
  let lee: Page;
  let pat: Page;
  let alex: Page;
  let blake: Page;

  beforeAll(async () => {
    await stack().setClockOffset(0);
    browser = await launchBrowser();
    // Prepare: Pat's session with dr.lee, open now, and two guests invited by email and sent.
    const { frontDesk } = await demoPeople();
    visitId = await bookNow(frontDesk);
    for (const email of [alexEmail, blakeEmail]) {
      expect((await frontDesk.post(`/appointments/${visitId}/invitees`, { email })).status).toBe(
        201,
      );
    }
    const sent = await frontDesk.post(`/appointments/${visitId}/invitations/send`);
    expect(sent.status).toBe(200);
    blakeLink = sent.body.invitees.find((i: { email?: string }) => i.email === blakeEmail).link;
  });
  afterAll(async () => {
    await browser.close();
  });

  it('dr.lee starts the visit from today’s list on the schedule and is in the call at once', async () => {
    // Prepare
    lee = await signedIn(browser, 'dr.lee@demo.test', '/schedule');
    const row = lee.locator(`li[data-visit="${visitId}"]`);
    // Act
    await row.getByRole('button', { name: /^Start the visit with Pat Rivera/ }).click();
    // Assess: the call, with the provider's own picture and an empty waiting room.
    await lee.waitForURL(`**/visit/${visitId}`);
    await lee.getByLabel('Your video').waitFor();
    await lee.getByText('Nobody is waiting.').waitFor();
    await screenshot(lee, 'visit-provider-alone');
  });

  it('Pat joins from the portal and waits; the knock reaches dr.lee at once, with how and since when', async () => {
    // Prepare
    pat = await signedIn(browser, 'pat@demo.test', '/portal');
    // Act
    await pat
      .locator(`li[data-appointment="${visitId}"]`)
      .getByRole('button', { name: 'Join' })
      .click();
    // Assess: Pat waits with the API's message; dr.lee sees the knock, a badge and the title.
    await pat.getByTestId('waiting-room').waitFor();
    expect(await pat.getByTestId('waiting-message').textContent()).toBe(
      'Your provider will let you in shortly.',
    );
    const knock = lee.locator('li.knock[data-name="Pat Rivera"]');
    await knock.waitFor();
    expect(await knock.textContent()).toMatch(/from the portal · since \d{1,2}:\d{2}\s[AP]M/);
    expect(await lee.getByTestId('waiting-badge').textContent()).toBe('1');
    expect(await lee.title()).toMatch(/^\(1\) waiting/);
    await screenshot(pat, 'visit-patient-waiting');
    await screenshot(lee, 'visit-provider-knock');
  });

  it('two guests come by their links (one from the email on the outbox page), check their devices and knock', async () => {
    // Prepare
    ({ page: alex } = await openPage(browser));
    ({ page: blake } = await openPage(browser));
    // Act: Alex clicks the link in the captured Send Now email; Blake opens his link.
    await alex.goto(`${stack().url}/_outbox`);
    await alex
      .locator('article.msg[data-kind="email"]', { hasText: alexEmail })
      .locator('a[href*="/join/"]')
      .first()
      .click();
    await alex.waitForURL('**/join/**');
    await alex.getByRole('button', { name: 'Check camera and microphone' }).click();
    await alex.getByLabel('Your camera').waitFor();
    await alex.getByRole('meter', { name: 'Microphone level' }).waitFor();
    await alex.getByRole('button', { name: 'Play test sound' }).click();
    await alex.getByText(/Did you hear a short tune\?/).waitFor();
    await screenshot(alex, 'visit-guest-prejoin');
    await knockAs(alex, 'Alex', 'Morgan');
    await blake.goto(blakeLink);
    await knockAs(blake, 'Blake', 'Jordan');
    // Assess: three knocks on dr.lee's page, the guests' by link; guests see no clinic data.
    await lee.locator('li.knock[data-name="Blake Jordan"]').waitFor();
    expect(await lee.locator('li.knock').count()).toBe(3);
    expect(await lee.locator('li.knock[data-name="Alex Morgan"]').textContent()).toContain(
      'by link',
    );
    expect(await lee.getByTestId('waiting-badge').textContent()).toBe('3');
    expect(await alex.textContent('body')).not.toContain('Pat');
    await screenshot(alex, 'visit-guest-waiting');
    await screenshot(lee, 'visit-provider-three-knocks');
  });

  it('dr.lee lets Pat and Alex in and denies Blake; every page in the call shows the others’ live video', async () => {
    // Act
    await lee.getByRole('button', { name: 'Allow Pat Rivera' }).click();
    await lee.getByRole('button', { name: 'Allow Alex Morgan' }).click();
    await lee.getByRole('button', { name: 'Deny Blake Jordan' }).click();
    // Assess: Blake is told kindly; the three in the call see two others each, frames moving.
    await blake.getByTestId('visit-over').waitFor();
    expect(await blake.getByRole('heading').first().textContent()).toBe('You were not let in');
    for (const page of [lee, pat, alex]) await expectRemoteVideoAdvancing(page, 2);
    await lee.locator('li[data-name="Alex Morgan"][data-presence="in-call"]').waitFor();
    expect(await lee.getByText('Nobody is waiting.').isVisible()).toBe(true);
    await screenshot(blake, 'visit-guest-denied');
    await screenshot(pat, 'visit-patient-call');
    await screenshot(alex, 'visit-guest-call');
    await screenshot(lee, 'visit-provider-call');
  });

  it('Add participants shows where each invitee is: Alex in the call, Blake denied', async () => {
    await lee.getByRole('button', { name: 'Add participants' }).click();
    const dialog = lee.getByRole('dialog');
    const stateOf = (email: string) =>
      dialog.locator(`li[data-invitee="${email}"]`).getByTestId('invitee-state');
    await stateOf(alexEmail).waitFor();
    expect(await stateOf(alexEmail).textContent()).toBe('In the call');
    expect(await stateOf(blakeEmail).textContent()).toBe('Denied');
    await screenshot(lee, 'visit-add-participants-states');
    await dialog.getByRole('button', { name: 'Close dialog' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('Pat mutes her microphone: the others see it on her tile, until she unmutes', async () => {
    const patOnLee = lee.locator('figure.tile[data-name="Pat Rivera"]');
    const patOnAlex = alex.locator('figure.tile[data-name="Pat R."]');
    expect(await patOnLee.getByTestId('muted').count()).toBe(0);
    // Act
    await pat.getByRole('button', { name: 'Mute', exact: true }).click();
    // Assess: her own tile and both others' show the crossed-out microphone.
    await pat.locator('figure.tile.self[data-muted="true"]').waitFor();
    await patOnLee.getByTestId('muted').waitFor();
    await patOnAlex.getByTestId('muted').waitFor();
    expect(await patOnLee.getByTestId('muted').getAttribute('aria-label')).toBe(
      'Pat Rivera is muted',
    );
    expect(await lee.locator('figure.tile[data-muted="true"]').count()).toBe(1);
    await screenshot(lee, 'visit-provider-sees-muted');
    // Act: unmute.
    await pat.getByRole('button', { name: 'Unmute', exact: true }).click();
    await patOnLee.locator('[data-testid="muted"]').waitFor({ state: 'detached' });
    await patOnAlex.locator('[data-testid="muted"]').waitFor({ state: 'detached' });
  });

  it('Back in the browser asks Pat before leaving the call, and Stay keeps her in it', async () => {
    // Act: Back, as from any page.
    await pat.goBack({ waitUntil: 'commit' });
    // Assess: asked, still in the call; Stay keeps it so.
    const ask = pat.getByRole('alertdialog', { name: 'Leave the call?' });
    await ask.waitFor();
    await screenshot(pat, 'visit-patient-back-asked');
    await ask.getByRole('button', { name: 'Stay in the call' }).click();
    await ask.waitFor({ state: 'detached' });
    expect(pat.url()).toContain(`/visit/${visitId}`);
    await expectRemoteVideoAdvancing(pat, 2);
  });

  it('dr.lee removes Alex: his page says so, and his link brings him back only through the waiting room', async () => {
    // Act
    await lee.getByRole('button', { name: 'Remove Alex Morgan' }).click();
    await lee.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click();
    // Assess: Alex's page says he was removed (no frozen call); the others see one other.
    await alex.getByTestId('visit-over').waitFor();
    expect(await alex.getByRole('heading').first().textContent()).toBe(
      'You were removed from the visit',
    );
    expect(await alex.locator('video').count()).toBe(0);
    await expectRemoteVideoAdvancing(lee, 1);
    await expectRemoteVideoAdvancing(pat, 1);
    await screenshot(alex, 'visit-guest-removed');
    // Act: back by the same link.
    await alex.getByRole('link', { name: 'Back to the waiting room' }).click();
    // The name he typed is still there.
    await alex.getByLabel('First name').waitFor();
    expect(await alex.getByLabel('First name').inputValue()).toBe('Alex');
    expect(await alex.getByLabel('Last name').inputValue()).toBe('Morgan');
    await knockAs(alex, 'Alex', 'Morgan');
    // Assess: he waits to be let in again, and dr.lee hears the knock.
    await lee.locator('li.knock[data-name="Alex Morgan"]').waitFor();
    expect(await remoteFrames(alex)).toEqual([]);
  });

  it('End visit for all: every page, in the call, waiting or turned away, says the visit has ended', async () => {
    // Act
    await lee.getByRole('button', { name: 'End visit' }).click();
    await lee.getByRole('button', { name: 'End visit for all' }).click();
    // Assess
    for (const page of [lee, pat, alex, blake]) {
      await page.locator('[data-testid="visit-over"][data-reason="ended"]').waitFor();
      expect(await page.getByRole('heading', { name: 'The visit has ended' }).count()).toBe(1);
      // Said once, in the heading, not again in the text under it.
      expect(await page.getByText('The visit has ended').count()).toBe(1);
    }
    await screenshot(lee, 'visit-provider-ended');
    await screenshot(pat, 'visit-patient-ended');
    await screenshot(alex, 'visit-guest-ended');
    await screenshot(blake, 'visit-denied-guest-ended');
  });

  it('the visit details after End: nobody in the call, everyone with a Left time, each of Alex’s two stints', async () => {
    // Act
    await lee.getByRole('link', { name: 'Visit details' }).click();
    await lee.waitForURL(`**/visits/${visitId}`);
    const table = lee.getByRole('table', { name: 'Participants' });
    await table.locator('tr[data-name="Alex Morgan"]').nth(1).waitFor();
    // Assess
    expect(await table.locator('tr[data-presence="in-call"]').count()).toBe(0);
    expect(await lee.getByText('Live', { exact: true }).count()).toBe(0);
    const alexRows = table.locator('tr[data-name="Alex Morgan"]');
    expect(await alexRows.count()).toBe(2);
    expect(await alexRows.nth(0).getAttribute('data-presence')).toBe('removed');
    expect(await alexRows.nth(1).getAttribute('data-presence')).toBe('left');
    for (const name of ['Dr. Jordan Lee', 'Pat Rivera', 'Alex Morgan', 'Blake Jordan']) {
      const left = await table
        .locator(`tr[data-name="${name}"][data-current="true"] td`)
        .nth(5)
        .textContent();
      expect(left, name).toMatch(/\d{1,2}:\d{2}\s[AP]M \((left|denied)\)/);
    }
    await screenshot(lee, 'visit-details-after-end');
  });

  it('the guest join page downloads under 40 KB of JavaScript (gzip) before the pre-join check', () => {
    // The stack builds the web app for production; a development build would be a defect here.
    expect(isDevelopmentBuild()).toBe(false);
    const { gzipBytes } = initialJs('/join/[token]');
    console.log(`guest join page initial JS: ${(gzipBytes / 1024).toFixed(1)} KB gzip`);
    expect(gzipBytes).toBeLessThan(40 * 1024);
  });
});
