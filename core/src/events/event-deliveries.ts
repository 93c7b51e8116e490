import type { EntityManager } from '@mikro-orm/postgresql';
import { checkInstallation } from '../marketplace/installation-sql.ts';
import { conflict, notFound } from '../shared/errors.ts';
import { Joi } from '../shared/joi.ts';
import { instant, named, prefixedId } from '../shared/schemas.ts';
import { OUTBOX_CHANNEL } from './record-event.ts';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface DeliveryFilter {
  status?: DeliveryStatus;
  /** Event id of the last delivery seen (cursor). */
  after?: string;
  limit: number;
}

interface DeliveryColumns {
  event_id: string;
  event_name: string;
  status: DeliveryStatus;
  attempts: number;
  last_error: { code?: string; message?: string; at?: string } | null;
  created_at: string | Date;
  delivered_at: string | Date | null;
}

/** A delivery as the API answers it: what `presentDelivery` builds. */
export const deliveryView = named(
  'EventDelivery',
  Joi.object({
    id: prefixedId('evt').required().description("The delivery's id: its event's id"),
    installationId: prefixedId('ins').required(),
    eventId: prefixedId('evt').required(),
    eventName: Joi.string().required().description('e.g. invoice.overdue'),
    idempotencyKey: Joi.string().required().description('What the plugin sees: `<eventId>:<installationId>`'),
    status: Joi.string().valid('pending', 'delivered', 'failed').required(),
    attempts: Joi.number().integer().min(0).required(),
    lastError: Joi.object({
      code: Joi.string().required(),
      message: Joi.string().allow('').required(),
      at: Joi.string().allow(null).required(),
    })
      .allow(null)
      .required(),
    createdAt: instant.required(),
    deliveredAt: instant.allow(null).required(),
  }),
);

/**
 * What the tenant sees of one delivery: which event, how it went, the last error. Never the payload
 * (it is the tenant's own data, but a list of deliveries is no place to leak it). The delivery's id
 * is its event's id, unique within one installation.
 */
function presentDelivery(row: DeliveryColumns, installationId: string) {
  return {
    id: row.event_id,
    installationId,
    eventId: row.event_id,
    eventName: row.event_name,
    idempotencyKey: `${row.event_id}:${installationId}`,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error
      ? {
          code: row.last_error.code ?? 'unknown',
          message: row.last_error.message ?? '',
          at: row.last_error.at ?? null,
        }
      : null,
    createdAt: new Date(row.created_at),
    deliveredAt: row.delivered_at === null ? null : new Date(row.delivered_at),
  };
}

const SELECT = `select d.event_id, e.name as event_name, d.status, d.attempts, d.last_error, d.created_at, d.delivered_at
  from event_delivery d join outbox_event e on e.id = d.event_id`;

/** One page of an installation's deliveries in event order; another tenant's installation is not found. */
export async function listDeliveries(em: EntityManager, installationId: string, filter: DeliveryFilter) {
  await checkInstallation(em, installationId);
  const params: unknown[] = [installationId];
  let where = 'd.installation_id = ?';
  if (filter.status) {
    where += ' and d.status = ?';
    params.push(filter.status);
  }
  if (filter.after) {
    where += ' and d.event_id > ?';
    params.push(filter.after);
  }
  params.push(filter.limit + 1);
  const rows = await em.execute<DeliveryColumns[]>(
    `${SELECT} where ${where} order by d.event_id limit ?`,
    params,
  );
  return rows.map((row) => presentDelivery(row, installationId));
}

/**
 * Queues a failed delivery again: back to `pending`, marked for the next dispatch of the tenant,
 * which a notification on commit starts at once. Asking again while it is pending changes nothing;
 * a delivered one cannot be retried.
 */
export async function retryDelivery(
  em: EntityManager,
  tenantId: string,
  installationId: string,
  eventId: string,
) {
  return em.transactional(async (tx) => {
    await checkInstallation(tx as EntityManager, installationId);
    const [requeued] = await tx.execute<{ event_id: string }[]>(
      `update event_delivery set status = 'pending', requeued_at = now()
       where installation_id = ? and event_id = ? and status = 'failed' returning event_id`,
      [installationId, eventId],
    );
    if (requeued) await tx.execute('select pg_notify(?, ?)', [OUTBOX_CHANNEL, tenantId]);
    const [row] = await tx.execute<DeliveryColumns[]>(
      `${SELECT} where d.installation_id = ? and d.event_id = ?`,
      [installationId, eventId],
    );
    if (!row) throw notFound('Delivery', eventId);
    if (row.status === 'delivered') {
      throw conflict('delivery_delivered', `Delivery ${eventId} was delivered; there is nothing to retry`, {
        id: eventId,
      });
    }
    return presentDelivery(row, installationId);
  });
}
