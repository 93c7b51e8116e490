import { axeViolations, watchPage } from '@kredo/identity/testing/browser';
import { buildPortal } from '@kredo/portal/build';
import { describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { businessDay } from '../shared/test-business-date.ts';
import { sendSignInLinks } from './portal-sign-in-mail.ts';
import { debtorWithInvoices } from './test-debtor.ts';
import { STEP_TIMEOUT, useChromium } from './test-host-page.ts';
import { startSignInMailbox } from './test-sign-in-mail.ts';

// The hosted sign-in in real Chromium: a debtor asks for a link on Kredo's page, reads it from the
// mail (a real SMTP server), confirms, and sees its invoices in the widget on Kredo's own page, each
// page in its language, under its CSP, without an axe-core violation.

await buildPortal();
const { db, server, newTenant } = await createTestApi({ listen: true });
const core = server.info.uri;
const mailbox = await startSignInMailbox();
const acme = await newTenant('Acme Supplies');
expect((await acme.api('PUT', '/api/v1/portal/settings', { origins: [], emailSignIn: true })).status).toBe(
  200,
);
const today = businessDay();
const { debtorId } = await debtorWithInvoices(acme.api, acme.administrationId, {
  number: 'B1',
  today,
  daysAgo: [20, -5],
  language: 'nl',
  email: 'inkoop@bakkerij.example',
});
// A group: its head signs in with its own address and sees its child's invoices too.
const holding = await debtorWithInvoices(acme.api, acme.administrationId, {
  number: 'H1',
  today,
  daysAgo: [30],
  email: 'finance@holding.example',
});
const child = await debtorWithInvoices(acme.api, acme.administrationId, {
  number: 'H2',
  today,
  daysAgo: [3],
  parentId: holding.debtorId,
});
const chromium = useChromium();

describe('the hosted sign-in in a browser', () => {
  it('mails a link in the debtor’s language and opens the widget signed in on Kredo’s page', {
    timeout: 5 * STEP_TIMEOUT,
  }, async () => {
    const context = await chromium().newContext({ locale: 'fr-FR' });
    context.setDefaultTimeout(STEP_TIMEOUT);
    const { page, violations } = await watchPage(context);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    // The browser's language first (French), then the debtor's switch to Dutch.
    await page.goto(`${core}/portal/sign-in/${acme.tenantId}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Connexion à vos factures');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Nederlands' }).click();
    await page.getByRole('heading', { name: 'Inloggen bij uw facturen' }).waitFor();

    // A wrong address is said next to the field, which is marked invalid.
    await page.getByLabel('E-mailadres').fill('geen adres');
    await page.getByRole('button', { name: 'Stuur mij een link' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByLabel('E-mailadres').getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('E-mailadres').fill('inkoop@bakkerij.example');
    await page.getByRole('button', { name: 'Stuur mij een link' }).click();
    await page.getByRole('heading', { name: 'Kijk in uw e-mail' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    expect((await sendSignInLinks({ orm: db.orm, mailer: mailbox.mailer, publicUrl: core })).sent).toBe(1);
    const { mail, link } = mailbox.linkTo('inkoop@bakkerij.example');
    expect(mail.subject).toBe('Uw link om in te loggen bij Acme Supplies');

    await page.goto(link);
    await page.getByRole('heading', { name: 'Inloggen', exact: true }).waitFor();
    expect(await page.textContent('main')).toContain('Debtor B1');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Inloggen' }).click();

    // Kredo's page with the widget, signed in as the debtor, in Dutch.
    const widget = page.locator('kredo-portal');
    const table = widget.getByRole('table', { name: 'Openstaande facturen' });
    await table.waitFor();
    expect(await table.getByRole('rowheader').allTextContents()).toEqual(['B1-F1', 'B1-F2']);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Acme Supplies');
    expect(await axeViolations(page)).toEqual([]);

    // The widget's writes come from core's own origin, which no tenant registers: they pass.
    await widget.getByRole('button', { name: 'Vraag stellen' }).click();
    await widget.getByLabel('Uw vraag').fill('Kunt u de factuur opnieuw sturen?');
    await widget.getByRole('button', { name: 'Vraag versturen' }).click();
    await widget.getByText('Uw vraag is verstuurd').waitFor();
    const tasks = await acme.api('GET', `/api/v1/tasks?debtorId=${debtorId}`);
    expect(tasks.body.data.map((t: { kind: string }) => t.kind)).toContain('portal_question');

    // The link is used up: going back to it says so.
    await page.goto(link);
    await page.getByRole('heading', { name: 'Deze link werkt niet meer' }).waitFor();
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('signs a group’s head into its group: the table names each invoice’s debtor, a dialog groups them', {
    timeout: 4 * STEP_TIMEOUT,
  }, async () => {
    const context = await chromium().newContext({ locale: 'en-GB' });
    context.setDefaultTimeout(STEP_TIMEOUT);
    const { page, violations } = await watchPage(context);
    await page.goto(`${core}/portal/sign-in/${acme.tenantId}`);
    await page.getByLabel('E-mail address').fill('finance@holding.example');
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.getByRole('heading', { name: 'Check your e-mail' }).waitFor();
    await sendSignInLinks({ orm: db.orm, mailer: mailbox.mailer, publicUrl: core });
    await page.goto(mailbox.linkTo('finance@holding.example').link);
    expect(await page.textContent('main')).toContain('Debtor H1 and its group');
    await page.getByRole('button', { name: 'Sign in' }).click();

    const table = page.locator('kredo-portal').getByRole('table', { name: 'Open invoices' });
    await table.waitFor();
    expect(await table.getByRole('columnheader').nth(1).textContent()).toBe('Customer');
    const rows = (await table.getByRole('row').allInnerTexts()).slice(1);
    expect(rows.map((row) => row.split('\t').slice(0, 2).join(' '))).toEqual([
      'H1-F1 Debtor H1',
      'H2-F1 Debtor H2',
    ]);
    expect(await axeViolations(page)).toEqual([]);

    // A promise is one debtor's: the dialog groups the invoices per debtor, the first one's ticked;
    // ticking the other debtor's unticks it, and the promise is made for that debtor.
    const widget = page.locator('kredo-portal');
    await widget.getByRole('button', { name: 'Promise to pay' }).click();
    await widget.getByRole('dialog', { name: 'Promise to pay' }).waitFor();
    // The dialog's content is slotted: found under the <kredo-dialog>, not the shadow <dialog>.
    const dialog = widget.locator('#promise-dialog');
    const ofDebtor = (name: string) => dialog.getByRole('group', { name });
    const head = ofDebtor('Debtor H1').getByRole('checkbox', { name: 'H1-F1' });
    const childs = ofDebtor('Debtor H2').getByRole('checkbox', { name: 'H2-F1' });
    expect([await head.isChecked(), await childs.isChecked()]).toEqual([true, false]);
    expect(await axeViolations(page)).toEqual([]);
    await childs.check();
    expect([await head.isChecked(), await childs.isChecked()]).toEqual([false, true]);
    const date = dialog.getByLabel('I will pay on');
    await date.fill((await date.getAttribute('min')) ?? '');
    await dialog.getByRole('button', { name: 'Send promise' }).click();
    await widget.getByRole('status').filter({ hasText: 'you will pay €100.00' }).waitFor();
    const promises = await acme.api('GET', `/api/v1/promises?debtorId=${child.debtorId}`);
    expect(promises.body.data).toMatchObject([{ debtorId: child.debtorId, amount: { amount: 100_00 } }]);
    expect(violations).toEqual([]);
    await context.close();
  });
});
