import type { CompanyCandidate, CreditReport, DebtorRecord } from '@kredo/sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type CapabilityDeps, callCapability, grantedInstallation } from '../capabilities/call-capability.ts';
import { companyCandidates, creditReport } from '../capabilities/contracts.ts';
import { readAsTenant } from '../db/tenant-scope.ts';
import { readDebtorRecord } from '../debtors/debtor-records.ts';
import { recordCreditAssessment } from '../debtors/debtor-risk.ts';
import type { CapabilityInstallation } from '../marketplace/index.ts';
import { DomainError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { Joi } from '../shared/joi.ts';
import { instant, money, named, prefixedId } from '../shared/schemas.ts';

export interface CreditCheckRequest {
  debtorId: string;
  /** The credit-bureau installation to ask; default the tenant's first. */
  installationId?: string;
  /** The bureau's company id when the caller already picked one from an ambiguous search. */
  bureauId?: string;
}

/** What the bureau answered for a debtor, and what core stores of it. */
export interface CheckedCredit {
  tenantId: string;
  debtor: DebtorRecord;
  installation: CapabilityInstallation;
  company: { bureauId: string; name: string };
  report: CreditReport;
}

/**
 * A debtor's credit check through a credit-bureau plugin, in two steps so that no transaction is
 * open during the plugin calls (the route's `idempotentCall` runs them). `checkCredit`:
 * 1. the debtor, as the plugin will see it;
 * 2. the grant: nothing is asked of the bureau (and billed) unless the tenant granted the plugin
 *    `debtors:read` and `debtors:risk:write`;
 * 3. the company at the bureau: the one named, else a search by registration number, VAT number and
 *    name that must find exactly one (or one with the debtor's registration number);
 * 4. the report. `storeCreditReport`:
 * 5. score, rating and limit on the debtor and the report kept, in the caller's transaction.
 */
export async function checkCredit(
  deps: CapabilityDeps,
  tenantId: string,
  request: CreditCheckRequest,
): Promise<CheckedCredit> {
  const debtor = await readAsTenant(deps.orm, tenantId, (em) => readDebtorRecord(em, request.debtorId));
  const country = debtor.country;
  if (!country) {
    throw new DomainError(
      'debtor_country_unknown',
      422,
      'The debtor has no address with a country to search in',
      {
        field: 'country',
      },
    );
  }
  // The grant first: a bureau search or report is sent (and often billed) only when core may store it.
  // The bureau sees the debtor (name, registration and VAT numbers) and core stores its answer.
  const installation = await grantedInstallation(deps, tenantId, 'creditBureau', request.installationId, [
    'debtors:read',
    'debtors:risk:write',
  ]);
  const company = request.bureauId
    ? { bureauId: request.bureauId, name: debtor.name }
    : await findCompany(deps, tenantId, debtor, country, installation.id);
  const { value: report } = await callCapability<'creditBureau', CreditReport>(
    deps,
    tenantId,
    {
      capability: 'creditBureau',
      operation: 'getReport',
      input: { bureauId: company.bureauId, country },
      installationId: installation.id,
    },
    creditReport,
  );
  return { tenantId, debtor, installation, company, report };
}

/** Stores a bureau's report and the debtor's new assessment, in the caller's transaction. */
export async function storeCreditReport(em: EntityManager, checked: CheckedCredit) {
  const { tenantId, debtor, installation, company, report } = checked;
  const checkedAt = new Date();
  await recordCreditAssessment(em, debtor.id, {
    score: report.score,
    rating: report.rating,
    limit: report.suggestedLimit,
    checkedAt,
  });
  const [row] = await em.execute<CreditReportRow[]>(
    `insert into credit_report (id, tenant_id, administration_id, debtor_id, installation_id, plugin, bureau_id,
       company_name, score, rating, limit_amount, limit_currency, document, created_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, decode(?, 'base64'), ?) returning ${reportColumns}`,
    [
      newId('creditReport'),
      tenantId,
      debtor.administrationId,
      debtor.id,
      installation.id,
      installation.plugin,
      company.bureauId,
      company.name,
      report.score,
      report.rating,
      report.suggestedLimit.amount,
      report.suggestedLimit.currency,
      report.reportDocument?.base64 ?? null,
      checkedAt,
    ],
  );
  return presentCreditReport(row as CreditReportRow);
}

async function findCompany(
  deps: CapabilityDeps,
  tenantId: string,
  debtor: DebtorRecord,
  country: string,
  installationId: string | undefined,
): Promise<CompanyCandidate> {
  const search = {
    country,
    name: debtor.name,
    ...(debtor.cocNumber ? { registrationNumber: debtor.cocNumber } : {}),
    ...(debtor.vatNumber ? { vatNumber: debtor.vatNumber } : {}),
  };
  const { value: candidates } = await callCapability<'creditBureau', CompanyCandidate[]>(
    deps,
    tenantId,
    { capability: 'creditBureau', operation: 'searchCompany', input: search, installationId },
    companyCandidates,
  );
  const normalise = (value: string | undefined) => value?.replace(/[\s.-]/g, '').toUpperCase();
  const exact = debtor.cocNumber
    ? candidates.filter((c) => normalise(c.registrationNumber) === normalise(debtor.cocNumber ?? undefined))
    : [];
  const pick = exact.length === 1 ? exact : candidates;
  if (pick.length === 1) return pick[0] as CompanyCandidate;
  if (pick.length === 0) {
    throw new DomainError(
      'company_not_found',
      404,
      'The bureau found no company for this debtor; check its registration number, VAT number and country',
      { candidates: [] },
    );
  }
  throw new DomainError(
    'company_ambiguous',
    409,
    'The bureau found several companies; repeat with the bureauId of the right one',
    { candidates: pick.slice(0, 20) },
  );
}

export const reportColumns =
  'id, debtor_id, installation_id, plugin, bureau_id, company_name, score, rating, limit_amount, limit_currency, document is not null as has_document, created_at';

export interface CreditReportRow {
  id: string;
  debtor_id: string;
  installation_id: string;
  plugin: string;
  bureau_id: string;
  company_name: string | null;
  score: number;
  rating: string;
  limit_amount: string | number;
  limit_currency: string;
  has_document: boolean;
  created_at: string | Date;
}

/** A credit report as the API answers it: what `presentCreditReport` builds. */
export const creditReportView = named(
  'CreditReport',
  Joi.object({
    id: prefixedId('crp').required(),
    debtorId: prefixedId('dbt').required(),
    installationId: prefixedId('ins').required(),
    plugin: Joi.string().required(),
    bureauId: Joi.string().required().description("The bureau's company id"),
    companyName: Joi.string().allow(null).required(),
    score: Joi.number().integer().min(0).max(100).required(),
    rating: Joi.string().required(),
    suggestedLimit: money.required(),
    hasDocument: Joi.boolean()
      .required()
      .description('Whether `GET /credit-reports/{id}/document` has a PDF'),
    createdAt: instant.required(),
  }),
);

export function presentCreditReport(row: CreditReportRow) {
  return {
    id: row.id,
    debtorId: row.debtor_id,
    installationId: row.installation_id,
    plugin: row.plugin,
    bureauId: row.bureau_id,
    companyName: row.company_name,
    score: row.score,
    rating: row.rating,
    suggestedLimit: { amount: Number(row.limit_amount), currency: row.limit_currency },
    hasDocument: row.has_document,
    createdAt: new Date(row.created_at),
  };
}
