import type { EntityManager } from '@mikro-orm/postgresql';
import { getAdministration } from '../administrations/index.ts';
import { readDebtor } from '../debtors/index.ts';
import { disputeLanguage } from '../disputes/index.ts';
import { templateEngine } from '../dunning/index.ts';
import { openInvoicesOf } from '../invoices/index.ts';
import { newId } from '../shared/ids.ts';
import { chooseTemplate, readTemplateOverrides } from './confirmation-templates.ts';
import { templateKey } from './confirmation-texts.ts';
import {
  type ConfirmationFacts,
  type ConfirmationRecipient,
  confirmationView,
  type FactInvoice,
} from './confirmation-view.ts';

/** Wakes the confirmation job on commit (confirmation-jobs.ts); the poll finds what a lost wake-up missed. */
export const CONFIRMATION_CHANNEL = 'kredo_portal_confirmation';

/**
 * Queues the e-mail confirming a portal action to the debtor, inside the action's transaction, so the
 * action and its mail commit together (the row is the outbox; a job sends it after commit):
 * 1. the debtor as the action left it (a contact change's new address and language) and its creditor;
 * 2. the recipients: the debtor's address, and for a changed e-mail address the previous one too;
 * 3. each mail rendered in the debtor's language from the tenant's own template, else the shipped
 *    one (confirmation-templates.ts), and stored `pending`, or `not_sent` saying why (no address, a
 *    template that does not render): the timeline shows both;
 * 4. a `pg_notify` that wakes the sender when this commits.
 * One row per action and recipient: a second call for the same `sourceId` adds nothing.
 */
export async function queueConfirmation(
  em: EntityManager,
  tenantId: string,
  input: { debtorId: string; sourceId: string; actor: string; facts: ConfirmationFacts },
): Promise<void> {
  const debtor = await readDebtor(em, input.debtorId);
  const administration = await getAdministration(em, debtor.administrationId);
  const language = disputeLanguage(debtor.language, debtor.contacts[0]?.language);
  const email = debtor.email ?? debtor.contacts.find((c) => c.email)?.email ?? null;
  const view = confirmationView(input.facts, language, {
    debtorName: debtor.name,
    debtorNumber: debtor.number,
    creditorName: administration.senderName ?? administration.name,
    email,
  });
  const overrides = await readTemplateOverrides(em);
  for (const [recipient, to] of recipients(input.facts, email)) {
    const template = chooseTemplate(overrides, templateKey(input.facts.action, recipient), language);
    const mail = to
      ? await render(template, view).then(
          (rendered) => ({ status: 'pending', ...rendered, reason: null }),
          (error: Error) => ({
            status: 'not_sent',
            subject: null,
            text: null,
            reason: `template: ${error.message}`,
          }),
        )
      : { status: 'not_sent', subject: null, text: null, reason: 'the debtor has no e-mail address' };
    await em.execute(
      `insert into portal_confirmation (tenant_id, id, administration_id, debtor_id, action, source_id, recipient,
         "to", language, from_name, reply_to, subject, text, status, reason, next_attempt_at, created_by)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), ?)
       on conflict (tenant_id, source_id, recipient) do nothing`,
      [
        tenantId,
        newId('portalConfirmation'),
        debtor.administrationId,
        debtor.id,
        input.facts.action,
        input.sourceId,
        recipient,
        to,
        language,
        administration.senderName ?? administration.name,
        administration.replyTo ?? null,
        mail.subject,
        mail.text,
        mail.status,
        mail.reason,
        input.actor,
      ],
    );
  }
  await em.execute('select pg_notify(?, ?)', [CONFIRMATION_CHANNEL, tenantId]);
}

/** The debtor's address (null: none, recorded as such), and the previous one when a change replaced it. */
function recipients(
  facts: ConfirmationFacts,
  email: string | null,
): [ConfirmationRecipient, string | null][] {
  const list: [ConfirmationRecipient, string | null][] = [['debtor', email]];
  if (facts.action === 'contact_changed' && facts.previousEmail && facts.previousEmail !== email)
    list.push(['previous_address', facts.previousEmail]);
  return list;
}

async function render(
  template: { subject: string; text: string },
  view: Record<string, unknown>,
): Promise<{ subject: string; text: string }> {
  const engine = templateEngine('text');
  const subject = await engine.parseAndRender(template.subject, view);
  // A subject is one line: a value's stray newline must not become a header break.
  return {
    subject: subject.replace(/\s+/g, ' ').trim(),
    text: await engine.parseAndRender(template.text, view),
  };
}

/** The debtor's open invoices among `ids`, as a confirmation lists them (number and open amount). */
export async function factInvoices(
  em: EntityManager,
  debtorId: string,
  ids: string[],
): Promise<FactInvoice[]> {
  const wanted = new Set(ids);
  return (await openInvoicesOf(em, debtorId))
    .filter((invoice) => wanted.has(invoice.id))
    .map((invoice) => ({
      number: invoice.number,
      openAmount: invoice.openAmount,
      currency: invoice.currency,
    }));
}
