import { handOffToCollection, storeCollectionCase } from '../collection/hand-off.ts';
import { DomainError } from '../shared/errors.ts';
import { channelUnavailable } from './deliver-task.ts';
import type { DeliveryAction } from './delivery-action.ts';
import type { DeliveryDeps } from './delivery-deps.ts';
import type { DeliveryOutcome } from './delivery-outcome.ts';

/**
 * A hand-off to the tenant's collection agency (collection/hand-off.ts), keyed by the action id; the
 * case is stored with the action's outcome. A debtor already in collection, or with nothing overdue
 * any more, is skipped with the reason; no collection plugin makes a task saying so.
 */
export async function deliverCollection(
  deps: DeliveryDeps,
  action: DeliveryAction,
): Promise<DeliveryOutcome> {
  try {
    const handed = await handOffToCollection(deps, action.tenantId, {
      debtorId: action.debtorId,
      requestKey: `dunning:${action.id}`,
    });
    return {
      status: 'sent',
      channel: 'collection',
      messageId: handed.caseReference,
      delivery: {
        channel: 'collection',
        installationId: handed.installation.id,
        plugin: handed.installation.plugin,
        caseReference: handed.caseReference,
        invoiceIds: handed.invoiceIds,
        totalOpen: handed.totalOpen,
      },
      write: async (em) => ({ collectionCaseId: (await storeCollectionCase(em, handed)).id }),
    };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.code === 'capability_not_installed') {
      return channelUnavailable(action, 'No collection plugin is installed');
    }
    if (error.code === 'collection_case_open' || error.code === 'nothing_overdue') {
      return {
        status: 'skipped',
        delivery: { channel: 'collection', reason: error.code, message: error.message },
      };
    }
    throw error;
  }
}
