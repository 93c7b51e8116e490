import { administrationLogo } from '../administrations/administration-service.ts';
import type { Orm } from '../db/orm.ts';
import { readAsTenant } from '../db/tenant-scope.ts';
import type { DeliveryAction } from './delivery-action.ts';
import { epcPayload } from './epc-payload.ts';
import { epcQrPng } from './epc-qr.ts';
import type { LetterContent } from './letter-pdf.ts';
import type { ReminderSources } from './reminder-facts.ts';
import { recordedExtras, reminderForAction } from './reminder-for-action.ts';
import { postalLines } from './reminder-recipient.ts';
import { reminderWords } from './reminder-words.ts';

/** A letter's content, with its EPC payload or why it has none: what the delivery records. */
export interface Letter {
  content: LetterContent;
  epc: { payload: string } | { missing: string };
}

const ATTENTION: Record<string, string> = { nl: 't.a.v.', en: 'Attn.', de: 'z. Hd.', fr: "À l'attention de" };

/**
 * Everything one letter prints, from the action and the administration as they are now: the rendered
 * body, the address window, the logo and the EPC QR code for the amount asked (only with an IBAN, in
 * euros, for a positive amount). `extras` default to what the delivery recorded, so a letter
 * downloaded later shows the same pay link it went out with.
 */
export async function letterFor(
  orm: Orm,
  action: DeliveryAction,
  extras = recordedExtras(action),
  read?: ReminderSources,
): Promise<Letter> {
  const { sources, view, rendered } = await reminderForAction(orm, action, 'letter', extras, read);
  const logo = await readAsTenant(orm, action.tenantId, (em) =>
    administrationLogo(em, action.administrationId),
  );
  const epc = sources.sender.iban
    ? epcPayload({
        bic: sources.sender.bic,
        name: view.administration.accountHolder,
        iban: sources.sender.iban,
        amount: action.totalOpen,
        currency: action.currency,
        remittance: view.reminder.paymentReference,
      })
    : ({ ok: false, reason: 'the administration has no IBAN' } as const);
  const words = reminderWords(action.language);
  return {
    content: {
      view,
      words,
      logo: logo?.bytes ?? null,
      addressLines: postalLines(
        sources.debtor,
        sources.recipient.contactName,
        ATTENTION[action.language] ?? 'Attn.',
      ),
      subject: rendered.subject,
      body: rendered.text,
      qr: epc.ok ? await epcQrPng(epc.payload) : null,
    },
    epc: epc.ok ? { payload: epc.payload } : { missing: epc.reason },
  };
}
