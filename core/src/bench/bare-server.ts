import Hapi from '@hapi/hapi';
import type { Pool, PoolClient } from 'pg';
import { APP_ROLE, TENANT_SETTING } from '../db/tenant-scope.ts';

/**
 * The baseline for `GET /api/v1/debtors/{id}`: a hapi server with one route and nothing else (no
 * auth, no validation, no ORM, no request log), sending the statements Kredo's route sends, on the
 * same pool. Traced from the server's statement log: MikroORM runs each of the two reads in a
 * transaction of its own (begin, tenant setting, `set local role`, select, commit), so ten round
 * trips. Copying that, not an idealised single transaction, keeps the ratio a measure of what the
 * framework adds around the same database work. Values go as parameters where MikroORM inlines them.
 */
export async function startBareServer(pool: Pool, tenantId: string): Promise<Hapi.Server> {
  const server = Hapi.server({ port: 0, host: '127.0.0.1' });
  server.route({
    method: 'GET',
    path: '/api/v1/debtors/{id}',
    handler: async (request, h) => {
      const id = request.params.id as string;
      const [debtor] = await scoped(pool, tenantId, (client) =>
        client.query('select d0.* from debtor as d0 where d0.id = $1 limit 1', [id]),
      );
      if (!debtor) return h.response({ error: 'not found' }).code(404);
      const open = await scoped(pool, tenantId, (client) =>
        client.query(
          `select i0.* from invoice as i0 where i0.debtor_id = $1 and i0.status = 'open'
           order by i0.due_date asc, i0.id asc`,
          [id],
        ),
      );
      const balance: Record<string, number> = {};
      for (const invoice of open) {
        const currency = invoice.currency as string;
        balance[currency] = (balance[currency] ?? 0) + Number(invoice.open_amount);
      }
      return { ...debtor, balance, openInvoices: open };
    },
  });
  await server.start();
  return server;
}

/** One read in its own transaction under the tenant's row-level security, as MikroORM runs it. */
async function scoped(
  pool: Pool,
  tenantId: string,
  read: (client: PoolClient) => Promise<{ rows: Record<string, string>[] }>,
): Promise<Record<string, string>[]> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('select set_config($1, $2, true)', [TENANT_SETTING, tenantId]);
    await client.query(`set local role ${APP_ROLE}`);
    const { rows } = await read(client);
    await client.query('commit');
    return rows;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
