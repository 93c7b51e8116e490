/**
 * The key an entry is stored under, unique per account (docs/bank-statements.md, "Keys"). Built from
 * the bank's own references so that the same movement, met again in a re-sent or overlapping
 * statement, is recognised and left alone:
 * - `ref:<booking date>:<reference>`: the account servicer's reference (CAMT `AcctSvcrRef` of the
 *   transaction detail, else of the entry; MT940 `:61:` reference after `//`). Banks make these
 *   unique per account; the booking date guards against one that reuses them over time.
 * - `ntry:<statement>:<NtryRef>`: CAMT's entry reference, unique within its statement.
 * - `pos:<statement>:<n>`: neither given: the entry's place in its statement, stable for as long as
 *   the bank re-sends the statement under the same id.
 * A CAMT entry with several transaction details (a batch) adds `#<detail>` to the entry's own key.
 */
export interface KeyParts {
  statementRef: string;
  bookingDate: string | null;
  /** A reference the bank keeps unique per account, or null. */
  servicerRef: string | null;
  /** A reference unique within the statement, or null. */
  entryRef: string | null;
  /** 1-based position of the entry in the statement. */
  entryIndex: number;
  /** 1-based detail within a batched entry, when the key is the entry's. */
  detail?: number;
}

export function entryKey(parts: KeyParts): string {
  const suffix = parts.detail === undefined ? '' : `#${parts.detail}`;
  if (parts.servicerRef) return `ref:${parts.bookingDate ?? ''}:${parts.servicerRef}${suffix}`;
  if (parts.entryRef) return `ntry:${parts.statementRef}:${parts.entryRef}${suffix}`;
  return `pos:${parts.statementRef}:${parts.entryIndex}${suffix}`;
}
