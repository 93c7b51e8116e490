import { deliverLetter } from './deliver-letter.ts';
import type { DeliveryAction } from './delivery-action.ts';
import type { DeliveryDeps } from './delivery-deps.ts';
import { DeliveryFailure } from './delivery-failure.ts';
import type { DeliveryOutcome } from './delivery-outcome.ts';
import { composeReminder } from './reminder-compose.ts';
import { readReminderSources } from './reminder-facts.ts';
import { reminderForAction } from './reminder-for-action.ts';
import { hasPostalAddress } from './reminder-recipient.ts';

/**
 * An e-mail reminder: composed (pay link, plugins), rendered (HTML and text), sent over SMTP to the
 * contact or the debtor with the administration's reply-to, under the Message-ID `<action id@kredo>`:
 * a resend after a crash between "sent" and "recorded" carries the same Message-ID.
 * A debtor with no e-mail address gets the same reminder as a letter in the run's print batch when it
 * has a postal address and the step does not say `fallback: 'task'` (the delivery records
 * `fallback`); otherwise the action fails with `no_email_address` and a task. The address is looked
 * at before anything is composed, so a plugin is not asked for a pay link twice.
 */
export async function deliverEmail(deps: DeliveryDeps, action: DeliveryAction): Promise<DeliveryOutcome> {
  const read = await readReminderSources(deps.orm, action);
  if (!read.recipient.email) {
    if (read.step.fallback === 'letter' && hasPostalAddress(read.debtor)) {
      const outcome = await deliverLetter(deps, action, read);
      return {
        ...outcome,
        delivery: {
          ...outcome.delivery,
          fallback: {
            from: 'email',
            reason: 'no_email_address',
            message: 'Neither the debtor nor a contact has an e-mail address: sent as a letter',
          },
        },
      };
    }
    throw new DeliveryFailure(
      'no_email_address',
      read.step.fallback === 'letter'
        ? 'Neither the debtor nor a contact has an e-mail address, and the debtor has no postal address for a letter'
        : 'Neither the debtor nor a contact has an e-mail address (the step falls back to a task)',
    );
  }
  const composition = await composeReminder(deps, action, 'email');
  const { sources, rendered } = await reminderForAction(deps.orm, action, 'email', composition, read);
  const to = sources.recipient.email as string;
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
    fromName: sources.sender.senderName ?? sources.sender.name,
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
