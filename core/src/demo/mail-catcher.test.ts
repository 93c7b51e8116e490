import { afterAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { createMailer } from '../mail/mailer.ts';
import { startMailCatcher } from './mail-catcher.ts';
import { mailCatcherRoutes } from './mail-catcher-routes.ts';

// The demo's mail catcher as a newcomer uses it: Kredo's mailer sends to it over SMTP, and its pages
// show the message as the debtor sees it.
const catcher = await startMailCatcher({ keep: 3 });
afterAll(() => catcher.close());
const { server, db, newTenant } = await createTestApi();
const demo = await newTenant('Demo');
server.route(mailCatcherRoutes(catcher, { config: { mode: 'demo' }, orm: db.orm, tenantId: demo.tenantId }));
const mailer = createMailer({ smtpUrl: catcher.smtpUrl, mailFrom: 'Kredo <kredo@localhost>' });

const get = async (url: string) => server.inject({ method: 'GET', url });

describe('the demo mail catcher', () => {
  it('catches what the mailer sends and shows it as the debtor sees it, under a strict CSP', async () => {
    await mailer?.send({
      to: 'anna@bakkerij.example',
      replyTo: 'debiteuren@kredo.example',
      subject: 'Herinnering <factuur>',
      text: 'Geachte Anna,',
      html: '<p>Geachte Anna,</p><script>alert(1)</script>',
      messageId: '<dac_1@kredo>',
      language: 'nl',
      attachments: [
        { filename: 'F-1.pdf', content: Buffer.from('%PDF-1.4 test'), contentType: 'application/pdf' },
      ],
    });
    const [mail] = catcher.list();
    expect(mail).toMatchObject({
      to: 'anna@bakkerij.example',
      subject: 'Herinnering <factuur>',
      language: 'nl',
      messageId: '<dac_1@kredo>',
    });

    const list = await get('/demo/mail');
    expect(list.statusCode).toBe(200);
    expect(list.payload).toContain(`<a href="/demo/mail/${mail?.id}">Herinnering &lt;factuur&gt;</a>`);
    expect(list.payload).toContain('No letters yet.');

    const page = await get(`/demo/mail/${mail?.id}`);
    expect(page.payload).toContain('<iframe sandbox');
    expect(page.payload).toContain('<pre>Geachte Anna,</pre>');
    const html = await get(`/demo/mail/${mail?.id}/html`);
    expect(html.headers['content-security-policy']).toBe(
      "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox",
    );
    expect(html.payload).toContain('<p>Geachte Anna,</p>');
    const attachment = await get(`/demo/mail/${mail?.id}/attachments/0`);
    expect(attachment.headers['content-type']).toBe('application/pdf');
    expect(attachment.rawPayload.toString()).toBe('%PDF-1.4 test');
    expect((await get('/demo/mail/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('keeps only the newest messages', async () => {
    for (const n of [1, 2, 3, 4]) {
      await mailer?.send({ to: 'x@example.com', subject: `n${n}`, text: 't', messageId: `<n${n}@kredo>` });
    }
    expect(catcher.list().map((m) => m.subject)).toEqual(['n4', 'n3', 'n2']);
  });

  it('refuses to serve outside demo mode', () => {
    expect(() =>
      mailCatcherRoutes(catcher, { config: { mode: 'production' }, orm: db.orm, tenantId: demo.tenantId }),
    ).toThrow('only in demo mode');
  });
});
