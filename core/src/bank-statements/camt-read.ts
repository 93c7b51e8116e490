import { child, children, InvalidValueError, textAt, type XmlElement } from '../imports/index.ts';
import { readCamtEntry } from './camt-entry.ts';
import { accountIdOf, amountOf, creditDebitOf, dateOf, missing } from './camt-fields.ts';
import { type CamtDocument, parseFragment, type Span, spansOf } from './camt-xml.ts';
import { emptyStatement, type ParsedStatement, readError } from './parsed-statement.ts';
import type { StatementBalance } from './statement-rows.ts';

/**
 * The statements of a CAMT.053 document (camt-xml.ts opened it), one at a time. A statement whose
 * header cannot be read comes back with that error and no entries; an entry that cannot be read is
 * an error naming the entry and its line, and the other entries are still read.
 */
export function* readCamtStatements(document: CamtDocument): Generator<ParsedStatement> {
  const { text, prefix, lineAt } = document;
  const header = firstSpan(document, 'GrpHdr');
  const messageId = header
    ? (textAt(parseFragment(text.slice(header.start, header.end)), 'MsgId') ?? null)
    : null;
  for (const [at, span] of document.statements.entries()) {
    const entries = spansOf(text, prefix, 'Ntry', span.start, span.end, lineAt);
    const statement = emptyStatement({
      format: 'camt053',
      formatVersion: document.formatVersion,
      index: at + 1,
      line: span.line,
      messageId,
    });
    try {
      readHeader(statement, parseFragment(headerText(text, span, entries)));
    } catch (error) {
      if (!(error instanceof InvalidValueError)) throw error;
      statement.errors.push(readError(span.line, error, `statement ${at + 1}`));
      yield statement;
      continue;
    }
    let position = 1;
    for (const [index, entrySpan] of entries.entries()) {
      const place = {
        statementRef: statement.statementRef,
        entryIndex: index + 1,
        firstPosition: position,
        line: entrySpan.line,
        detailLines: spansOf(text, prefix, 'TxDtls', entrySpan.start, entrySpan.end, lineAt).map(
          (d) => d.line,
        ),
      };
      try {
        const rows = readCamtEntry(parseFragment(text.slice(entrySpan.start, entrySpan.end)), place);
        statement.entries.push(...rows);
        position += rows.length;
      } catch (error) {
        if (!(error instanceof InvalidValueError)) throw error;
        statement.errors.push(
          readError(entrySpan.line, error, `statement ${statement.statementRef}, entry ${index + 1}`),
        );
        position++;
      }
    }
    yield statement;
  }
}

function firstSpan(document: CamtDocument, local: string): Span | undefined {
  const end = document.statements[0]?.start ?? document.text.length;
  return spansOf(document.text, document.prefix, local, 0, end, document.lineAt)[0];
}

/** The statement without its entries: what comes before the first `<Ntry>` and after the last. */
function headerText(text: string, statement: Span, entries: Span[]): string {
  const first = entries[0];
  const last = entries.at(-1);
  if (!first || !last) return text.slice(statement.start, statement.end);
  return text.slice(statement.start, first.start) + text.slice(last.end, statement.end);
}

function readHeader(statement: ParsedStatement, stmt: XmlElement): void {
  const id = textAt(stmt, 'Id');
  if (!id) throw missing('Stmt/Id');
  const account = accountIdOf(child(stmt, 'Acct'));
  const accountId = account.iban ?? account.other;
  if (!accountId) throw missing('Stmt/Acct/Id (an IBAN or other account id)');
  statement.statementRef = id;
  statement.account = accountId;
  statement.sequenceNumber = textAt(stmt, 'ElctrncSeqNb') ?? null;
  statement.legalSequenceNumber = textAt(stmt, 'LglSeqNb') ?? null;
  statement.createdOn = textAt(stmt, 'CreDtTm') ?? null;
  statement.fromAt = textAt(stmt, 'FrToDt', 'FrDtTm') ?? null;
  statement.toAt = textAt(stmt, 'FrToDt', 'ToDtTm') ?? null;
  statement.balances = children(stmt, 'Bal').map((balance, at) => readBalance(balance, at + 1));
  statement.currency =
    textAt(stmt, 'Acct', 'Ccy') ?? statement.balances.find((b) => b.type === 'OPBD')?.currency ?? null;
  statement.additionalInfo = textAt(stmt, 'AddtlStmtInf') ?? null;
}

function readBalance(balance: XmlElement, at: number): StatementBalance {
  const field = `Bal[${at}]`;
  const type = textAt(balance, 'Tp', 'CdOrPrtry', 'Cd') ?? textAt(balance, 'Tp', 'CdOrPrtry', 'Prtry');
  if (!type) throw missing(`${field}/Tp`);
  const amount = amountOf(child(balance, 'Amt'), `${field}/Amt`);
  // The schema requires the mark, but the Bank of Lithuania's exports leave it out of every balance:
  // read as credit there, as other readers do. A wrong guess shows as the statement's balance warning.
  const mark = textAt(balance, 'CdtDbtInd') ?? 'CRDT';
  const creditDebit = creditDebitOf(mark, `${field}/CdtDbtInd`);
  return {
    type,
    amount: creditDebit === 'debit' && amount.amount !== 0 ? -amount.amount : amount.amount,
    amountText: amount.amountText,
    currency: amount.currency,
    creditDebit,
    date: dateOf(child(balance, 'Dt'), `${field}/Dt`),
  };
}
