import type { PoolClient } from 'pg';

/** How an invoice's buyer may be recognised among an administration's debtors. */
export interface BuyerKeys {
  number: string;
  /** Normalised: upper case, without spaces, dots and dashes. */
  vatNumber?: string;
  cocNumber?: string;
}

export type BuyerMatch =
  | { number: string; by: 'number' | 'vatNumber' | 'cocNumber' }
  | { number: undefined; ambiguous?: { by: 'vatNumber' | 'cocNumber'; numbers: string[] } };

// VAT numbers typed through the API may keep their spaces, dots and dashes: compare them without.
const STORED_VAT = `upper(regexp_replace(coalesce(vat_number, ''), '[[:space:].-]', '', 'g'))`;

/**
 * The debtor an invoice's buyer is: the one with its number, else the only one with its VAT number,
 * else the only one with its registration number. Two debtors sharing a VAT or registration number
 * (branches of one company) match neither, and are reported, so that no invoice lands on a guess.
 */
export async function matchDebtor(
  client: PoolClient,
  administrationId: string,
  keys: BuyerKeys,
): Promise<BuyerMatch> {
  const { rows } = await client.query<{ number: string; by_vat: boolean; by_coc: boolean }>(
    `select number, (${STORED_VAT} = $3) as by_vat, (coc_number = $4) as by_coc
       from debtor
      where administration_id = $1 and (number = $2 or ${STORED_VAT} = $3 or coc_number = $4)
      order by number limit 20`,
    [administrationId, keys.number, keys.vatNumber ?? null, keys.cocNumber ?? null],
  );
  if (rows.some((row) => row.number === keys.number)) return { number: keys.number, by: 'number' };
  for (const by of ['vatNumber', 'cocNumber'] as const) {
    const numbers = rows
      .filter((row) => (by === 'vatNumber' ? row.by_vat : row.by_coc))
      .map((row) => row.number);
    if (numbers.length === 1) return { number: numbers[0] as string, by };
    if (numbers.length > 1) return { number: undefined, ambiguous: { by, numbers } };
  }
  return { number: undefined };
}
