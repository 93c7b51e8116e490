import type { DeliveryAction } from './delivery-action.ts';
import type { DeliveryDeps } from './delivery-deps.ts';
import { DeliveryFailure } from './delivery-failure.ts';
import type { DeliveryOutcome } from './delivery-outcome.ts';
import { letterFor } from './letter-content.ts';
import { lettersPdf } from './letter-pdf.ts';
import { composeReminder } from './reminder-compose.ts';
import { type ReminderSources, readReminderSources } from './reminder-facts.ts';
import { hasPostalAddress } from './reminder-recipient.ts';

/**
 * A letter: composed (pay link, plugins' lines), rendered once as a PDF to be sure it prints, and put
 * in its run's print batch: `sent` means "in the print batch" (GET …/runs/{runId}/letters.pdf); the
 * PDF is drawn again on request from the action and what it recorded. Plugins' PDF attachments are
 * not printed with a letter (noted on the delivery). A debtor without a postal address fails the
 * action (`no_postal_address`) with a task, before anything is composed: a letter with only a name on
 * it reaches nobody.
 */
export async function deliverLetter(
  deps: DeliveryDeps,
  action: DeliveryAction,
  sources?: ReminderSources,
): Promise<DeliveryOutcome> {
  const read = sources ?? (await readReminderSources(deps.orm, action));
  if (!hasPostalAddress(read.debtor)) {
    throw new DeliveryFailure('no_postal_address', 'The debtor has no postal address for a letter');
  }
  const composition = await composeReminder(deps, action, 'letter');
  const letter = await letterFor(deps.orm, action, composition, read);
  const pdf = await lettersPdf([letter.content]);
  const problems = [...composition.problems];
  if (composition.attachments.length > 0) {
    problems.push({
      code: 'attachments_not_printed',
      message: `${composition.attachments.length} PDF attachment(s) are not printed with a letter`,
    });
  }
  return {
    status: 'sent',
    channel: 'letter',
    messageId: null,
    delivery: {
      channel: 'letter',
      printBatch: action.runId,
      bytes: pdf.length,
      addressLines: letter.content.addressLines,
      qr: 'payload' in letter.epc ? { epc: letter.epc.payload } : { missing: letter.epc.missing },
      links: composition.links,
      lines: composition.lines,
      problems,
    },
  };
}
