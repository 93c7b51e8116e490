import type { CollectionStatusUpdate } from '@kredo/sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { type CapabilityDeps, callCapability, grantedInstallation } from '../capabilities/call-capability.ts';
import { collectionStatusUpdate } from '../capabilities/contracts.ts';
import type { Orm } from '../db/orm.ts';
import { readAsTenant, tenantEm } from '../db/tenant-scope.ts';
import { findCapabilityInstallation } from '../marketplace/index.ts';
import { DomainError, notFound } from '../shared/errors.ts';
import {
  applyCollectionUpdate,
  type CollectionCaseRow,
  presentCollectionCase,
} from './collection-case-store.ts';

/**
 * The webhook route's collection-update recorder, for agencies that call back: an update from an
 * installation that is not a collection plugin, outside the contract, without `collection:write`, or
 * for a case the installation does not have is ignored and logged (the provider still gets the
 * plugin's answer); any other is applied to the case.
 */
export function collectionUpdateRecorder(orm: Orm, logger: Logger) {
  return async (tenantId: string, installationId: string, reported: unknown) => {
    const where = { tenantId, installationId };
    const installation = await readAsTenant(orm, tenantId, (em) =>
      findCapabilityInstallation(em, 'collection', installationId),
    );
    if (!installation) {
      logger.warn(where, 'a plugin without the collection capability reported a case update');
      return 'ignored' as const;
    }
    const { error, value } = collectionStatusUpdate.validate(reported, { stripUnknown: true });
    if (error) {
      logger.warn({ ...where, problem: error.message }, 'a collection plugin reported a malformed update');
      return 'ignored' as const;
    }
    if (!installation.grantedScopes.includes('collection:write')) {
      logger.warn(where, 'a collection plugin without collection:write reported an update; not recorded');
      return 'ignored' as const;
    }
    const update = value as CollectionStatusUpdate;
    const row = await tenantEm(orm, tenantId).transactional((em) =>
      applyCollectionUpdate(em as EntityManager, installationId, update),
    );
    if (!row) {
      logger.warn({ ...where, reference: update.caseReference }, 'an update for an unknown collection case');
      return 'ignored' as const;
    }
    return 'recorded' as const;
  };
}

/**
 * Asks the agency for a case's status (`readStatus`), for agencies that do not call back, and applies
 * it: the case's own installation, granted `collection:write`, answering for the same case reference.
 */
export async function refreshCollectionCase(deps: CapabilityDeps, tenantId: string, caseId: string) {
  const [found] = await readAsTenant(deps.orm, tenantId, (em) =>
    em.execute<CollectionCaseRow[]>('select * from collection_case where id = ?', [caseId]),
  );
  if (!found) throw notFound('Collection case', caseId);
  // The grant first: an agency core would not listen to is not asked (nor billed).
  await grantedInstallation(deps, tenantId, 'collection', found.installation_id, ['collection:write']);
  const { installation, value: update } = await callCapability<'collection', CollectionStatusUpdate>(
    deps,
    tenantId,
    {
      capability: 'collection',
      operation: 'readStatus',
      input: { caseReference: found.case_reference },
      installationId: found.installation_id,
    },
    collectionStatusUpdate,
  );
  if (update.caseReference !== found.case_reference) {
    throw new DomainError(
      'plugin_bad_answer',
      502,
      `${installation.plugin} answered the status of another case`,
      { installationId: installation.id },
    );
  }
  const row = await tenantEm(deps.orm, tenantId).transactional((em) =>
    applyCollectionUpdate(em as EntityManager, installation.id, update),
  );
  return presentCollectionCase(row ?? found);
}
