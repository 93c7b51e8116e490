import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, describe, expect, it } from 'vitest';
import { createMailer, MailError } from './mailer.ts';

const received: Buffer[] = [];
let refuse: number | null = null;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onRcptTo(address, _session, callback) {
    if (refuse)
      return callback(Object.assign(new Error(`no such user ${address.address}`), { responseCode: refuse }));
    callback();
  },
  onData(stream, _session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      received.push(Buffer.concat(chunks));
      callback();
    });
  },
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.server.address() as AddressInfo).port;
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: 'Acme <credit@acme.example>' });

describe('mailer', () => {
  it('is absent when no SMTP server is configured', () => {
    expect(createMailer({ smtpUrl: undefined, mailFrom: 'x@y' })).toBeNull();
  });

  it('sends through a real SMTP server with the given Message-ID', async () => {
    refuse = null;
    await mailer?.send({
      to: 'debtor@example.com',
      replyTo: 'jan@acme.example',
      subject: 'Herinnering',
      text: 'Beste klant',
      html: '<p>Beste klant</p>',
      messageId: '<dac_1@kredo>',
      language: 'nl',
    });
    const mail = await simpleParser(received.at(-1) as Buffer);
    expect(mail.messageId).toBe('<dac_1@kredo>');
    expect(mail.from?.value).toEqual([{ name: 'Acme', address: 'credit@acme.example' }]);
    expect(mail.replyTo?.text).toBe('jan@acme.example');
    expect(mail.headers.get('content-language')).toBe('nl');
    expect(mail.text?.trim()).toBe('Beste klant');
  });

  it('tells a permanent refusal from one worth retrying', async () => {
    refuse = 550;
    const permanent = await mailer
      ?.send({ to: 'x@example.com', subject: 's', text: 't', messageId: '<a@k>' })
      .catch((e) => e);
    expect(permanent).toBeInstanceOf(MailError);
    expect(permanent.permanent).toBe(true);
    refuse = 451;
    const later = await mailer
      ?.send({ to: 'x@example.com', subject: 's', text: 't', messageId: '<b@k>' })
      .catch((e) => e);
    expect(later.permanent).toBe(false);
    refuse = null;
    const down = createMailer({ smtpUrl: 'smtp://127.0.0.1:1', mailFrom: 'a@b' });
    const refused = await down
      ?.send({ to: 'x@example.com', subject: 's', text: 't', messageId: '<c@k>' })
      .catch((e) => e);
    expect(refused.permanent).toBe(false);
  });
});
