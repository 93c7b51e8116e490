import type { Cover, DebtorRecord, Money } from '@kredo/sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type CapabilityDeps, callCapability, grantedInstallation } from '../capabilities/call-capability.ts';
import { cover as coverSchema } from '../capabilities/contracts.ts';
import { pluginIdempotencyKey } from '../capabilities/plugin-idempotency-key.ts';
import { readAsTenant, tenantEm } from '../db/tenant-scope.ts';
import { readDebtorRecord } from '../debtors/debtor-records.ts';
import type { CapabilityInstallation } from '../marketplace/index.ts';
import { DomainError, notFound } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import {
  type CreditCoverRow,
  CURRENT_COVERS_SQL,
  coverColumns,
  presentCreditCover,
  storeCover,
} from './credit-cover-store.ts';

export interface CoverRequest {
  debtorId: string;
  amount: Money;
  /** The credit-insurance installation; default the tenant's first. */
  installationId?: string;
  /** The client's Idempotency-Key, from which the insurer's key is derived. */
  requestKey?: string;
}

/** The insurer's answer to a cover request, and what core stores of it. */
export interface AnsweredCover {
  tenantId: string;
  debtor: DebtorRecord;
  installation: CapabilityInstallation;
  requested: Money;
  cover: Cover;
}

/**
 * Asks the tenant's credit insurer to cover a debtor up to an amount, in two steps so that no
 * transaction is open during the plugin call (the route's `idempotentCall` runs them).
 * `requestCover`:
 * 1. the debtor, as the plugin will see it;
 * 2. the insurer's answer (`requestCover`), checked against the contract;
 * `storeRequestedCover`:
 * 3. the answer, in the asked currency, stored. Nothing reaches the insurer unless the tenant granted
 *    `debtors:risk:write`.
 */
export async function requestCover(
  deps: CapabilityDeps,
  tenantId: string,
  request: CoverRequest,
): Promise<AnsweredCover> {
  const debtor = await readAsTenant(deps.orm, tenantId, (read) => readDebtorRecord(read, request.debtorId));
  const installation = await grantedInsurer(deps, tenantId, request.installationId);
  const { value } = await callCapability<'creditInsurance', Cover>(
    deps,
    tenantId,
    {
      capability: 'creditInsurance',
      operation: 'requestCover',
      input: {
        debtor,
        amount: request.amount,
        idempotencyKey: pluginIdempotencyKey(
          'cov',
          tenantId,
          debtor.id,
          request.requestKey,
          newId('creditCover'),
        ),
      },
      installationId: installation.id,
    },
    coverSchema,
  );
  return { tenantId, debtor, installation, requested: request.amount, cover: value };
}

/** Stores the insurer's answer to a cover request, in the caller's transaction. */
export async function storeRequestedCover(em: EntityManager, answered: AnsweredCover) {
  const { debtor, requested } = answered;
  const target = {
    administrationId: debtor.administrationId,
    debtorId: debtor.id,
    requested: requested.amount,
  };
  return presentCreditCover(
    await store(em, answered.tenantId, target, answered.installation, answered.cover, requested.currency),
  );
}

/** A debtor's current cover (the newest), read again from the insurer (`readCover`) when asked. */
export async function currentCover(
  deps: CapabilityDeps,
  tenantId: string,
  debtorId: string,
  refresh: boolean,
) {
  const [latest] = await readAsTenant(deps.orm, tenantId, async (em) => {
    await readDebtorRecord(em, debtorId);
    return em.execute<CreditCoverRow[]>(
      `select ${coverColumns} from ${CURRENT_COVERS_SQL} c where c.debtor_id = ?`,
      [debtorId],
    );
  });
  if (!latest) throw notFound('Credit cover', debtorId);
  if (!refresh) return presentCreditCover(latest);
  const installation = await grantedInsurer(deps, tenantId, latest.installation_id);
  const { value } = await callCapability<'creditInsurance', Cover>(
    deps,
    tenantId,
    {
      capability: 'creditInsurance',
      operation: 'readCover',
      input: { coverReference: latest.cover_reference },
      installationId: installation.id,
    },
    coverSchema,
  );
  if (value.coverReference !== latest.cover_reference) {
    throw badAnswer(installation, 'answered another cover');
  }
  const target = {
    administrationId: latest.administration_id,
    debtorId,
    requested: Number(latest.requested_amount),
  };
  const row = await tenantEm(deps.orm, tenantId).transactional((em) =>
    store(em as EntityManager, tenantId, target, installation, value, latest.currency),
  );
  return presentCreditCover(row);
}

async function store(
  em: EntityManager,
  tenantId: string,
  target: { administrationId: string; debtorId: string; requested: number },
  installation: CapabilityInstallation,
  cover: Cover,
  currency: string,
): Promise<CreditCoverRow> {
  if (cover.coveredAmount.currency !== currency) throw badAnswer(installation, `covered another currency`);
  const row = await storeCover(em, tenantId, target, installation, cover);
  if (!row) throw badAnswer(installation, 'reused the cover reference of another debtor');
  return row;
}

/** The insurer's installation, granted `debtors:risk:write`: checked before the debtor leaves core. */
async function grantedInsurer(
  deps: CapabilityDeps,
  tenantId: string,
  installationId: string | undefined,
): Promise<CapabilityInstallation> {
  // The insurer sees the debtor's record and core stores its cover.
  return grantedInstallation(deps, tenantId, 'creditInsurance', installationId, [
    'debtors:read',
    'debtors:risk:write',
  ]);
}

function badAnswer(installation: CapabilityInstallation, problem: string) {
  return new DomainError('plugin_bad_answer', 502, `${installation.plugin} ${problem}`, {
    installationId: installation.id,
  });
}
