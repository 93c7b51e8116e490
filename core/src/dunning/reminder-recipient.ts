import type { Address, Contact } from '../debtors/debtor-types.ts';

/** The debtor as a reminder addresses it (the debtors service's row, the fields used here). */
export interface DebtorForReminder {
  name: string;
  number: string;
  type: string;
  email: string | null;
  phone: string | null;
  language: string | null;
  addresses: Address[];
  contacts: Contact[];
}

/** Whom a reminder goes to: a contact's name and e-mail, or the debtor's own. */
export interface Recipient {
  contactName: string | null;
  email: string | null;
}

/**
 * The e-mail recipient: the contact who reads the reminder's language and prefers e-mail, else any
 * contact in that language with an address, else the debtor's own address, else any contact's.
 * (The run chose the language from the contact's, the debtor's or the strategy's default.)
 */
export function emailRecipient(debtor: DebtorForReminder, language: string): Recipient {
  const withEmail = debtor.contacts.filter((c) => c.email);
  const inLanguage = withEmail.filter((c) => c.language === language);
  const contact =
    inLanguage.find((c) => c.preferredChannel === 'email') ??
    inLanguage[0] ??
    (debtor.email ? undefined : withEmail[0]);
  if (contact) return { contactName: contact.name ?? null, email: contact.email ?? null };
  return { contactName: null, email: debtor.email };
}

/** Whether a letter can reach the debtor: it has an address with at least a first line. */
export function hasPostalAddress(debtor: DebtorForReminder): boolean {
  return debtor.addresses.some((address) => address.line1.trim() !== '');
}

/** A letter's address window: the debtor's name, the contact for attention, then its postal (else billing) address. */
export function postalLines(
  debtor: DebtorForReminder,
  contactName: string | null,
  attention: string,
): string[] {
  const address =
    debtor.addresses.find((a) => a.type === 'postal') ??
    debtor.addresses.find((a) => a.type === 'billing') ??
    debtor.addresses[0];
  const lines = [debtor.name];
  if (contactName && contactName !== debtor.name) lines.push(`${attention} ${contactName}`);
  if (address) {
    lines.push(address.line1);
    if (address.line2) lines.push(address.line2);
    const city = [address.postalCode, address.city].filter(Boolean).join('  ');
    if (city) lines.push(city);
    if (address.country) lines.push(address.country);
  }
  return lines;
}
