import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { launchBrowser, openPage, screenshot, signIn } from '../helpers/browser';
import { stack } from '../helpers/local-stack';
import { expectRemoteVideoAdvancing } from '../helpers/video';
import { openVisit } from '../helpers/visits';

/**
 * Everyone steps out of a running visit; Chime ends the meeting 5 minutes later (the local
 * stand-in on the moved clock). Coming back must land in a new meeting, not in the ended one.
 */
describe('coming back to a visit after Chime ended its idle meeting', () => {
  let browser: Browser;

  beforeAll(async () => {
    await stack().setClockOffset(0);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await stack().setClockOffset(0);
    await browser.close();
  });

  it('the provider and the admitted guest come back into the call and see each other again', async () => {
    // Prepare: provider and guest in the call together.
    const visit = await openVisit({ guests: 1 });
    const { page: provider } = await openPage(browser);
    await signIn(provider, stack().url, visit.provider.email, visit.provider.password);
    await provider.waitForURL('**/schedule');
    const callUrl = `${stack().url}/visit/${visit.visitId}`;
    await provider.goto(callUrl);
    await provider.getByLabel('Your video').waitFor();
    const { page: guest } = await openPage(browser);
    await guest.goto(`${stack().url}/join/${visit.links[0]?.token}`);
    await guest.getByLabel('First name').fill('Robin');
    await guest.getByLabel('Last name').fill('Return');
    await guest.getByRole('button', { name: 'Join', exact: true }).click();
    await provider.getByRole('button', { name: 'Allow Robin Return' }).click();
    for (const page of [provider, guest]) await expectRemoteVideoAdvancing(page, 1);
    // Act: both step away (their tabs keep their place), six minutes pass, both come back.
    const away = (page: Page) => page.goto('about:blank');
    await Promise.all([away(provider), away(guest)]);
    await stack().setClockOffset(6 * 60_000);
    await Promise.all([provider.goto(callUrl), guest.goto(callUrl)]);
    // Assess: a working call again on both pages, not "Opening your visit…" forever.
    for (const page of [provider, guest]) await expectRemoteVideoAdvancing(page, 1, 60_000);
    await screenshot(provider, 'return-after-idle-provider');
  });
});
