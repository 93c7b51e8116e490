/**
 * SEPA's placeholder for a reference the payer did not give (`NOTPROVIDED`, as the end-to-end id of a
 * transfer without one): stored as no reference, so matching never takes it for one.
 */
export function provided(value: string | undefined | null): string | null {
  return value && value !== 'NOTPROVIDED' ? value : null;
}
