import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from '../helpers/api';
import { launchBrowser, screenshot, signIn } from '../helpers/browser';
import { stack } from '../helpers/local-stack';
import { remoteFrames, tinyFakeCamera } from '../helpers/video';
import { openVisit } from '../helpers/visits';

/** The client and six guests beside the provider: the most a visit holds. */
const others = [
  { first: 'Cal', last: 'Client' },
  { first: 'Ava', last: 'Adams' },
  { first: 'Ben', last: 'Brown' },
  { first: 'Cleo', last: 'Cruz' },
  { first: 'Dev', last: 'Diaz' },
  { first: 'Eli', last: 'Evans' },
  { first: 'Fay', last: 'Fox' },
];

/** Polls until `check` holds; generous, since eight calls share two CPUs here. */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 150_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

/**
 * Eight people in one visit, each in a browser context of their own in one Chromium, with a
 * tiny fake camera (64×48) so that 56 peer connections fit on a small machine. Only what each
 * page shows is asserted, never how fast.
 */
describe('a visit with eight people', () => {
  let browser: Browser;
  let visit: Awaited<ReturnType<typeof openVisit>>;
  let settingsBefore: number | undefined;
  const pages: Page[] = [];

  beforeAll(async () => {
    await stack().setClockOffset(0);
    // The clinic's cap must let six beside provider and client (the demo default; restored after).
    const owner = apiAs('owner@demo.test');
    settingsBefore = (await owner.get('/settings')).body.maxExtraAttendees;
    if (settingsBefore !== 6) await owner.patch('/settings', { maxExtraAttendees: 6 });
    const camera = tinyFakeCamera(join(mkdtempSync(join(tmpdir(), 'televisit-')), 'tiny.y4m'));
    browser = await launchBrowser([`--use-file-for-fake-video-capture=${camera}`]);
    visit = await openVisit({ guests: 6 });
  });
  afterAll(async () => {
    await visit?.host.post(`/visits/${visit.visitId}/end`);
    await browser?.close();
    if (settingsBefore !== undefined && settingsBefore !== 6)
      await apiAs('owner@demo.test').patch('/settings', { maxExtraAttendees: settingsBefore });
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 960, height: 640 },
      timezoneId: 'America/New_York',
      locale: 'en-US',
    });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    pages.push(page);
    return page;
  }

  it('all eight are in the call: the provider sees eight named tiles, and every page gets remote video', {
    timeout: 420_000,
  }, async () => {
    // Prepare: the provider opens the visit (starting it).
    const provider = await newPage();
    await signIn(provider, stack().url, visit.provider.email, visit.provider.password);
    await provider.waitForURL('**/schedule');
    await provider.goto(`${stack().url}/visit/${visit.visitId}`);
    await provider.getByLabel('Your video').waitFor();
    // The client by the appointment's link, six guests by theirs: each gives a name and knocks.
    const links = [visit.clientLink, ...visit.links.map((l) => l.token)];
    const guests = await Promise.all(
      others.map(async (person, i) => {
        const page = await newPage();
        await page.goto(`${stack().url}/join/${links[i]}`);
        await page.getByLabel('First name').fill(person.first);
        await page.getByLabel('Last name').fill(person.last);
        await page.getByRole('button', { name: 'Join', exact: true }).click();
        await page.getByTestId('waiting-room').waitFor();
        return page;
      }),
    );
    // Act: Allow all, once everyone is knocking.
    await until(
      'seven people wait',
      async () => (await provider.locator('li.knock').count()) === 7,
    );
    await provider.getByRole('button', { name: 'Allow all' }).click();
    // Assess: eight tiles on the provider's page, each named.
    await until('the provider sees eight tiles', async () => {
      return (await provider.locator('figure.tile').count()) === 8;
    });
    const names = await provider
      .locator('figure.tile')
      .evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-name')));
    expect(names).toHaveLength(8);
    expect(names[0]).toMatch(/\(you\)$/);
    expect(names.slice(1).sort()).toEqual(others.map((p) => `${p.first} ${p.last}`).sort());
    // Every page decodes frames of at least some of the others' video.
    for (const [i, page] of [provider, ...guests].entries()) {
      await until(`page ${i} receives remote video`, async () => {
        const frames = await remoteFrames(page);
        return frames.filter((n) => n > 0).length > 0;
      });
    }
    await screenshot(provider, 'eight-people-provider');
    await screenshot(guests[0] as Page, 'eight-people-client');
  });
});
