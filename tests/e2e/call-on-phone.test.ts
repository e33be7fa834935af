import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot, signIn } from '../helpers/browser';
import { stack } from '../helpers/local-stack';
import { openVisit } from '../helpers/visits';

/** The call on a 320 px phone: the other person large, oneself small, the controls in one row. */
describe('the call on a phone', () => {
  let browser: Browser;

  beforeAll(async () => {
    await stack().setClockOffset(0);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('at 320 px the provider fills the screen, the guest is a corner picture, and every control fits one row', async () => {
    // Prepare: the provider in the call on a computer; a guest on a small phone, let in.
    const visit = await openVisit({ guests: 1 });
    const { page: host, context: hostContext } = await openPage(browser);
    await hostContext.grantPermissions(['camera', 'microphone']);
    await signIn(host, stack().url, visit.provider.email, visit.provider.password);
    await host.waitForURL('**/schedule');
    await host.goto(`${stack().url}/visit/${visit.visitId}`);
    await host.getByRole('button', { name: 'Leave' }).waitFor();
    const phone = await browser.newContext({
      viewport: { width: 320, height: 640 },
      isMobile: true,
      hasTouch: true,
    });
    await phone.grantPermissions(['camera', 'microphone']);
    const guest = await phone.newPage();
    await guest.goto(`${stack().url}/join/${visit.links[0]?.token}`);
    await guest.getByLabel('First name').fill('Phone');
    await guest.getByLabel('Last name').fill('Guest');
    await guest.getByRole('button', { name: 'Join', exact: true }).click();
    await guest.getByTestId('waiting-room').waitFor();
    await host.getByRole('button', { name: 'Allow Phone Guest' }).click();
    // Assess: in the call, the provider's tile large and the guest's own small.
    const remote = guest.locator('figure.tile:not(.self)');
    await remote.waitFor();
    const self = guest.locator('figure.tile.self');
    const [remoteBox, selfBox] = [await remote.boundingBox(), await self.boundingBox()];
    if (!remoteBox || !selfBox) throw new Error('no tiles');
    expect(remoteBox.width * remoteBox.height).toBeGreaterThan(4 * selfBox.width * selfBox.height);
    expect(remoteBox.height).toBeGreaterThan(300);
    expect(selfBox.x + selfBox.width).toBeLessThanOrEqual(320);
    // Every control in one row, inside the screen.
    const controls = guest.locator('.controls button');
    const boxes = await Promise.all(
      Array.from({ length: await controls.count() }, (_, i) => controls.nth(i).boundingBox()),
    );
    const tops = new Set(boxes.map((b) => Math.round(b?.y ?? -1)));
    expect(tops.size).toBe(1);
    for (const box of boxes) expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(320);
    await guest.getByRole('button', { name: 'Leave' }).waitFor();
    await screenshot(guest, 'call-on-phone-320');
    await phone.close();
    await hostContext.close();
  });
});
