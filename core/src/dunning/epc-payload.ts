import { decimalString } from './reminder-format.ts';

/** What a SEPA credit transfer QR code says: who is paid, how much, with what reference. */
export interface EpcTransfer {
  bic: string | null;
  /** The beneficiary's name, at most 70 characters. */
  name: string;
  /** Without spaces. */
  iban: string;
  /** Minor units (euro cents). */
  amount: number;
  currency: string;
  /** Unstructured remittance information, at most 140 characters. */
  remittance: string;
}

/**
 * The EPC069-12 (version 002) payload of a "SEPA credit transfer" QR code, the one Dutch, Belgian,
 * German and Austrian banking apps read, or why there is none. Lines, separated by LF:
 * `BCD` / `002` / `1` (UTF-8) / `SCT` / BIC (optional in 002) / name / IBAN / `EUR` amount /
 * purpose (empty) / structured creditor reference (empty: Kredo's reference is not an ISO 11649 RF
 * reference) / unstructured remittance text. Only euros, and only a positive amount up to
 * 999,999,999.99.
 */
export function epcPayload(
  transfer: EpcTransfer,
): { ok: true; payload: string } | { ok: false; reason: string } {
  if (transfer.currency !== 'EUR') return { ok: false, reason: 'an EPC QR code is for euro transfers only' };
  if (transfer.amount <= 0) return { ok: false, reason: 'nothing to pay' };
  if (transfer.amount > 99_999_999_999)
    return { ok: false, reason: 'the amount is above what an EPC QR code carries' };
  const lines = [
    'BCD',
    '002',
    '1',
    'SCT',
    transfer.bic ?? '',
    clean(transfer.name, 70),
    transfer.iban,
    `EUR${decimalString(transfer.amount, 2)}`,
    '',
    '',
    clean(transfer.remittance, 140),
  ];
  return { ok: true, payload: lines.join('\n') };
}

/** One line of the payload: no line breaks inside it, cut to its maximum length. */
const clean = (text: string, max: number) =>
  text
    .replace(/[\r\n]+/g, ' ')
    .trim()
    .slice(0, max);
