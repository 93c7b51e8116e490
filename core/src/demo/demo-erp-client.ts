import { hkdfSync } from 'node:crypto';
import { putApiClient, type Queryable } from '@kredo/identity';
import { SCOPES } from '../auth/principal.ts';
import { DEMO_TENANT_ID } from './seed-demo.ts';

export interface DemoErpClient {
  clientId: string;
  clientSecret: string;
  scopes: string[];
}

const DEMO_ERP_CLIENT_ID = 'cli_demo_erp';
const DEMO_ERP_SCOPES = [SCOPES.ledgerRead, SCOPES.ledgerWrite, SCOPES.importWrite];

/**
 * The demo tenant's ERP integration: an API client with client credentials, put back as it was on
 * every demo start (un-revoked), so the banner can print its secret each time. The secret is derived
 * from this installation's secrets key, so it is the same on every start here and known nowhere else.
 */
export async function seedDemoErpClient(db: Queryable, secretsKey: Buffer): Promise<DemoErpClient> {
  const clientSecret = Buffer.from(
    hkdfSync('sha256', secretsKey, Buffer.alloc(0), 'kredo demo erp client secret v1', 32),
  ).toString('base64url');
  await putApiClient(db, {
    clientId: DEMO_ERP_CLIENT_ID,
    clientSecret,
    tenantId: DEMO_TENANT_ID,
    name: 'Demo ERP',
    scopes: DEMO_ERP_SCOPES,
  });
  return { clientId: DEMO_ERP_CLIENT_ID, clientSecret, scopes: DEMO_ERP_SCOPES };
}
