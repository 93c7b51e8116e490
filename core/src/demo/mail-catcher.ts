import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A message the catcher caught, parsed. */
export interface CaughtMail {
  id: string;
  receivedAt: Date;
  messageId: string | null;
  from: string;
  to: string;
  replyTo: string | null;
  subject: string;
  language: string | null;
  html: string | null;
  text: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
}

export interface MailCatcher {
  /** Where Kredo's mailer sends: `smtp://127.0.0.1:<port>`. */
  smtpUrl: string;
  /** What it caught, newest first. */
  list(): readonly CaughtMail[];
  get(id: string): CaughtMail | undefined;
  close(): Promise<void>;
}

/**
 * The demo's mail catcher: an SMTP server on a free loopback port that accepts every message, parses
 * it with mailparser and keeps the newest `keep` in memory (a restart forgets them), so a newcomer
 * sees the reminders Kredo sent without an SMTP account. Only `kredo start --demo` starts it, and
 * only without KREDO_SMTP_URL.
 */
export async function startMailCatcher(options: { keep?: number } = {}): Promise<MailCatcher> {
  const keep = options.keep ?? 200;
  const caught: CaughtMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    size: 25 * 1024 * 1024,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          caught.unshift({
            id: randomUUID(),
            receivedAt: new Date(),
            messageId: mail.messageId ?? null,
            from: mail.from?.text ?? '',
            to: addressText(mail.to),
            replyTo: mail.replyTo?.text ?? null,
            subject: mail.subject ?? '',
            language: (mail.headers.get('content-language') as string | undefined) ?? null,
            html: typeof mail.html === 'string' ? mail.html : null,
            text: mail.text ?? '',
            attachments: mail.attachments.map((a) => ({
              filename: a.filename ?? 'attachment',
              contentType: a.contentType,
              content: a.content,
            })),
          });
          caught.splice(keep);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    smtpUrl: `smtp://127.0.0.1:${port}`,
    list: () => caught,
    get: (id) => caught.find((mail) => mail.id === id),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function addressText(to: unknown): string {
  if (!to) return '';
  const list = Array.isArray(to) ? to : [to];
  return list.map((a: { text?: string }) => a.text ?? '').join(', ');
}
