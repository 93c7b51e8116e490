import { hkdfSync } from 'node:crypto';
import { putApiClient, type Queryable } from '@kredo/identity';
import { SCOPES } from '../auth/principal.ts';
import { DEMO_TENANT_ID } from './seed-demo.ts';

export interface DemoErpClient {
  clientId: string;
  clientSecret: string;
  scopes: string[];
}

export const DEMO_ERP_CLIENT_ID = 'cli_demo_erp';

/**
 * What the demo's commands need: the ledger and imports as an ERP integration writes them, and
 * dunning, which the demo sets up through the API with this client's token and its banner shows.
 */
export const DEMO_ERP_SCOPES = [
  SCOPES.ledgerRead,
  SCOPES.ledgerWrite,
  SCOPES.importWrite,
  SCOPES.dunningRead,
  SCOPES.dunningWrite,
  SCOPES.dunningManage,
  // The demo shop's backend mints its visitors' portal sessions with this client too.
  SCOPES.portalSessions,
];

/**
 * The demo ERP client's id, secret and scopes. The secret is derived from this installation's
 * secrets key, so it is the same on every start here (and for `kredo token`) and known nowhere else.
 */
export function demoErpClient(secretsKey: Buffer): DemoErpClient {
  const clientSecret = Buffer.from(
    hkdfSync('sha256', secretsKey, Buffer.alloc(0), 'kredo demo erp client secret v1', 32),
  ).toString('base64url');
  return { clientId: DEMO_ERP_CLIENT_ID, clientSecret, scopes: DEMO_ERP_SCOPES };
}

/**
 * The demo tenant's ERP integration: an API client with client credentials, put back as it was on
 * every demo start (un-revoked, its scopes as above), so the banner can print its secret each time.
 */
export async function seedDemoErpClient(db: Queryable, secretsKey: Buffer): Promise<DemoErpClient> {
  const erp = demoErpClient(secretsKey);
  await putApiClient(db, {
    clientId: erp.clientId,
    clientSecret: erp.clientSecret,
    tenantId: DEMO_TENANT_ID,
    name: 'Demo ERP',
    scopes: erp.scopes,
  });
  return erp;
}
