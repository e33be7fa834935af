import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webHeaders } from '../../infra/schema/web-headers';
import { accessTokenFor, demoPassword } from '../helpers/auth';
import { launchBrowser, openPage, signIn } from '../helpers/browser';
import { stack } from '../helpers/local-stack';

/** The headers of an answer, by the names the shared definition uses. */
async function headersOf(path: string, init?: RequestInit): Promise<Record<string, string>> {
  const response = await fetch(`${stack().url}${path}`, init);
  await response.arrayBuffer();
  const expected = webHeaders('api');
  return Object.fromEntries(
    Object.keys(expected).map((name) => [name, response.headers.get(name) ?? '(none)']),
  );
}

/** Every Content-Security-Policy violation the page reports, from its first script on. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
}

describe('security headers, as CloudFront sends them', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('sends the shared headers on the app, its hashed files and every API answer', async () => {
    const page = await fetch(`${stack().url}/schedule`).then((r) => r.text());
    const boot = /<script src="(\/_app\/immutable\/entry\/boot\.[0-9a-f]+\.js)"><\/script>/.exec(
      page,
    )?.[1];
    // The built page has no inline script at all: its start-up script is a file.
    expect(boot).toBeDefined();
    expect(page).not.toMatch(/<script>/);
    // Built as a deployment builds it (npm run build:web): no source maps to deploy.
    const built = readdirSync(join('web', 'build'), { recursive: true }).map(String);
    expect(built.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(await headersOf('/schedule')).toEqual(webHeaders('appShell'));
    expect(await headersOf('/config.json')).toEqual(webHeaders('appShell'));
    expect(await headersOf(boot ?? '')).toEqual(webHeaders('immutable'));
    // API answers carry names and times: never stored, whatever their status.
    expect(await headersOf('/api/health')).toEqual(webHeaders('api'));
    expect(await headersOf('/api/visits/nope/participants/me')).toEqual(webHeaders('api'));
    const token = await accessTokenFor('dr.lee@demo.test');
    const me = await headersOf('/api/me', { headers: { authorization: `Bearer ${token}` } });
    expect(me).toEqual(webHeaders('api'));
  });

  it('runs the app under its policy without a single violation, and refuses an injected script', async () => {
    const { page } = await openPage(browser);
    const violations = await watchViolations(page);
    // Sign-in (Cognito), the schedule (API and WebSocket), then a visit page.
    await signIn(page, stack().url, 'dr.lee@demo.test', demoPassword);
    await page.waitForURL('**/schedule');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await violations()).toEqual([]);
    // A script put into the page by an attacker (e.g. through a name) does not run.
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true';
      document.body.append(script);
      await new Promise((r) => setTimeout(r, 100));
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
    expect((await violations()).some((v) => v.startsWith('script-src'))).toBe(true);
    await page.context().close();
  });
});
