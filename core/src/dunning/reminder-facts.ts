import { getAdministration } from '../administrations/administration-service.ts';
import { businessDateSql } from '../administrations/business-date.ts';
import type { Orm } from '../db/orm.ts';
import { readAsTenant } from '../db/tenant-scope.ts';
import { readDebtor } from '../debtors/debtor-service.ts';
import type { DeliveryAction } from './delivery-action.ts';
import { readStepDefinition } from './delivery-store.ts';
import { type DebtorForReminder, emailRecipient, type Recipient } from './reminder-recipient.ts';
import { type StepForDelivery, stepForDelivery } from './reminder-step.ts';
import type { ReminderSender } from './reminder-view.ts';

/** Everything a reminder is made of besides the action and the plugins' additions. */
export interface ReminderSources {
  sender: ReminderSender;
  debtor: DebtorForReminder;
  recipient: Recipient;
  step: StepForDelivery;
  /** Today's business date in the administration's time zone (for tasks made now). */
  today: string;
}

/** Reads the sources of one action's reminder in one read-only snapshot, as the action's tenant. */
export function readReminderSources(orm: Orm, action: DeliveryAction): Promise<ReminderSources> {
  return readAsTenant(orm, action.tenantId, async (em) => {
    const administration = await getAdministration(em, action.administrationId);
    const debtor = await readDebtor(em, action.debtorId);
    const { step, charges } = await readStepDefinition(
      em,
      action.strategyId,
      action.strategyVersion,
      action.stepIndex,
    );
    const [{ today } = { today: action.dueOn }] = await em.execute<{ today: string }[]>(
      `select to_char(${businessDateSql('?')}, 'YYYY-MM-DD') as today`,
      [action.administrationId],
    );
    const forReminder: DebtorForReminder = {
      name: debtor.name,
      number: debtor.number,
      type: debtor.type,
      email: debtor.email ?? null,
      phone: debtor.phone ?? null,
      language: debtor.language ?? null,
      addresses: debtor.addresses ?? [],
      contacts: debtor.contacts ?? [],
    };
    return {
      sender: {
        name: administration.name,
        senderName: administration.senderName ?? null,
        address: administration.senderAddress ?? [],
        iban: administration.iban ?? null,
        bic: administration.bic ?? null,
        accountHolder: administration.accountHolder ?? null,
        replyTo: administration.replyTo ?? null,
        signature: administration.signature ?? null,
      },
      debtor: forReminder,
      recipient: emailRecipient(forReminder, action.language),
      step: stepForDelivery(action.stepIndex - 1, action.stepName, step, charges),
      today,
    };
  });
}
