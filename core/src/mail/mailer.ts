import type { Transporter } from 'nodemailer';
import type { Config } from '../config/load-config.ts';

/** One message Kredo sends: a reminder, a dispute acknowledgement, an invitation. */
export interface OutgoingMail {
  to: string;
  /**
   * The display name of the From header (an administration's sender name); the address stays
   * `KREDO_MAIL_FROM`'s, the one the mail domain's SPF and DKIM vouch for.
   */
  fromName?: string;
  replyTo?: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
  /**
   * Deterministic per thing sent (`<dac_…@kredo>`): a retry after a crash between "sent" and "recorded"
   * carries the same Message-ID, which mail clients and servers use to recognise the duplicate.
   */
  messageId: string;
  /** BCP 47 language of the content (`Content-Language`). */
  language?: string;
}

/** Why a message was not sent: `permanent` (the server refused it: 5xx) or worth a retry (4xx, network). */
export class MailError extends Error {
  override name = 'MailError';
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly responseCode?: number,
  ) {
    super(message);
  }
}

export interface Mailer {
  /** Resolves with the Message-ID once the SMTP server accepted the message; throws a MailError otherwise. */
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

/**
 * The SMTP mailer of `KREDO_SMTP_URL` (nodemailer), or null when none is configured: the caller then
 * records that mail could not be sent rather than pretending. Messages go From `KREDO_MAIL_FROM`, under
 * the message's own display name when it has one.
 */
export function createMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom'>): Mailer | null {
  const smtpUrl = config.smtpUrl;
  if (!smtpUrl) return null;
  // nodemailer loads with the first message, not in every process that composes a module that mails.
  let transport: Promise<Transporter> | undefined;
  const opened = () =>
    (transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport(smtpUrl, { from: config.mailFrom }),
    ));
  const fromAddress = addressOf(config.mailFrom ?? '');
  return {
    async send(mail) {
      const smtp = await opened();
      try {
        const info = await smtp.sendMail({
          ...(mail.fromName && fromAddress ? { from: { name: mail.fromName, address: fromAddress } } : {}),
          to: mail.to,
          replyTo: mail.replyTo,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          attachments: mail.attachments,
          messageId: mail.messageId,
          headers: mail.language ? { 'Content-Language': mail.language } : undefined,
        });
        return { messageId: String(info.messageId ?? mail.messageId) };
      } catch (error) {
        throw asMailError(error);
      }
    },
    close: () => void transport?.then((smtp) => smtp.close()),
  };
}

/** The address of `Name <address>`, or the whole text when it is a bare address. */
export function addressOf(from: string): string {
  const angle = /<([^<>]+)>\s*$/.exec(from);
  return (angle?.[1] ?? from).trim();
}

function asMailError(error: unknown): MailError {
  const e = error as { message?: string; responseCode?: number; code?: string };
  const code = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  // 5xx is the server's final word on this message; everything else (4xx, refused connection, timeout) may pass later.
  const permanent = code !== undefined && code >= 500 && code < 600;
  const message = code
    ? `SMTP ${code}: ${e.message ?? 'refused'}`
    : `SMTP: ${e.code ?? e.message ?? 'failed'}`;
  return new MailError(message.slice(0, 500), permanent, code);
}
