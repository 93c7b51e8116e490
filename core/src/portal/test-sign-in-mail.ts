import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll } from 'vitest';
import { createMailer } from '../mail/mailer.ts';

/**
 * A real SMTP server for the sign-in tests, keeping what it receives parsed by mailparser, and the
 * mailer that sends to it. The link is read from the mail as a debtor would read it.
 */
export async function startSignInMailbox() {
  const received: ParsedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => received.push(mail))
        .then(() => callback(), callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));
  const mailer = createMailer({
    smtpUrl: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    mailFrom: 'Kredo <portal@kredo.example>',
  });
  /** The sign-in link of the last mail to `to`. */
  const linkTo = (to: string) => {
    const mail = received.filter((m) => JSON.stringify(m.to).includes(to)).at(-1);
    const link = mail?.text?.match(/https?:\/\/\S+\/portal\/sign-in\/\S+/)?.[0];
    if (!mail || !link) throw new Error(`no sign-in link mailed to ${to}`);
    return { mail, link };
  };
  return { received, mailer, linkTo };
}
