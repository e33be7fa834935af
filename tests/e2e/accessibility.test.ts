import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../helpers/auth';
import { codeSentTo, newEmail } from '../helpers/booking';
import { launchBrowser, openPage, signIn } from '../helpers/browser';
import { stack } from '../helpers/local-stack';
import { demoPeople } from '../helpers/people';
import { openVisit } from '../helpers/visits';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core'), 'utf8');

interface Finding {
  id: string;
  impact: string;
  targets: string[];
}

/**
 * axe-core's serious and critical findings on the page as it is now (WCAG 2.1 A and AA). Its
 * source is evaluated through the browser's debugging protocol, which the page's own
 * Content-Security-Policy does not govern.
 */
async function seriousFindings(page: Page): Promise<Finding[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(...a: unknown[]): Promise<unknown> } }).axe;
    const result = (await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })) as {
      violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
    };
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        targets: v.nodes.map((n) => n.target.join(' ')),
      }));
  });
}

describe('every page passes axe-core with no serious or critical finding', () => {
  let browser: Browser;
  const found = new Map<string, Finding[]>();
  const check = async (page: Page, name: string) => {
    found.set(name, await seriousFindings(page));
  };

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('the pages of a signed-in owner, a provider, a guest and a client', async () => {
    const { visitId, links, provider, host: hostApi } = await openVisit({ guests: 1 });
    const { page } = await openPage(browser);
    // Signed out: sign-in and an unknown address.
    await page.goto(`${stack().url}/sign-in`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await check(page, 'sign-in');
    await page.goto(`${stack().url}/no-such-page`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await check(page, 'not found');
    // The owner's pages.
    await signIn(page, stack().url, 'owner@demo.test', demoPassword);
    await page.waitForURL('**/schedule');
    await page.locator('.ec-event').first().waitFor();
    await check(page, 'schedule');
    await page.locator('.ec-event').first().click();
    await page.getByRole('dialog').waitFor();
    await check(page, 'appointment editor');
    for (const [path, ready] of [
      ['/clients', 'Clients'],
      ['/rooms', 'Rooms'],
      ['/staff', 'Staff'],
      ['/settings', 'Settings'],
      ['/settings/booking', 'Online booking'],
      ['/audit', 'Audit log'],
    ] as const) {
      await page.goto(`${stack().url}${path}`);
      await page.getByRole('heading', { name: ready }).first().waitFor();
      await page.waitForLoadState('networkidle');
      await check(page, path);
    }
    await page.context().close();
    // The provider's visit page and its details.
    const host = await openPage(browser);
    await signIn(host.page, stack().url, provider.email, provider.password);
    await host.page.waitForURL('**/schedule');
    await host.page.goto(`${stack().url}/visits/${visitId}`);
    await host.page.getByRole('heading', { level: 1 }).waitFor();
    await check(host.page, 'visit details');
    // A guest's join page, then the waiting room.
    const guest = await openPage(browser);
    await guest.context.grantPermissions(['camera', 'microphone']);
    await guest.page.goto(`${stack().url}/join/${links[0]?.token}`);
    await guest.page.locator('#guest-first').waitFor();
    await guest.page.waitForLoadState('networkidle');
    await check(guest.page, 'join page');
    await guest.page.locator('#guest-first').fill('Ada');
    await guest.page.locator('#guest-last').fill('Access');
    await guest.page.getByRole('button', { name: 'Join', exact: true }).click();
    await guest.page
      .getByText(/waiting|let you in/i)
      .first()
      .waitFor();
    await check(guest.page, 'waiting room');
    // The provider's call page with someone waiting, then the guest's call.
    expect((await hostApi.post(`/appointments/${visitId}/visit/start`)).status).toBe(200);
    await host.context.grantPermissions(['camera', 'microphone']);
    await host.page.goto(`${stack().url}/visit/${visitId}`);
    const allow = host.page.getByRole('button', { name: 'Allow Ada Access' });
    await allow.waitFor();
    await check(host.page, 'call (provider)');
    await allow.click();
    await guest.page.getByRole('button', { name: /^Leave/ }).waitFor();
    await check(guest.page, 'call (guest)');
    await guest.page.context().close();
    await host.page.context().close();
    // A client's portal.
    const portal = await openPage(browser);
    await signIn(portal.page, stack().url, 'pat@demo.test', demoPassword);
    await portal.page.waitForURL('**/portal');
    await portal.page.getByRole('heading', { level: 1 }).waitFor();
    await portal.page.waitForLoadState('networkidle');
    await check(portal.page, 'portal');
    await portal.page.context().close();

    expect(Object.fromEntries(found)).toEqual(
      Object.fromEntries([...found.keys()].map((k) => [k, []])),
    );
  });

  it('the public booking page, from a free time to the confirmation, and the manage page', async () => {
    const { leeId } = await demoPeople();
    const { page } = await openPage(browser);
    const email = newEmail();
    const findings = new Map<string, Finding[]>();
    await page.goto(`${stack().url}/book/${leeId}`);
    await page.getByLabel('Video session · 50 minutes').check();
    const first = page.locator('.slots button').first();
    await first.waitFor();
    findings.set('free times', await seriousFindings(page));
    await first.click();
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Send code' }).click();
    await page.getByLabel('6-digit code').fill(await codeSentTo(email));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('First name').fill('Ada');
    await page.getByLabel('Last name').fill('Access');
    findings.set('booking form', await seriousFindings(page));
    await page.getByRole('button', { name: 'Book', exact: true }).click();
    await page.getByRole('heading', { name: "You're booked" }).waitFor();
    findings.set('confirmation', await seriousFindings(page));
    await page.getByRole('link', { name: 'Cancel or change' }).click();
    await page.getByTestId('booking-status').waitFor();
    findings.set('manage page', await seriousFindings(page));
    await page.context().close();

    expect(Object.fromEntries(findings)).toEqual(
      Object.fromEntries([...findings.keys()].map((k) => [k, []])),
    );
  });
});
