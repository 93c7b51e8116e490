import type { DeliveryAction } from './delivery-action.ts';
import type { DeliveryDeps } from './delivery-deps.ts';
import { DeliveryFailure } from './delivery-failure.ts';
import type { DeliveryOutcome } from './delivery-outcome.ts';
import { composeReminder } from './reminder-compose.ts';
import { reminderForAction } from './reminder-for-action.ts';

/**
 * An e-mail reminder: composed (pay link, plugins), rendered (HTML and text), sent over SMTP to the
 * contact or the debtor with the administration's reply-to, under the Message-ID `<action id@kredo>`:
 * a resend after a crash between "sent" and "recorded" carries the same Message-ID.
 */
export async function deliverEmail(deps: DeliveryDeps, action: DeliveryAction): Promise<DeliveryOutcome> {
  const composition = await composeReminder(deps, action, 'email');
  const { sources, rendered } = await reminderForAction(deps.orm, action, 'email', composition);
  const to = sources.recipient.email;
  if (!to) {
    throw new DeliveryFailure('no_email_address', 'Neither the debtor nor a contact has an e-mail address');
  }
  if (!deps.mailer) {
    throw new DeliveryFailure('mail_not_configured', 'No SMTP server is configured (KREDO_SMTP_URL)');
  }
  const replyTo = sources.sender.replyTo ?? undefined;
  const attachments = composition.attachments.map((a) => ({
    filename: a.filename,
    content: a.content,
    contentType: a.contentType,
  }));
  const { messageId } = await deps.mailer.send({
    to,
    ...(replyTo ? { replyTo } : {}),
    subject: rendered.subject,
    text: rendered.text,
    ...(rendered.html ? { html: rendered.html } : {}),
    attachments,
    messageId: `<${action.id}@kredo>`,
    language: action.language,
  });
  return {
    status: 'sent',
    channel: 'email',
    messageId,
    delivery: {
      channel: 'email',
      messageId,
      to,
      replyTo: replyTo ?? null,
      subject: rendered.subject,
      template: rendered.template,
      attachments: attachments.map((a) => a.filename),
      links: composition.links,
      lines: composition.lines,
      problems: composition.problems,
    },
  };
}
