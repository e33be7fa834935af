import { DateTime } from 'luxon';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from '../helpers/api';
import { demoPassword } from '../helpers/auth';
import { launchBrowser, openPage, screenshot, signIn } from '../helpers/browser';
import { stack } from '../helpers/local-stack';
import { messagesTo } from '../helpers/outbox';
import { demoPeople } from '../helpers/people';

/** The viewer's zone, as in the other browser tests: times on the pages are read in it. */
const zone = 'America/New_York';
/** Six days ahead at 2 PM: clear of the seed's bookings and of the scheduling test's. */
const visit = DateTime.now()
  .setZone(zone)
  .plus({ days: 6 })
  .set({ hour: 14, minute: 0, second: 0, millisecond: 0 });
const tag = Date.now().toString(36);
const newContact = { first: 'Casey', last: `Nguyen${tag}`, email: `casey.${tag}@example.com` };
const contactName = `${newContact.first} ${newContact.last}`;
const guestEmail = `guest.${tag}@example.com`;
const guestPhone = { typed: '(202) 555-0199', shown: '+1 202 555 0199' };

/** Front desk's editor for the test's appointment, opened from the calendar as a person would. */
async function openEditor(browser: Browser): Promise<{ page: Page; dialog: Locator }> {
  const { page } = await openPage(browser, zone);
  await signIn(page, stack().url, 'frontdesk@demo.test', demoPassword);
  await page.waitForURL('**/schedule');
  const day = visit.toISODate() ?? '';
  await page.getByLabel('Provider', { exact: true }).selectOption({ label: 'Dr. Jordan Lee' });
  await page.getByLabel('Go to date').fill(day);
  await page.locator(`.ec-col-head time[datetime="${day}"]`).waitFor();
  await page
    .locator('.ec-event', { hasText: 'Pat Rivera' })
    .filter({ hasText: /2:00\s*–\s*2:50/ })
    .click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('heading', { name: 'Appointment' }).waitFor();
  return { page, dialog };
}

const rowOf = (panel: Locator, title: string) => panel.locator(`li[data-invitee="${title}"]`);

describe('invitations in the browser', () => {
  let browser: Browser;
  let appointmentId = '';
  let guestPage: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    // Prepare: Pat's video session with dr.lee, booked through the API (booking is tested elsewhere).
    const { frontDesk, leeId, patId } = await demoPeople();
    const booked = await frontDesk.post('/appointments', {
      clientId: patId,
      providerId: leeId,
      startsAt: visit.toUTC().toISO(),
      endsAt: visit.plus({ minutes: 50 }).toUTC().toISO(),
      video: true,
    });
    expect(booked.status).toBe(201);
    appointmentId = booked.body.appointments[0].id;
  });
  afterAll(async () => {
    await stack().setClockOffset(0);
    await browser.close();
  });

  it('front desk invites Sam, a new contact and two other guests; Send Now clicked twice notifies each once', async () => {
    // Prepare
    const { page, dialog } = await openEditor(browser);
    const panel = dialog.getByRole('region', { name: 'Invitations' });
    await panel.locator('li.invitee').first().waitFor();
    expect(await panel.locator('li.invitee').first().getAttribute('data-kind')).toBe('client');
    // Act: an existing contact, a new one added with "+", and two other guests.
    await panel.getByRole('button', { name: 'Invite Sam Rivera (Family)' }).click();
    await rowOf(panel, 'Sam Rivera').waitFor();
    await panel.getByRole('button', { name: '+ New contact' }).click();
    const form = panel.getByRole('form', { name: 'New contact' });
    await form.getByLabel('First name').fill(newContact.first);
    await form.getByLabel('Last name').fill(newContact.last);
    await form.getByLabel('Email').fill(newContact.email);
    await form.getByLabel('Relationship').selectOption({ label: 'Caregiver' });
    await form.getByRole('button', { name: 'Add and invite' }).click();
    await rowOf(panel, contactName).waitFor();
    await panel.getByRole('button', { name: '+ Other guest' }).click();
    const guest = panel.getByLabel('Other guest');
    await guest.fill('12');
    await panel.getByRole('button', { name: 'Invite', exact: true }).click();
    await panel.getByText(/Enter a valid phone number/).waitFor();
    await guest.fill(guestEmail);
    await panel.getByRole('button', { name: 'Invite', exact: true }).click();
    await rowOf(panel, guestEmail).waitFor();
    await guest.fill(guestPhone.typed);
    await panel.getByRole('button', { name: 'Invite', exact: true }).click();
    await rowOf(panel, guestPhone.shown).waitFor();
    await screenshot(page, 'invitations-added');
    await panel.getByRole('button', { name: 'Send Now' }).dblclick();
    // Assess: every delivery of all five people reads sent, with a time.
    await panel.getByText('Everyone on the list has been notified.').waitFor();
    const states = await panel
      .locator('li[data-state]')
      .evaluateAll((items) =>
        items.map(
          (i) =>
            `${i.closest('li.invitee')?.getAttribute('data-invitee')} ${i.getAttribute('data-channel')} ${i.getAttribute('data-state')}`,
        ),
      );
    expect(states.sort()).toEqual(
      [
        'Pat Rivera email sent',
        'Pat Rivera sms sent',
        'Sam Rivera email sent',
        'Sam Rivera sms sent',
        `${contactName} email sent`,
        `${guestEmail} email sent`,
        `${guestPhone.shown} sms sent`,
      ].sort(),
    );
    expect(await panel.locator('li[data-state] .state').first().textContent()).toMatch(
      /^Sent \d{1,2}:\d{2}\s[AP]M$/,
    );
    await screenshot(page, 'invitations-sent');
    // Assess: the outbox page holds exactly one message per person and channel, carrying their link.
    const expected: [string, { email: number; sms: number }][] = [
      ['Pat Rivera', { email: 1, sms: 1 }],
      ['Sam Rivera', { email: 1, sms: 1 }],
      [contactName, { email: 1, sms: 0 }],
      [guestEmail, { email: 1, sms: 0 }],
      [guestPhone.shown, { email: 0, sms: 1 }],
    ];
    const outbox = await page.context().newPage();
    await outbox.goto(`${stack().url}/_outbox`);
    for (const [title, counts] of expected) {
      const link = await rowOf(panel, title)
        .getByRole('textbox', { name: `Join link for ${title}` })
        .inputValue();
      const carrying = outbox.locator('article.msg', { hasText: link });
      expect(await carrying.and(outbox.locator('[data-kind="email"]')).count(), title).toBe(
        counts.email,
      );
      expect(await carrying.and(outbox.locator('[data-kind="sms"]')).count(), title).toBe(
        counts.sms,
      );
    }
    await screenshot(outbox, 'invitations-outbox');
    await page.context().close();
  });

  it('the other guest clicks the link in their email and sees whom they meet and when', async () => {
    // Prepare: a browser that has never signed in.
    ({ page: guestPage } = await openPage(browser, zone));
    await guestPage.goto(`${stack().url}/_outbox`);
    // Act
    await guestPage
      .locator('article.msg[data-kind="email"]', { hasText: guestEmail })
      .locator('a[href*="/join/"]')
      .first()
      .click();
    // Assess: the provider's name, the time in the guest's zone, and when joining opens.
    await guestPage.waitForURL('**/join/**');
    await guestPage.getByRole('heading', { name: 'Video visit with Dr. Jordan Lee' }).waitFor();
    const when = await guestPage.getByTestId('visit-time').textContent();
    expect(when).toContain(visit.setLocale('en-US').toFormat('cccc, LLLL d'));
    expect(when).toMatch(/2:00\s*–\s*2:50\s*PM/);
    expect(await guestPage.getByTestId('join-status').textContent()).toContain(
      'Joining opens at 1:45 PM',
    );
    expect(await guestPage.textContent('body')).not.toContain('Pat');
    await screenshot(guestPage, 'invitations-join-page');
  });

  it('the new contact signs in with the emailed temporary password, chooses their own, and sees the session', async () => {
    // Prepare: the temporary password from the contact's invitation.
    const [invitation] = await messagesTo(newContact.email);
    const temporary = /temporary password (\S+) \(valid/.exec(invitation?.text ?? '')?.[1];
    expect(temporary).toBeTruthy();
    const { page, context } = await openPage(browser, zone);
    // Act
    await signIn(page, stack().url, newContact.email, temporary ?? '');
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await page.getByLabel('New password', { exact: true }).fill(`Casey-${tag}-Pass1`);
    await page.getByLabel('Repeat the new password').fill(`Casey-${tag}-Pass1`);
    await page.getByRole('button', { name: 'Set password and continue' }).click();
    // Assess: the portal lists the session; Join waits for the launch window, saying so.
    await page.waitForURL('**/portal');
    const session = page.locator(`li[data-appointment="${appointmentId}"]`);
    await session.waitFor();
    expect(await session.textContent()).toContain('with Dr. Jordan Lee');
    const join = session.getByRole('button', { name: 'Join', exact: true });
    expect(await join.isDisabled()).toBe(true);
    expect(await session.locator('.note').textContent()).toMatch(/Join opens at .*1:45\sPM/);
    await screenshot(page, 'invitations-contact-portal');
    await context.close();
  });

  it('at the most invitees the editor says so plainly and offers no more; a withdrawal makes room', async () => {
    // Prepare: the list filled up to the limit through the API.
    const desk = apiAs('frontdesk@demo.test');
    let listed = await desk.get(`/appointments/${appointmentId}/invitees`);
    const extra = listed.body.maxInvitees - (listed.body.invitees.length - 1);
    for (let i = 0; i < extra; i += 1)
      listed = await desk.post(`/appointments/${appointmentId}/invitees`, {
        email: `filler${i}.${tag}@example.com`,
      });
    expect(listed.status).toBe(201);
    // Act
    const { page, dialog } = await openEditor(browser);
    const panel = dialog.getByRole('region', { name: 'Invitations' });
    // Assess: the limit in words, and no way to add more.
    const limit = panel.getByTestId('invitation-limit');
    await limit.waitFor();
    expect(await limit.textContent()).toContain('20 people are invited beside the client');
    expect(await panel.getByRole('button', { name: '+ Other guest' }).count()).toBe(0);
    await screenshot(page, 'invitations-at-limit');
    // Act: withdraw one.
    const filler = `filler0.${tag}@example.com`;
    await rowOf(panel, filler)
      .getByRole('button', { name: `Remove ${filler}` })
      .click();
    await rowOf(panel, filler).waitFor({ state: 'detached' });
    await panel.getByRole('button', { name: '+ Other guest' }).waitFor();
    await page.context().close();
  });

  it("after front desk cancels the appointment, the guest's link shows that it no longer works, and why", async () => {
    // Prepare
    const { page, dialog } = await openEditor(browser);
    // Act
    await dialog.getByRole('button', { name: 'Cancel appointment' }).click();
    await dialog.getByRole('button', { name: 'Yes, cancel it' }).click();
    await dialog.waitFor({ state: 'detached' });
    await guestPage.reload();
    // Assess: a clear page with the API's message, not an error screen.
    await guestPage.getByRole('heading', { name: 'This link no longer works' }).waitFor();
    expect(await guestPage.textContent('main')).toContain(
      "This visit was cancelled. If you still need to meet, contact Dr. Jordan Lee's office.",
    );
    await screenshot(guestPage, 'invitations-link-cancelled');
    await page.context().close();
    await guestPage.context().close();
  });
});
