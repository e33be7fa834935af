import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../helpers/auth';
import { launchBrowser, openPage, screenshot, signIn } from '../helpers/browser';
import { stack } from '../helpers/local-stack';
import { messagesTo } from '../helpers/outbox';

describe('"Forgot password?" in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('a wrong code gets a plain message; the emailed code sets the new password, which signs in', async () => {
    // Prepare: a front-desk person who forgot their password.
    const user = await createUser('staff', { displayName: 'Rene Forgot' });
    const { page, context } = await openPage(browser);
    await page.goto(`${stack().url}/sign-in`);
    await page.getByLabel('Email').fill(user.email);
    // Act: ask for a code.
    await page.getByRole('button', { name: 'Forgot password?' }).click();
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    await page.getByRole('button', { name: 'Email me a code' }).click();
    await page.getByLabel('Code from the email').waitFor();
    const [email] = await messagesTo(user.email);
    const code = /verification code is (\d{6})\./.exec(email?.text ?? '')?.[1];
    expect(code).toMatch(/^\d{6}$/);
    // Act: a wrong code first.
    await page.getByLabel('Code from the email').fill(code === '123456' ? '654321' : '123456');
    await page.getByLabel('New password').fill('Forgot-Then-Found-7');
    await page.getByRole('button', { name: 'Set new password' }).click();
    // Assess: the web app's words for Cognito's CodeMismatchException.
    await page.getByRole('alert').getByText('That code is not right.').waitFor();
    await screenshot(page, 'forgot-password-wrong-code');
    // Act: the code from the email.
    await page.getByLabel('Code from the email').fill(code ?? '');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByText('Your password was changed. Sign in with the new one.').waitFor();
    // Assess: the new password signs in.
    await signIn(page, stack().url, user.email, 'Forgot-Then-Found-7');
    await page.waitForURL('**/schedule');
    await page.getByText('Rene Forgot').waitFor();
    await context.close();
  });
});
