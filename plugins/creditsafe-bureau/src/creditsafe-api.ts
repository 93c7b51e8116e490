import { type Failure, fail, type HttpResponse } from '@kredo/sdk';

export const CREDITSAFE_API = 'https://connect.creditsafe.com/v1';

/** One hit of `GET /v1/companies`: the fields this plugin reads. */
export interface CreditsafeCompany {
  id: string;
  country: string;
  regNo?: string;
  vatNo?: string | string[];
  name: string;
  address?: { simpleValue?: string; city?: string; postCode?: string };
  status?: string;
}

/** A credit rating as `companySummary.creditRating` and `creditScore.currentCreditRating` carry it. */
export interface CreditsafeRating {
  commonValue?: string;
  commonDescription?: string;
  creditLimit?: { currency?: string; value?: string | number };
  providerValue?: { minValue?: string | number; maxValue?: string | number; value?: string | number };
}

/** `GET /v1/companies/{connectId}`: the parts of the report this plugin reads. */
export interface CreditsafeReport {
  report?: {
    companySummary?: { businessName?: string; country?: string; creditRating?: CreditsafeRating };
    creditScore?: { currentCreditRating?: CreditsafeRating };
  };
}

/** Creditsafe's error answer (`{ message, details? }`) as a Kredo error, recognised by code. */
export function creditsafeError(response: HttpResponse, what: string): Failure {
  const error = parseJson(response.body) as { message?: unknown; details?: unknown } | undefined;
  const said = [error?.message, error?.details].filter((part) => typeof part === 'string').join(': ');
  const detail = said || `HTTP ${response.status}`;
  const status = response.status;
  if (status === 400) return fail('invalid_input', `Creditsafe refused the ${what}: ${detail}`);
  if (status === 401) return fail('unauthorized', `Creditsafe refused the credentials: ${detail}`);
  if (status === 403)
    return fail('not_entitled', `The Creditsafe subscription does not cover this ${what}: ${detail}`);
  if (status === 404) return fail('company_not_found', `Creditsafe knows no such company: ${detail}`);
  if (status === 429) return fail('rate_limited', `Creditsafe: ${detail}`, { retryable: true });
  if (status >= 500) {
    return fail('provider_unavailable', `Creditsafe answered ${status}: ${detail}`, { retryable: true });
  }
  return fail('provider_rejected', `Creditsafe answered ${status}: ${detail}`);
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
