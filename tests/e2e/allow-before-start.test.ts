import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot, signIn } from '../helpers/browser';
import { stack } from '../helpers/local-stack';
import { knock, openVisit } from '../helpers/visits';

/**
 * A guest knocks before the provider has started: the knock shows on the schedule, but Allow
 * waits for Start (a guest let into an empty call would meet nobody).
 */
describe('Allow before the visit is started', () => {
  let browser: Browser;
  let provider: Page;

  beforeAll(async () => {
    await stack().setClockOffset(0);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('the schedule shows the knock with Allow disabled and why; after Start, Allow lets them in', async () => {
    // Prepare: a visit of a provider of its own, a guest already knocking.
    const visit = await openVisit({ guests: 1 });
    await knock(visit.links[0]?.token ?? '', 'Early', 'Guest');
    ({ page: provider } = await openPage(browser));
    await signIn(provider, stack().url, visit.provider.email, visit.provider.password);
    await provider.waitForURL('**/schedule');
    const row = provider.locator(`li[data-visit="${visit.visitId}"]`);
    // Assess: the knock is there; Allow is disabled and the page says why; Deny is not.
    await row.locator('li.knock[data-name="Early Guest"]').waitFor();
    // Beside the typed name, whose invitation it was: the address it went to, masked.
    expect(
      await row
        .locator('li.knock[data-name="Early Guest"]')
        .getByTestId('invited-as')
        .textContent(),
    ).toBe('g•••@example.com');
    expect(await row.getByRole('button', { name: 'Allow Early Guest' }).isDisabled()).toBe(true);
    expect(await row.getByRole('button', { name: 'Deny Early Guest' }).isDisabled()).toBe(false);
    expect(await row.getByTestId('allow-hint').textContent()).toBe(
      'Start the visit to let people in.',
    );
    await screenshot(provider, 'allow-before-start-schedule');
    // Act: Start, then Allow in the call.
    await row.getByRole('button', { name: /^Start the visit with/ }).click();
    await provider.waitForURL(`**/visit/${visit.visitId}`);
    const allow = provider.getByRole('button', { name: 'Allow Early Guest' });
    await allow.waitFor();
    expect(await allow.isDisabled()).toBe(false);
    await allow.click();
    // Assess
    await provider.locator('li[data-name="Early Guest"][data-presence]').first().waitFor();
    await provider.getByText('Nobody is waiting.').waitFor();
  });
});
