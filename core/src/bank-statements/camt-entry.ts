import { child, children, InvalidValueError, textAt, type XmlElement } from '../imports/index.ts';
import {
  accountIdOf,
  agentBicOf,
  amountOf,
  bankTransactionCodeOf,
  type CamtAmount,
  creditDebitOf,
  dateOf,
  joinedTexts,
  missing,
  partyNameOf,
} from './camt-fields.ts';
import { entryKey } from './entry-key.ts';
import { provided } from './not-provided.ts';
import type { ParsedEntry } from './parsed-statement.ts';
import type { CreditDebit, EntryStatus } from './statement-rows.ts';

export interface EntryPlace {
  statementRef: string;
  /** 1-based position of the `<Ntry>` in its statement. */
  entryIndex: number;
  /** 1-based position the entry's first row takes among the statement's rows. */
  firstPosition: number;
  line: number;
  /** The line each `<TxDtls>` starts on, in order. */
  detailLines: number[];
}

const STATUSES: Record<string, EntryStatus> = {
  BOOK: 'booked',
  PDNG: 'pending',
  FUTR: 'pending',
  INFO: 'info',
};

/**
 * One `<Ntry>` as rows: one row, or one per transaction detail when the entry is a batch of several
 * (each with its own amount, parties and references). Throws InvalidValueError naming the element.
 */
export function readCamtEntry(ntry: XmlElement, place: EntryPlace): ParsedEntry[] {
  const entry = entryFields(ntry);
  const details = children(ntry, 'NtryDtls').flatMap((block) => children(block, 'TxDtls'));
  if (details.length <= 1) {
    const key = entryKey({
      ...place,
      ...entry.keyParts,
      servicerRef: detailRef(details[0]) ?? entry.keyParts.servicerRef,
    });
    return [row(entry, details[0], entry.amount, entry.creditDebit, key, place.firstPosition, place.line)];
  }
  return details.map((detail, at) => {
    const amount = detailAmount(detail, at + 1);
    const creditDebit = detailDirection(detail, entry.creditDebit, at + 1);
    const own = detailRef(detail);
    const key = own
      ? entryKey({ ...place, ...entry.keyParts, servicerRef: own })
      : entryKey({ ...place, ...entry.keyParts, detail: at + 1 });
    return row(
      entry,
      detail,
      amount,
      creditDebit,
      key,
      place.firstPosition + at,
      place.detailLines[at] ?? place.line,
    );
  });
}

interface EntryFields {
  amount: CamtAmount;
  creditDebit: CreditDebit;
  reversal: boolean;
  status: EntryStatus;
  bookingDate: string | null;
  valueDate: string | null;
  bankTransactionCode: string | null;
  accountServicerRef: string | null;
  entryRef: string | null;
  additionalInfo: string | null;
  keyParts: { bookingDate: string | null; servicerRef: string | null; entryRef: string | null };
}

function entryFields(ntry: XmlElement): EntryFields {
  // The schema requires the status; the Bank of Lithuania's exports leave it out. What a statement
  // (camt.053, unlike a report) lists is booked unless it says otherwise.
  const statusText = textAt(ntry, 'Sts') ?? textAt(ntry, 'Sts', 'Cd') ?? 'BOOK';
  const status = STATUSES[statusText];
  if (!status)
    throw new InvalidValueError(
      'invalid_value',
      `Ntry/Sts is "${statusText}", not BOOK, PDNG, FUTR or INFO`,
      'Ntry/Sts',
    );
  const bookingDate = dateOf(child(ntry, 'BookgDt'), 'Ntry/BookgDt');
  const accountServicerRef = textAt(ntry, 'AcctSvcrRef') ?? null;
  const entryRef = textAt(ntry, 'NtryRef') ?? null;
  return {
    amount: amountOf(child(ntry, 'Amt'), 'Ntry/Amt'),
    creditDebit: creditDebitOf(textAt(ntry, 'CdtDbtInd'), 'Ntry/CdtDbtInd'),
    reversal: isTrue(textAt(ntry, 'RvslInd')),
    status,
    bookingDate,
    valueDate: dateOf(child(ntry, 'ValDt'), 'Ntry/ValDt'),
    bankTransactionCode: bankTransactionCodeOf(child(ntry, 'BkTxCd')),
    accountServicerRef,
    entryRef,
    additionalInfo: textAt(ntry, 'AddtlNtryInf') ?? null,
    keyParts: { bookingDate, servicerRef: accountServicerRef, entryRef },
  };
}

const isTrue = (text: string | undefined) => text === 'true' || text === '1';

function detailRef(detail: XmlElement | undefined): string | null {
  return textAt(detail, 'Refs', 'AcctSvcrRef') ?? null;
}

/** A batched detail's own amount: in the account's currency (`AmtDtls/TxAmt`) where given. */
function detailAmount(detail: XmlElement, at: number): CamtAmount {
  const element =
    child(detail, 'AmtDtls', 'TxAmt', 'Amt') ??
    child(detail, 'Amt') ??
    child(detail, 'AmtDtls', 'InstdAmt', 'Amt');
  if (!element) throw missing(`TxDtls[${at}]/Amt (an entry of several transactions needs each one's amount)`);
  return amountOf(element, `TxDtls[${at}]/Amt`);
}

function detailDirection(detail: XmlElement, entry: CreditDebit, at: number): CreditDebit {
  const text = textAt(detail, 'CdtDbtInd');
  return text === undefined ? entry : creditDebitOf(text, `TxDtls[${at}]/CdtDbtInd`);
}

function row(
  entry: EntryFields,
  detail: XmlElement | undefined,
  amount: CamtAmount,
  creditDebit: CreditDebit,
  key: string,
  position: number,
  line: number,
): ParsedEntry {
  const counterparty = counterpartyOf(detail, creditDebit, entry.reversal);
  const reference = creditorReferenceOf(detail);
  return {
    position,
    line,
    key,
    bookingDate: entry.bookingDate,
    valueDate: entry.valueDate,
    amount: amount.amount,
    amountText: amount.amountText,
    currency: amount.currency,
    creditDebit,
    reversal: entry.reversal,
    status: entry.status,
    bankTransactionCode: bankTransactionCodeOf(child(detail, 'BkTxCd')) ?? entry.bankTransactionCode,
    accountServicerRef: detailRef(detail) ?? entry.accountServicerRef,
    entryRef: entry.entryRef,
    endToEndId: provided(textAt(detail, 'Refs', 'EndToEndId')),
    mandateId: textAt(detail, 'Refs', 'MndtId') ?? null,
    ...counterparty,
    remittanceText: joinedTexts(child(detail, 'RmtInf'), 'Ustrd'),
    creditorReference: reference?.ref ?? null,
    creditorReferenceType: reference?.type ?? null,
    additionalInfo: additionalInfo(entry, detail),
  };
}

/**
 * The other party: the debtor of a credit, the creditor of a debit. A reversal keeps the parties of
 * the movement it undoes, so a returned credit (a debit with RvslInd) still names the one who paid.
 */
function counterpartyOf(detail: XmlElement | undefined, creditDebit: CreditDebit, reversal: boolean) {
  const side = (creditDebit === 'credit') !== reversal ? 'Dbtr' : 'Cdtr';
  const parties = child(detail, 'RltdPties');
  const account = accountIdOf(child(parties, `${side}Acct`));
  return {
    counterpartyName: partyNameOf(child(parties, side)) ?? partyNameOf(child(parties, `Ultmt${side}`)),
    counterpartyIban: account.iban,
    counterpartyAccount: account.other,
    counterpartyBic: agentBicOf(child(detail, 'RltdAgts', `${side}Agt`)),
  };
}

/** The first structured creditor reference, with its type: `SCOR`, and the issuer when given (`SCOR/ISO`). */
function creditorReferenceOf(detail: XmlElement | undefined): { ref: string; type: string | null } | null {
  for (const structured of children(child(detail, 'RmtInf'), 'Strd')) {
    const info = child(structured, 'CdtrRefInf');
    const ref = textAt(info, 'Ref');
    if (!ref) continue;
    const code = textAt(info, 'Tp', 'CdOrPrtry', 'Cd') ?? textAt(info, 'Tp', 'CdOrPrtry', 'Prtry');
    const type = [code, textAt(info, 'Tp', 'Issr')].filter(Boolean).join('/');
    return { ref: ref.replace(/\s+/g, ''), type: type === '' ? null : type };
  }
  return null;
}

function additionalInfo(entry: EntryFields, detail: XmlElement | undefined): string | null {
  const returned = textAt(detail, 'RtrInf', 'Rsn', 'Cd');
  const parts = [
    textAt(detail, 'AddtlTxInf') ?? entry.additionalInfo,
    returned ? `return reason ${returned}` : undefined,
  ].filter(Boolean);
  return parts.length === 0 ? null : parts.join('; ');
}
