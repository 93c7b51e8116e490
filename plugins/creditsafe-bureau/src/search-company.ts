import {
  type CompanyCandidate,
  type CompanySearchInput,
  fail,
  ok,
  type PluginContext,
  type Result,
} from '@kredo/sdk';
import { type CreditsafeCompany, creditsafeError, parseJson } from './creditsafe-api.ts';
import { creditsafeGet } from './creditsafe-session.ts';

/** `GET /v1/companies` in one country by registration number, VAT number and/or name. */
export async function searchCompany(
  input: CompanySearchInput,
  ctx: PluginContext,
): Promise<Result<CompanyCandidate[]>> {
  const criteria: [string, string | undefined][] = [
    ['regNo', input.registrationNumber],
    ['vatNo', input.vatNumber],
    ['name', input.name],
  ];
  const given = criteria.filter((entry): entry is [string, string] => (entry[1] ?? '').trim() !== '');
  if (given.length === 0) {
    return fail('invalid_input', 'a company search needs a registration number, a VAT number or a name');
  }
  if (!/^[A-Z]{2}$/.test(input.country)) {
    return fail('invalid_input', `country must be an ISO 3166-1 alpha-2 code, got ${input.country}`);
  }
  const query = [['countries', input.country], ...given]
    .map(([key, value]) => `${key}=${encodeURIComponent((value ?? '').trim())}`)
    .join('&');

  const response = await creditsafeGet(ctx, `/companies?${query}`);
  if (!response.ok) return response;
  if (response.value.status !== 200) return creditsafeError(response.value, 'company search');
  const companies = (parseJson(response.value.body) as { companies?: unknown } | undefined)?.companies;
  if (!Array.isArray(companies)) {
    return fail('provider_invalid_response', 'Creditsafe answered a search without companies', {
      retryable: true,
    });
  }
  return ok((companies as CreditsafeCompany[]).filter((c) => typeof c?.id === 'string').map(toCandidate));
}

function toCandidate(company: CreditsafeCompany): CompanyCandidate {
  const address = company.address?.simpleValue ?? joinAddress(company.address);
  return {
    bureauId: company.id,
    name: company.name,
    ...(company.regNo ? { registrationNumber: company.regNo } : {}),
    ...(address ? { address } : {}),
  };
}

function joinAddress(address: CreditsafeCompany['address']): string | undefined {
  const parts = [address?.postCode, address?.city].filter((part) => typeof part === 'string' && part !== '');
  return parts.length > 0 ? parts.join(' ') : undefined;
}
