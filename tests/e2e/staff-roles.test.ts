import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../helpers/auth';
import { launchBrowser, openPage, screenshot, signIn } from '../helpers/browser';
import { stack } from '../helpers/local-stack';

async function staffPageAs(browser: Browser, email: string): Promise<Page> {
  const { page } = await openPage(browser);
  await signIn(page, stack().url, email, demoPassword);
  await page.waitForURL('**/schedule');
  await page.getByRole('link', { name: 'Staff', exact: true }).click();
  await page.locator('tr[data-user="owner@demo.test"]').waitFor();
  return page;
}

const optionsOf = (page: Page, label: string) =>
  page.getByLabel(label, { exact: true }).locator('option').allTextContents();

describe('the staff page offers only what the person may do', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('a manager is not offered Owner, and cannot change the owner', async () => {
    const page = await staffPageAs(browser, 'manager@demo.test');
    // Assess: another person's role offers no Owner; the owner's row shows their role, locked.
    expect(await optionsOf(page, 'Role of Casey Front')).not.toContain('Owner');
    const ownerRow = page.locator('tr[data-user="owner@demo.test"]');
    const ownerRole = ownerRow.getByRole('combobox');
    expect(await ownerRole.isDisabled()).toBe(true);
    expect(await ownerRole.locator('option:checked').textContent()).toBe('Owner');
    expect(await ownerRow.getByRole('button', { name: 'Disable' }).isDisabled()).toBe(true);
    expect(await ownerRow.getByRole('button', { name: /Set temporary password/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Invite staff' }).click();
    expect(
      await page.getByRole('dialog').getByLabel('Role').locator('option').allTextContents(),
    ).not.toContain('Owner');
    await screenshot(page, 'staff-as-manager');
    await page.context().close();
  });

  it('an owner is offered Owner, in each role list and in the invitation', async () => {
    const page = await staffPageAs(browser, 'owner@demo.test');
    expect(await optionsOf(page, 'Role of Casey Front')).toContain('Owner');
    await page.getByRole('button', { name: 'Invite staff' }).click();
    expect(
      await page.getByRole('dialog').getByLabel('Role').locator('option').allTextContents(),
    ).toContain('Owner');
    await page.context().close();
  });
});
