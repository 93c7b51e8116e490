import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ParsedEntry, ParsedStatement } from './parsed-statement.ts';
import { readStatementFile } from './read-statement-file.ts';

// genkgo/camt's own test files and that library's reading of them (a PHP dump) live beside the
// repository, not in it (../shared/fixtures/README.md); Kredo's fixtures in ./fixtures cover the
// same code paths where they are absent. The dump lists each object once ("__RECURSIVITY__" after),
// so what it holds is compared: every statement and entry it shows, field by field.
const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const sharedCamt = resolve(repositoryRoot, '../shared/fixtures/camt053');
const haveShared = existsSync(sharedCamt);

// biome-ignore lint/suspicious/noExplicitAny: the dump is untyped JSON that the assertions walk
type Dump = any;

function objectsOf(node: Dump, classSuffix: string, found: Dump[] = []): Dump[] {
  if (Array.isArray(node)) for (const item of node) objectsOf(item, classSuffix, found);
  else if (node && typeof node === 'object') {
    if (String(node.__CLASS__ ?? '').endsWith(classSuffix)) found.push(node);
    for (const value of Object.values(node)) objectsOf(value, classSuffix, found);
  }
  return found;
}

const BALANCE_TYPES: Record<string, string> = {
  opening: 'OPBD',
  closing: 'CLBD',
  opening_available: 'OPAV',
  closing_available: 'CLAV',
};
const date = (dump: Dump) => (dump ? String(dump['0']).slice(0, 10) : null);
const instant = (text: string | null) => (text === null ? null : new Date(text).toISOString());
const signed = (entry: ParsedEntry) => (entry.creditDebit === 'debit' ? -entry.amount : entry.amount);

function expectedStatement(dump: Dump) {
  return {
    statementRef: dump.getId,
    account: dump.getAccount.getIdentification,
    sequenceNumber: dump.getElectronicSequenceNumber,
    legalSequenceNumber: dump.getLegalSequenceNumber,
    createdOn: date(dump.getCreatedOn) && new Date(dump.getCreatedOn['0']).toISOString(),
    fromAt: dump.getFromDate && new Date(dump.getFromDate['0']).toISOString(),
    additionalInfo: dump.getAdditionalInformation,
    balances: dump.getBalances.map((b: Dump) => ({
      type: BALANCE_TYPES[b.getType],
      amount: Number(b.getAmount.getAmount),
      currency: b.getAmount.getCurrency.getCode,
      date: date(b.getDate),
    })),
  };
}

function actualStatement(s: ParsedStatement) {
  return {
    statementRef: s.statementRef,
    account: s.account,
    sequenceNumber: s.sequenceNumber,
    legalSequenceNumber: s.legalSequenceNumber,
    createdOn: instant(s.createdOn),
    fromAt: instant(s.fromAt),
    additionalInfo: s.additionalInfo,
    balances: s.balances.map(({ type, amount, currency, date }) => ({ type, amount, currency, date })),
  };
}

function bankTransactionCode(dump: Dump): string | null {
  const domain = dump?.getDomain;
  if (domain)
    return [domain.getCode, domain.getFamily?.getCode, domain.getFamily?.getSubFamilyCode]
      .filter(Boolean)
      .join('/');
  return dump?.getProprietary?.getCode ?? null;
}

function expectedEntry(dump: Dump) {
  const detail = dump.getTransactionDetail;
  const remittance = detail?.getRemittanceInformation;
  const credit = dump.getCreditDebitIndicator === 'CRDT';
  const side = credit !== dump.getReversalIndicator ? 'Debtor' : 'Creditor';
  const party = (detail?.getRelatedParties ?? []).find((p: Dump) =>
    p.getRelatedPartyType.__CLASS__.endsWith(side),
  );
  return {
    amount: Number(dump.getAmount.getAmount),
    currency: dump.getAmount.getCurrency.getCode,
    reversal: dump.getReversalIndicator,
    status: dump.getStatus === 'BOOK' ? 'booked' : dump.getStatus,
    bookingDate: date(dump.getBookingDate),
    valueDate: date(dump.getValueDate),
    accountServicerRef: dump.getAccountServicerReference,
    bankTransactionCode:
      bankTransactionCode(detail?.getBankTransactionCode) ?? bankTransactionCode(dump.getBankTransactionCode),
    endToEndId: detail?.getReference?.getEndToEndId ?? null,
    mandateId: detail?.getReference?.getMandateId ?? null,
    creditorReference: remittance?.getCreditorReferenceInformation?.getRef ?? null,
    creditorReferenceCode: remittance?.getCreditorReferenceInformation?.getCode ?? null,
    remittanceText: remittance?.getUnstructuredBlock?.getMessage ?? null,
    counterpartyName: party?.getRelatedPartyType.getName ?? null,
    counterpartyIban: party?.getAccount?.getIdentification ?? null,
  };
}

function actualEntry(entry: ParsedEntry) {
  return {
    amount: signed(entry),
    currency: entry.currency,
    reversal: entry.reversal,
    status: entry.status,
    bookingDate: entry.bookingDate,
    valueDate: entry.valueDate,
    accountServicerRef: entry.accountServicerRef,
    bankTransactionCode: entry.bankTransactionCode,
    endToEndId: entry.endToEndId,
    mandateId: entry.mandateId,
    creditorReference: entry.creditorReference,
    creditorReferenceCode: entry.creditorReferenceType?.split('/')[0] ?? null,
    remittanceText: entry.remittanceText,
    counterpartyName: entry.counterpartyName,
    counterpartyIban: entry.counterpartyIban,
  };
}

const files = haveShared
  ? readdirSync(sharedCamt)
      .filter((name) => name.endsWith('.xml'))
      .sort()
  : [];

describe.skipIf(!haveShared)(
  `CAMT.053 files of genkgo/camt, read as that library reads them (skipped without ${sharedCamt}, which lives outside the repository)`,
  () => {
    it('finds the files and their readings', () => {
      expect(files.length).toBeGreaterThanOrEqual(5);
    });

    it.each(files)('%s: statements, balances, entries, amounts and references agree', (name) => {
      const file = readStatementFile(readFileSync(resolve(sharedCamt, name)));
      const statements = [...file.statements];
      const dump = JSON.parse(
        readFileSync(resolve(sharedCamt, name.replace(/\.xml$/, '.expected.json')), 'utf8'),
      );
      expect(file.format).toBe('camt053');
      expect(statements.flatMap((s) => s.errors)).toEqual([]);
      const shown = objectsOf(dump, 'Camt053\\DTO\\Statement');
      expect(shown.length).toBeGreaterThan(0);
      for (const expected of shown) {
        const mine = statements.find((s) => s.statementRef === expected.getId) as ParsedStatement;
        expect(actualStatement(mine)).toEqual(expectedStatement(expected));
      }
      const entries = objectsOf(dump, 'DTO\\Entry');
      expect(entries.length).toBeGreaterThan(0);
      for (const expected of entries) {
        const statementRef =
          typeof expected.getRecord === 'object' ? expected.getRecord.getId : shown[0].getId;
        const mine = statements.find((s) => s.statementRef === statementRef) as ParsedStatement;
        expect(actualEntry(mine.entries[expected.getIndex] as ParsedEntry)).toEqual(expectedEntry(expected));
      }
    });
  },
);
