import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from '../helpers/api';
import { demoPassword } from '../helpers/auth';
import { launchBrowser, openPage, screenshot, signIn } from '../helpers/browser';
import { stack } from '../helpers/local-stack';
import { messagesTo, type OutboxMessage } from '../helpers/outbox';
import { newClient } from '../helpers/people';

const tag = Date.now().toString(36);
const client = { first: 'Morgan', last: `Ellis${tag}`, email: `morgan.${tag}@example.com` };
const password = `Morgan-${tag}-Pass1`;

function signUpLinkIn(message: OutboxMessage | undefined): string {
  const link = /https?:\/\/\S+\/portal\/sign-up\/[A-Za-z0-9_-]{43}/.exec(message?.text ?? '')?.[0];
  if (!link) throw new Error('No sign-up link in the message');
  return link;
}

async function signedIn(browser: Browser, email: string, landing: string): Promise<Page> {
  const { page } = await openPage(browser);
  await signIn(page, stack().url, email, demoPassword);
  await page.waitForURL(`**${landing}`);
  return page;
}

describe('portal accounts in the browser', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await stack().setClockOffset(0);
    await browser.close();
  });

  it('a new client gets the sign-up email, chooses a password by the rules, and signs in to the portal', async () => {
    // Prepare: front desk adds the client and invites them from their page.
    const desk = await signedIn(browser, 'frontdesk@demo.test', '/schedule');
    await desk.getByRole('link', { name: 'Clients', exact: true }).click();
    await desk.getByRole('button', { name: 'Add client' }).click();
    const form = desk.getByRole('dialog');
    await form.getByLabel('First name').fill(client.first);
    await form.getByLabel('Last name').fill(client.last);
    await form.getByLabel('Email').fill(client.email);
    await form.getByRole('button', { name: 'Add client' }).click();
    await desk.getByRole('heading', { name: `${client.first} ${client.last}` }).waitFor();
    await desk.getByRole('button', { name: 'Invite to the portal' }).click();
    await desk.getByText(`Sign-up link sent to ${client.email}, valid 24 hours.`).waitFor();
    expect(await desk.getByRole('button', { name: 'Send again' }).isEnabled()).toBe(true);
    await screenshot(desk, 'portal-invitation-sent');
    // Act: the client opens the link from the outbox, tries a weak password, then a good one.
    const { page } = await openPage(browser);
    await page.goto(`${stack().url}/_outbox`);
    await page
      .locator('article.msg[data-kind="email"]', { hasText: client.email })
      .locator('a[href*="/portal/sign-up/"]')
      .first()
      .click();
    await page.getByRole('heading', { name: 'Create your portal account' }).waitFor();
    expect(await page.textContent('main')).toContain(client.email);
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByLabel('Repeat the password').fill('short');
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page
      .getByRole('alert')
      .getByText(/The password needs: at least 12 characters/)
      .waitFor();
    await screenshot(page, 'portal-sign-up-rules');
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByLabel('Repeat the password').fill(password);
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page.getByRole('heading', { name: 'Your account is ready' }).waitFor();
    await screenshot(page, 'portal-sign-up-ready');
    await page.getByRole('link', { name: 'Sign in' }).click();
    // Assess: the sign-in page knows the address; the password chosen opens the portal.
    await page.waitForURL('**/sign-in?**');
    expect(await page.getByLabel('Email').inputValue()).toBe(client.email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/portal');
    await page.getByRole('heading', { name: `Hello, ${client.first}` }).waitFor();
    await desk.reload();
    await desk.getByText('Has a portal account').waitFor();
    expect(
      await desk.getByRole('button', { name: /Invite to the portal|Send again/ }).count(),
    ).toBe(0);
    await page.context().close();
    await desk.context().close();
  });

  it('an expired sign-up link offers a new one, and only once', async () => {
    // Prepare: an invitation, then the clock 25 hours on.
    const id = await newClient('Signup');
    const invited = await apiAs('frontdesk@demo.test').post(`/clients/${id}/portal-invitation`);
    expect(invited.status).toBe(202);
    const email = invited.body.sentTo as string;
    const link = signUpLinkIn((await messagesTo(email))[0]);
    await stack().setClockOffset(25 * 3600_000);
    const { page, context } = await openPage(browser);
    // Act
    await page.goto(link);
    await page.getByRole('heading', { name: 'This sign-up link has expired' }).waitFor();
    await page.getByRole('button', { name: 'Send me a new link' }).click();
    // Assess: a new link is on its way; asking again from the old link sends no second one.
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    await screenshot(page, 'portal-sign-up-renewed');
    await page.reload();
    await page.getByRole('button', { name: 'Send me a new link' }).click();
    await page.getByText('A new link was sent already. Check your email.').waitFor();
    await stack().setClockOffset(0);
    expect(await messagesTo(email)).toHaveLength(2);
    await context.close();
  });

  it('an owner emails a portal account a temporary password from the staff page', async () => {
    // Prepare
    const page = await signedIn(browser, 'owner@demo.test', '/schedule');
    await page.getByRole('link', { name: 'Staff', exact: true }).click();
    const before = (await messagesTo(client.email)).length;
    // Act
    await page
      .getByRole('button', { name: `Set temporary password for ${client.first} ${client.last}` })
      .click();
    await page.getByRole('dialog').getByRole('button', { name: 'Set and email it' }).click();
    // Assess: the page says where it went, and the email is there.
    await page.getByText(`A new temporary password was emailed to ${client.email}.`).waitFor();
    await screenshot(page, 'staff-temporary-password');
    expect(await messagesTo(client.email)).toHaveLength(before + 1);
    await page.context().close();
  });
});
