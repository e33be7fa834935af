import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, launchBrowser, openPage, screenshot, signIn } from '../helpers/browser';
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
    // Invited with a PIN, the guest can see how to join by phone instead.
    await guest.getByRole('button', { name: 'By phone' }).click();
    await guest.getByTestId('phone-info').getByText('+1 202 555 0100').waitFor();
    await screenshot(guest, 'call-on-phone-320');
    await phone.close();
    await hostContext.close();
  });

  it('with three in the call, the one speaking is first and large on the phone, outlined everywhere', async () => {
    // Prepare: a browser whose microphones play a steady tone (the default fake one only beeps).
    const tone = join(artifactsDir, 'tone.wav');
    mkdirSync(artifactsDir, { recursive: true });
    writeFileSync(tone, toneWav());
    const speaking = await launchBrowser([`--use-file-for-fake-audio-capture=${tone}`]);
    try {
      const visit = await openVisit({ guests: 2 });
      const { page: host, context: hostContext } = await openPage(speaking);
      await hostContext.grantPermissions(['camera', 'microphone']);
      await signIn(host, stack().url, visit.provider.email, visit.provider.password);
      await host.waitForURL('**/schedule');
      await host.goto(`${stack().url}/visit/${visit.visitId}`);
      await host.getByRole('button', { name: 'Leave' }).waitFor();
      // The provider listens: microphone off.
      await host.getByRole('button', { name: 'Mute', exact: true }).click();
      const join = async (
        token: string,
        first: string,
        viewport: { width: number; height: number },
      ) => {
        const context = await speaking.newContext({ viewport });
        await context.grantPermissions(['camera', 'microphone']);
        const page = await context.newPage();
        await page.goto(`${stack().url}/join/${token}`);
        await page.getByLabel('First name').fill(first);
        await page.getByLabel('Last name').fill('Caller');
        await page.getByRole('button', { name: 'Join', exact: true }).click();
        await page.getByTestId('waiting-room').waitFor();
        await host.getByRole('button', { name: `Allow ${first} Caller` }).click();
        await page.getByRole('button', { name: 'Leave' }).waitFor();
        return page;
      };
      const phone = await join(visit.links[0]?.token ?? '', 'Quiet', { width: 375, height: 740 });
      await phone.getByRole('button', { name: 'Mute', exact: true }).click();
      await join(visit.links[1]?.token ?? '', 'Talking', {
        width: 1000,
        height: 700,
      });
      // Assess: on the quiet guest's phone, the talking guest's tile is marked and the largest.
      const talking = phone.locator('figure.tile[data-name^="Talking"]');
      await phone
        .locator('figure.tile[data-speaking="true"][data-name^="Talking"]')
        .waitFor({ timeout: 15_000 });
      const provider = phone.locator('figure.tile:not(.self):not([data-name^="Talking"])');
      const [big, small] = [await talking.boundingBox(), await provider.boundingBox()];
      if (!big || !small) throw new Error('no tiles');
      expect(big.height).toBeGreaterThan(2 * small.height);
      expect(big.y).toBeLessThan(small.y);
      // On the provider's computer, the same person is outlined.
      await host
        .locator('figure.tile[data-speaking="true"][data-name^="Talking"]')
        .waitFor({ timeout: 15_000 });
      await screenshot(phone, 'call-on-phone-speaker');
    } finally {
      await speaking.close();
    }
  });
});

/** One second of a 440 Hz tone, 16-bit mono at 48 kHz, as a WAV file. */
function toneWav(): Buffer {
  const rate = 48_000;
  const samples = Buffer.alloc(rate * 2);
  for (let i = 0; i < rate; i += 1)
    samples.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 12_000), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + samples.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(samples.length, 40);
  return Buffer.concat([header, samples]);
}
