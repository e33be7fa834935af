import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, at } from '../helpers/api';
import { demoPassword } from '../helpers/auth';
import { launchBrowser, openPage, screenshot, signIn } from '../helpers/browser';
import { stack } from '../helpers/local-stack';
import { joinLinkIn, messagesTo } from '../helpers/outbox';
import { demoPeople } from '../helpers/people';

/** A video appointment of Pat's with dr.lee, on the first free afternoon from day 170 on. */
async function patsVideoAppointment(): Promise<string> {
  const { leeId, patId } = await demoPeople();
  for (let day = 170; day < 200; day += 1) {
    const booked = await apiAs('frontdesk@demo.test').post('/appointments', {
      providerId: leeId,
      clientId: patId,
      startsAt: at(day, 15),
      endsAt: at(day, 16),
      video: true,
    });
    if (booked.status === 201) return booked.body.appointments[0].id;
  }
  throw new Error('No free afternoon for Pat');
}

describe("a client's guests, from the portal", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await apiAs('owner@demo.test').patch('/settings', { clientsMayInvite: true });
    await browser.close();
  });

  it('Pat invites a guest by email, the email goes out, and Pat withdraws it', async () => {
    // Prepare
    const appointmentId = await patsVideoAppointment();
    const guest = `pats.guest.${Date.now()}@example.com`;
    const { page, context } = await openPage(browser);
    await signIn(page, stack().url, 'pat@demo.test', demoPassword);
    await page.waitForURL('**/portal');
    const entry = page.locator(`li[data-appointment="${appointmentId}"]`);
    // Act: invite.
    await entry.getByRole('button', { name: 'Invite someone' }).click();
    await entry.getByLabel('Email or mobile number').fill(guest);
    await entry.getByRole('button', { name: 'Invite', exact: true }).click();
    // Assess: the guest is listed with their email sent, and the email is in the outbox.
    const row = entry.locator(`li[data-guest="${guest}"]`);
    await row.locator('li[data-channel="email"][data-state="sent"]').waitFor();
    expect(await row.locator('.state').textContent()).toMatch(/^Sent /);
    await screenshot(page, 'portal-guest-invited');
    const sent = await messagesTo(guest);
    expect(sent).toHaveLength(1);
    const token = joinLinkIn(sent[0] ?? ({} as never)).split('/join/')[1];
    expect((await apiAs(null).get(`/join/${token}`)).status).toBe(200);
    // Act: withdraw.
    await row.getByRole('button', { name: `Withdraw ${guest}` }).click();
    // Assess: gone from the list, and the emailed link no longer opens.
    await row.waitFor({ state: 'detached' });
    expect((await apiAs(null).get(`/join/${token}`)).status).toBe(410);
    await screenshot(page, 'portal-guest-withdrawn');
    await context.close();
  });

  it('offers no "Invite someone" when the clinic does not let clients invite', async () => {
    const appointmentId = await patsVideoAppointment();
    await apiAs('owner@demo.test').patch('/settings', { clientsMayInvite: false });
    const { page, context } = await openPage(browser);
    await signIn(page, stack().url, 'pat@demo.test', demoPassword);
    await page.waitForURL('**/portal');
    const entry = page.locator(`li[data-appointment="${appointmentId}"]`);
    await entry.getByRole('button', { name: 'Join' }).waitFor();
    // The guests' list is read after the page; give it the time it takes.
    await page.waitForLoadState('networkidle');
    expect(await entry.getByRole('button', { name: 'Invite someone' }).count()).toBe(0);
    await context.close();
  });
});
