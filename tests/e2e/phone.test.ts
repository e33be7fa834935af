import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from '../helpers/api';
import { expectAudioArriving, watchPeerConnections } from '../helpers/audio';
import { launchBrowser, openPage, screenshot, signIn } from '../helpers/browser';
import { stack } from '../helpers/local-stack';
import { messagesTo } from '../helpers/outbox';
import { openVisit } from '../helpers/visits';

/** The local softphone as a person uses it: its own number, then the keypad. */
async function softphone(browser: Browser, number: string): Promise<Page> {
  const { page, context } = await openPage(browser);
  await context.grantPermissions(['microphone']);
  await watchPeerConnections(context);
  await page.goto(`${stack().url}/_phone`);
  const field = page.getByLabel("This phone's number");
  await field.fill(number);
  await field.blur();
  return page;
}

async function pressKeys(page: Page, keys: string): Promise<void> {
  for (const key of keys)
    await page
      .getByRole('group', { name: 'Keypad' })
      .getByRole('button', { name: key, exact: true })
      .click();
}

const heard = (page: Page) => page.getByTestId('heard');

describe('joining by telephone, on the local phone network', () => {
  let browser: Browser;
  let provider: Page;
  let visit: Awaited<ReturnType<typeof openVisit>>;

  beforeAll(async () => {
    await stack().setClockOffset(0);
    browser = await launchBrowser();
    // Prepare: a visit open now with one guest invited by email (with the dial-in PIN), and
    // its provider in the call.
    visit = await openVisit({ guests: 1 });
    const sent = await apiAs('frontdesk@demo.test').post(
      `/appointments/${visit.visitId}/invitations/send`,
    );
    expect(sent.status).toBe(200);
    const opened = await openPage(browser);
    provider = opened.page;
    await opened.context.grantPermissions(['camera', 'microphone']);
    await watchPeerConnections(opened.context);
    await signIn(provider, stack().url, visit.provider.email, visit.provider.password);
    await provider.waitForURL('**/schedule');
    await provider.goto(`${stack().url}/visit/${visit.visitId}`);
    await provider.getByRole('button', { name: 'Leave' }).waitFor();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('a guest dials the number in their invitation, types the PIN, waits, and talks once allowed', async () => {
    const email = visit.links[0]?.email ?? '';
    const [invitation] = await messagesTo(email);
    const found = /call (\+[\d ]+?) and enter your PIN ([\d ]+) followed by #/.exec(
      invitation?.text ?? '',
    );
    if (!found) throw new Error(`No dial-in number and PIN in: ${invitation?.text}`);
    const [, number = '', pin = ''] = found;
    expect(number.replace(/\s/g, '')).toBe('+12025550100');

    const phone = await softphone(browser, '+12025550143');
    await phone.getByRole('button', { name: /Call the clinic/ }).click();
    await heard(phone)
      .getByText(/enter your eleven digit PIN/)
      .waitFor();
    await pressKeys(phone, `${pin.replace(/\s/g, '')}#`);
    await heard(phone)
      .getByText(/knows you are here/)
      .waitFor();
    await screenshot(phone, 'phone-waiting');

    // The provider hears the knock "by phone", with no more of the number than its end.
    const allow = provider.getByRole('button', { name: 'Allow Phone guest …0143' });
    await allow.waitFor();
    expect(await provider.getByText('+12025550143').count()).toBe(0);
    await allow.click();

    await phone
      .getByTestId('line-status')
      .getByText('In the visit: talking')
      .waitFor({ timeout: 20_000 });
    // Sound both ways: the provider's microphone on the phone, the phone's on the provider's page.
    expect(await expectAudioArriving(phone)).toBeGreaterThan(0);
    expect(await expectAudioArriving(provider)).toBeGreaterThan(0);
    const tile = provider.locator('figure.tile[data-phone]');
    await tile.waitFor();
    expect(await tile.getAttribute('data-name')).toBe('Phone guest …0143');
    await screenshot(provider, 'phone-caller-in-call');
    await screenshot(phone, 'phone-talking');
  });

  it('the provider calls a phone from the call; it rings, 1 joins, and the sound flows', async () => {
    const phone = await softphone(browser, '+12025550177');
    await provider.getByRole('button', { name: 'Add participants' }).click();
    await provider.getByLabel('Phone number').fill('(202) 555-0177');
    await provider.getByLabel(/^Name/).fill('Grandma Rose');
    await provider.getByRole('button', { name: 'Call', exact: true }).click();
    await provider.getByText(/Calling Grandma Rose/).waitFor();
    await screenshot(provider, 'phone-call-a-phone');
    await provider.getByRole('button', { name: 'Close dialog' }).click();

    const answer = phone.getByRole('button', { name: 'Answer' });
    await answer.waitFor({ timeout: 15_000 });
    await screenshot(phone, 'phone-ringing');
    await answer.click();
    await heard(phone)
      .getByText(/invites you to join a video visit by phone/)
      .waitFor();
    await pressKeys(phone, '1');
    await phone
      .getByTestId('line-status')
      .getByText('In the visit: talking')
      .waitFor({ timeout: 20_000 });
    expect(await expectAudioArriving(phone)).toBeGreaterThan(0);
    const row = provider.locator('li[data-name="Grandma Rose"]');
    await row.and(provider.locator('[data-presence="in-call"]')).waitFor({ timeout: 15_000 });
    await screenshot(provider, 'phone-called-in');
  });
});
