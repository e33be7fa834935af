import type { Browser, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot } from '../helpers/browser';
import { stack } from '../helpers/local-stack';
import { openVisit } from '../helpers/visits';

/** A waiting guest whose network drops for longer than the grace is put back, not turned away. */
describe('a lost connection in the waiting room', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('a guest offline past the grace counts as gone, and their page knocks again by itself when the network returns', async () => {
    // Prepare: a guest waiting in a started visit.
    const { host, visitId, links } = await openVisit({ guests: 1 });
    expect((await host.post(`/appointments/${visitId}/visit/start`)).status).toBe(200);
    const { page, context } = await openPage(browser);
    await context.grantPermissions(['camera', 'microphone']);
    // The page's realtime socket passes through here, so the test can cut it as a dead network
    // would (the browser's offline mode leaves open sockets alone) and refuse reconnecting.
    let cut = false;
    const sockets = new Set<WebSocketRoute>();
    await page.routeWebSocket(/\/ws(\?|$)/, (ws) => {
      if (cut) return ws.close();
      ws.connectToServer();
      sockets.add(ws);
    });
    await page.goto(`${stack().url}/join/${links[0]?.token}`);
    await page.locator('#guest-first').fill('Neta');
    await page.locator('#guest-last').fill('Offline');
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await page
      .getByText(/let you in/i)
      .first()
      .waitFor();
    const stateOf = async () =>
      (
        (await host.get(`/visits/${visitId}`)).body.participants as {
          name?: string;
          displayName?: string;
          state: string;
          kind: string;
        }[]
      )
        .filter((p) => p.kind !== 'provider')
        .map((p) => p.state);
    expect(await stateOf()).toEqual(['waiting']);
    // Act: the network goes for longer than the grace.
    cut = true;
    for (const ws of sockets) await ws.close();
    const deadline = Date.now() + 40_000;
    while ((await stateOf()).join() !== 'left') {
      if (Date.now() > deadline) throw new Error(`never counted as gone: ${await stateOf()}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    cut = false;
    // Assess: the page is back in the waiting room by itself, and the provider sees them waiting.
    await page
      .getByText(/let you in/i)
      .first()
      .waitFor({ timeout: 30_000 });
    const back = Date.now() + 30_000;
    while ((await stateOf()).join() !== 'waiting') {
      if (Date.now() > back) throw new Error(`never back in the waiting room: ${await stateOf()}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    await screenshot(page, 'connection-lost-back-waiting');
    await context.close();
  });
});
