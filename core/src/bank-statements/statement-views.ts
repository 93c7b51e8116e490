import { Joi } from '../shared/joi.ts';
import { currency, instant, isoDate, minorUnits, money, named, prefixedId } from '../shared/schemas.ts';
import type { BankStatementEntryRow, BankStatementRow } from './statement-rows.ts';

const text = Joi.string().allow(null).required();

const balanceView = named(
  'BankStatementBalance',
  Joi.object({
    type: Joi.string().required().description('ISO 20022 code: OPBD, CLBD, OPAV, CLAV, ITBD, FWAV …'),
    amount: minorUnits.required().description('Signed minor units: negative for a debit balance'),
    amountText: Joi.string().required().description('The bank’s decimal, unsigned'),
    currency: currency.required(),
    creditDebit: Joi.string().valid('credit', 'debit').required(),
    date: isoDate.allow(null).required(),
  }),
);

export const statementView = named(
  'BankStatement',
  Joi.object({
    id: prefixedId('bst').required(),
    administrationId: prefixedId('adm').required(),
    account: Joi.string().required().description('IBAN, or the bank’s own account id'),
    statementRef: Joi.string().required().description('The bank’s id for the statement, unique per account'),
    format: Joi.string().valid('camt053', 'mt940').required(),
    formatVersion: text,
    messageId: text,
    sequenceNumber: text,
    legalSequenceNumber: text,
    createdOn: instant.allow(null).required().description('When the bank made the statement'),
    fromAt: instant.allow(null).required(),
    toAt: instant.allow(null).required(),
    currency: currency.allow(null).required(),
    openingBalance: minorUnits
      .allow(null)
      .required()
      .description('Booked opening balance in minor units of `currency`, signed'),
    openingBalanceDate: isoDate.allow(null).required(),
    closingBalance: minorUnits
      .allow(null)
      .required()
      .description('Booked closing balance in minor units of `currency`, signed'),
    closingBalanceDate: isoDate.allow(null).required(),
    balances: Joi.array().items(balanceView).required().description('Every balance the bank gave'),
    additionalInfo: text,
    entryCount: Joi.number().integer().min(0).required(),
    importId: Joi.string().required(),
    createdBy: text,
    createdAt: instant.required(),
  }),
);

export function presentStatement(row: BankStatementRow) {
  const minor = (amount: string | null) => (amount === null ? null : Number(amount));
  const at = (value: Date | null) => (value === null ? null : new Date(value));
  return {
    id: row.id,
    administrationId: row.administration_id,
    account: row.account,
    statementRef: row.statement_ref,
    format: row.format,
    formatVersion: row.format_version,
    messageId: row.message_id,
    sequenceNumber: row.sequence_number,
    legalSequenceNumber: row.legal_sequence_number,
    createdOn: at(row.created_on),
    fromAt: at(row.from_at),
    toAt: at(row.to_at),
    currency: row.currency,
    openingBalance: minor(row.opening_balance),
    openingBalanceDate: row.opening_balance_date,
    closingBalance: minor(row.closing_balance),
    closingBalanceDate: row.closing_balance_date,
    balances: row.balances,
    additionalInfo: row.additional_info,
    entryCount: row.entry_count,
    importId: row.import_id,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
  };
}

export const entryView = named(
  'BankStatementEntry',
  Joi.object({
    id: prefixedId('bse').required(),
    statementId: prefixedId('bst').required(),
    administrationId: prefixedId('adm').required(),
    account: Joi.string().required(),
    entryKey: Joi.string()
      .required()
      .description('Unique per account, from the bank’s references (docs/bank-statements.md)'),
    position: Joi.number().integer().min(1).required(),
    line: Joi.number().integer().allow(null).required().description('Line in the imported file'),
    bookingDate: isoDate.allow(null).required(),
    valueDate: isoDate.allow(null).required(),
    amount: money.required().description('Unsigned minor units; `creditDebit` says which way'),
    amountText: Joi.string().required().description('The bank’s exact decimal (CAMT allows five decimals)'),
    creditDebit: Joi.string().valid('credit', 'debit').required(),
    reversal: Joi.boolean().required(),
    status: Joi.string().valid('booked', 'pending', 'info').required(),
    bankTransactionCode: text,
    accountServicerRef: text,
    entryRef: text,
    endToEndId: text,
    mandateId: text,
    counterparty: Joi.object({ name: text, iban: text, account: text, bic: text }).required(),
    remittanceText: text,
    creditorReference: text,
    creditorReferenceType: text.description(
      '`SCOR`, with the issuer when given: `SCOR/ISO` (RF), `SCOR/CUR` (betalingskenmerk)',
    ),
    additionalInfo: text,
    matchStatus: Joi.string().required(),
    createdAt: instant.required(),
  }),
);

export function presentEntry(row: BankStatementEntryRow) {
  return {
    id: row.id,
    statementId: row.statement_id,
    administrationId: row.administration_id,
    account: row.account,
    entryKey: row.entry_key,
    position: row.position,
    line: row.line,
    bookingDate: row.booking_date,
    valueDate: row.value_date,
    amount: { amount: Number(row.amount), currency: row.currency },
    amountText: row.amount_text,
    creditDebit: row.credit_debit,
    reversal: row.reversal,
    status: row.status,
    bankTransactionCode: row.bank_transaction_code,
    accountServicerRef: row.account_servicer_ref,
    entryRef: row.entry_ref,
    endToEndId: row.end_to_end_id,
    mandateId: row.mandate_id,
    counterparty: {
      name: row.counterparty_name,
      iban: row.counterparty_iban,
      account: row.counterparty_account,
      bic: row.counterparty_bic,
    },
    remittanceText: row.remittance_text,
    creditorReference: row.creditor_reference,
    creditorReferenceType: row.creditor_reference_type,
    additionalInfo: row.additional_info,
    matchStatus: row.match_status,
    createdAt: new Date(row.created_at),
  };
}
