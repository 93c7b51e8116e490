import Hapi from '@hapi/hapi';
import type { Pool, PoolClient } from 'pg';
import { scopeTransaction } from '../db/tenant-scope.ts';

/**
 * The baseline for `GET /api/v1/debtors/{id}`: a hapi server with one route and nothing else (no
 * auth, no validation, no ORM, no request log), sending the statements Kredo's route sends, on the
 * same pool. Traced from the server's statement log: Kredo reads the debtor and its open invoices in
 * one read-only transaction (start, tenant and role in one `set_config` select, two selects,
 * commit), so five round trips; copying that keeps the ratio a measure of what the framework adds
 * around the same database work. Values go as parameters where MikroORM inlines them.
 */
export async function startBareServer(pool: Pool, tenantId: string): Promise<Hapi.Server> {
  const server = Hapi.server({ port: 0, host: '127.0.0.1' });
  server.route({
    method: 'GET',
    path: '/api/v1/debtors/{id}',
    handler: async (request, h) => {
      const id = request.params.id as string;
      const found = await readOnlyAsTenant(pool, tenantId, async (client) => {
        const [debtor] = (await client.query('select * from debtor where id = $1', [id])).rows;
        if (!debtor) return undefined;
        const { rows: open } = await client.query(
          `select * from invoice where debtor_id = $1 and status = 'open' order by due_date, id`,
          [id],
        );
        return { debtor, open };
      });
      if (!found) return h.response({ error: 'not found' }).code(404);
      const balance: Record<string, number> = {};
      for (const invoice of found.open) {
        const currency = invoice.currency as string;
        balance[currency] = (balance[currency] ?? 0) + Number(invoice.open_amount);
      }
      return { ...found.debtor, balance, openInvoices: found.open };
    },
  });
  await server.start();
  return server;
}

/** Reads in one read-only transaction under the tenant's row-level security, as Kredo runs them. */
async function readOnlyAsTenant<T>(
  pool: Pool,
  tenantId: string,
  read: (client: PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('start transaction read only');
    await scopeTransaction(client, tenantId);
    const result = await read(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
