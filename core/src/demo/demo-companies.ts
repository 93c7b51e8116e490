import { createHash } from 'node:crypto';
import type { FakeCreditsafeCompany } from '../../../plugins/creditsafe-bureau/fake/index.ts';
import type { DebtorImportRow } from '../imports/import-rows.ts';
import { generateDebtors } from './generate-ledger.ts';
import { DEMO_ADMINISTRATIONS } from './seed-demo.ts';

/** Creditsafe's common rating scale: the lowest score of each band, best first. */
const BANDS = [
  { from: 80, value: 'A', description: 'Very Low Risk' },
  { from: 60, value: 'B', description: 'Low Risk' },
  { from: 40, value: 'C', description: 'Moderate Risk' },
  { from: 20, value: 'D', description: 'High Risk' },
  { from: 1, value: 'E', description: 'Not Rated' },
] as const;

/**
 * The companies the demo's Creditsafe fake knows: every business debtor of the demo ledger with a
 * registration number, under the name, numbers and address the ledger gives it, so a credit check
 * of any of them finds exactly one company. The rating follows from the registration number: the
 * same debtor gets the same score on every machine.
 */
export function demoCompanies(): FakeCreditsafeCompany[] {
  return DEMO_ADMINISTRATIONS.flatMap((administration) =>
    [...generateDebtors({ seed: administration.seed, debtorCount: administration.debtors })]
      .filter((debtor) => debtor.type === 'b2b' && debtor.cocNumber)
      .map(company),
  );
}

function company(debtor: DebtorImportRow): FakeCreditsafeCompany {
  const address = debtor.addresses[0];
  const country = address?.country ?? 'NL';
  const regNo = debtor.cocNumber as string;
  const score = 1 + (createHash('sha256').update(regNo).digest().readUInt16BE(0) % 100);
  const band = BANDS.find((candidate) => score >= candidate.from) ?? BANDS[4];
  return {
    id: `${country}-X-${regNo.replace(/\W/g, '')}`,
    country,
    regNo,
    ...(debtor.vatNumber ? { vatNo: debtor.vatNumber } : {}),
    name: debtor.name,
    address: {
      simpleValue: [address?.line1, [address?.postalCode, address?.city].filter(Boolean).join(' ')]
        .filter(Boolean)
        .join(', '),
      ...(address?.line1 ? { street: address.line1 } : {}),
      city: address?.city ?? '',
      postCode: address?.postalCode ?? '',
    },
    status: 'Active',
    rating: {
      commonValue: band.value,
      commonDescription: band.description,
      creditLimit: { currency: 'EUR', value: String(score * 1000) },
      providerValue: { minValue: '1', maxValue: '100', value: String(score) },
      providerDescription: band.description,
    },
  };
}
