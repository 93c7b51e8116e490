import type { ReminderChannel, ReminderComposeInput } from '@kredo/sdk';
import type { CapabilityDeps } from '../capabilities/call-capability.ts';
import { readAsTenant, tenantEm } from '../db/tenant-scope.ts';
import { readDebtorRecord } from '../debtors/debtor-records.ts';
import { readInvoiceRecords } from '../invoices/invoice-records.ts';
import { createPayLink, type PayLinkDeps, storePayLink } from '../pay-links/create-pay-link.ts';
import { runFilters } from '../plugin-runtime/run-filters.ts';
import { DomainError } from '../shared/errors.ts';
import type { DeliveryAction } from './delivery-action.ts';
import { mergeDelivery } from './delivery-store.ts';
import { reminderWords } from './reminder-words.ts';

export interface ComposeDeps extends PayLinkDeps, CapabilityDeps {
  /** How long each `reminder.compose` filter may take, in ms. */
  filterDeadlineMs: number;
}

/** What a reminder carries beyond its template: links, PDF attachments, text lines, and what failed. */
export interface Composition {
  links: { label: string; url: string }[];
  attachments: { filename: string; contentType: 'application/pdf'; content: Buffer }[];
  lines: string[];
  /** Plugins that gave nothing, and why: recorded on the delivery, never stopping the reminder. */
  problems: { installationId?: string; code: string; message: string }[];
  /** Core's pay link for this action, when a pay-link plugin is installed. */
  payLink: { id: string; url: string } | null;
}

const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/**
 * Enriches a reminder before it goes:
 * 1. core's pay link: once per action (stored on the action in the transaction that stores the link,
 *    so a retry reuses it), through the tenant's pay-link plugin when one is installed (the Mollie
 *    reference plugin has no `reminder.compose` hook: its links come this way);
 * 2. the `reminder.compose` filter of every plugin declaring it, in run order, each under the
 *    deadline, with the action id as `reminderId` (a plugin's idempotency anchor); each answer is
 *    checked, and a failing, slow or malformed plugin is noted and passed over.
 */
export async function composeReminder(
  deps: ComposeDeps,
  action: DeliveryAction,
  channel: ReminderChannel,
): Promise<Composition> {
  const words = reminderWords(action.language);
  const composition: Composition = { links: [], attachments: [], lines: [], problems: [], payLink: null };

  composition.payLink = await actionPayLink(deps, action, composition.problems);
  if (composition.payLink) composition.links.push({ label: words.payNow, url: composition.payLink.url });

  const input = await composeInput(deps, action, channel);
  const outcomes = await runFilters(deps.runtime, action.tenantId, 'reminder.compose', input, {
    deadlineMs: deps.filterDeadlineMs,
  });
  for (const outcome of outcomes) {
    if (!outcome.ok) {
      composition.problems.push({ installationId: outcome.installationId, ...pick(outcome.error) });
      continue;
    }
    const problem = addResult(composition, outcome.value);
    if (problem)
      composition.problems.push({
        installationId: outcome.installationId,
        code: 'bad_answer',
        message: problem,
      });
  }
  return composition;
}

async function actionPayLink(
  deps: ComposeDeps,
  action: DeliveryAction,
  problems: Composition['problems'],
): Promise<Composition['payLink']> {
  const stored = action.delivery?.payLink as Composition['payLink'] | undefined;
  if (stored) return stored;
  try {
    const created = await createPayLink(deps, action.tenantId, {
      debtorId: action.debtorId,
      invoiceIds: action.invoices.map((i) => i.invoiceId),
      // The provider's idempotency key derives from the action: a retry reaches it with the same key.
      requestKey: `dunning:${action.id}`,
    });
    const payLink = { id: created.id, url: created.link.url };
    await tenantEm(deps.orm, action.tenantId).transactional(async (tx) => {
      await storePayLink(tx, created);
      await mergeDelivery(tx, action.id, { payLink });
    });
    return payLink;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'capability_not_installed') return null;
    problems.push({
      code: error instanceof DomainError ? error.code : 'pay_link_failed',
      message: messageOf(error),
    });
    return null;
  }
}

async function composeInput(deps: ComposeDeps, action: DeliveryAction, channel: ReminderChannel) {
  const { debtor, invoices } = await readAsTenant(deps.orm, action.tenantId, async (em) => ({
    debtor: await readDebtorRecord(em, action.debtorId),
    invoices: await readInvoiceRecords(
      em,
      action.invoices.map((i) => i.invoiceId),
    ),
  }));
  const totalOpen = invoices.reduce((sum, i) => sum + i.openAmount.amount, 0);
  return {
    reminderId: action.id,
    debtor,
    invoices,
    totalOpen: { amount: totalOpen, currency: action.currency },
    channel,
    language: action.language,
    step: action.stepName,
  } satisfies ReminderComposeInput;
}

/** Adds a plugin's answer (ReminderComposeResult) after checking it: untrusted input. */
function addResult(composition: Composition, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return 'not an object';
  const result = value as Record<string, unknown>;
  for (const link of array(result.links)) {
    const { label, url } = (link ?? {}) as Record<string, unknown>;
    if (
      typeof label !== 'string' ||
      typeof url !== 'string' ||
      !/^https?:\/\//.test(url) ||
      url.length > 2000
    )
      return 'a link needs a label and an http(s) url';
    composition.links.push({ label: label.slice(0, 200), url });
  }
  for (const line of array(result.lines)) {
    if (typeof line !== 'string') return 'lines must be text';
    composition.lines.push(line.slice(0, 1000));
  }
  for (const attachment of array(result.attachments)) {
    const { filename, contentType, base64 } = (attachment ?? {}) as Record<string, unknown>;
    if (typeof filename !== 'string' || contentType !== 'application/pdf' || typeof base64 !== 'string')
      return 'an attachment needs a filename, application/pdf and base64';
    const content = Buffer.from(base64, 'base64');
    if (content.subarray(0, 5).toString('latin1') !== '%PDF-') return `${filename} is not a PDF`;
    if (content.length > MAX_ATTACHMENT_BYTES) return `${filename} is larger than 10 MB`;
    composition.attachments.push({
      filename: filename.replace(/[^\w.-]/g, '_').slice(0, 100),
      contentType,
      content,
    });
  }
  return null;
}

const array = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const pick = (error: { code: string; message: string }) => ({ code: error.code, message: error.message });
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 500);
