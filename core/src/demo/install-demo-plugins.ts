import type { EntityManager } from '@mikro-orm/postgresql';
import type { Orm } from '../db/orm.ts';
import { tenantEm } from '../db/tenant-scope.ts';
import {
  changeInstallation,
  install,
  listInstallations,
  listVersions,
  type SecretBox,
  type TenantPlugins,
} from '../marketplace/index.ts';
import { DEMO_PROVIDER_CREDENTIALS } from './demo-fakes.ts';
import { DEMO_TENANT_ID } from './seed-demo.ts';

/** The reference plugins the demo tenant runs, with the settings the demo's fakes accept. */
const DEMO_INSTALLATIONS = [
  {
    pluginId: 'dev.kredo.mollie-pay-link',
    // Mollie wants somewhere to send the debtor after paying; the fake's checkout only names it.
    config: { redirectUrl: 'https://example.com/kredo-demo/thank-you' },
    secrets: { ...DEMO_PROVIDER_CREDENTIALS.mollie },
  },
  {
    pluginId: 'dev.kredo.creditsafe-connect',
    config: { username: DEMO_PROVIDER_CREDENTIALS.creditsafe.username },
    secrets: { password: DEMO_PROVIDER_CREDENTIALS.creditsafe.password },
  },
] as const;

export interface DemoInstallation {
  pluginId: string;
  installationId: string;
  enabled: boolean;
  /** False when the demo tenant had it installed already (an earlier demo run): left as it is. */
  installed: boolean;
}

/**
 * Installs the reference plugins for the demo tenant as its admin would: the newest published
 * version, granted exactly the scopes it asks for, configured with the fakes' test credentials, then
 * enabled. An installation the tenant already has is left alone; a plugin not in the catalogue (not
 * built) is skipped with a hint.
 */
export async function installDemoPlugins(
  orm: Orm,
  box: SecretBox,
  options: { onProgress?: (message: string) => void } = {},
): Promise<DemoInstallation[]> {
  const tenant: TenantPlugins = { em: tenantEm(orm, DEMO_TENANT_ID), tenantId: DEMO_TENANT_ID, box };
  const existing = await listInstallations(tenant);
  const done: DemoInstallation[] = [];
  for (const wanted of DEMO_INSTALLATIONS) {
    const current = existing.find((installation) => installation.pluginId === wanted.pluginId);
    if (current) {
      done.push({ ...wanted, installationId: current.id, enabled: current.enabled, installed: false });
      continue;
    }
    const versions = await listVersions(orm.em.fork() as EntityManager, wanted.pluginId).catch(() => []);
    const newest = versions[0];
    if (newest === undefined) {
      options.onProgress?.(`  ${wanted.pluginId}: not in the catalogue, not installed`);
      continue;
    }
    const installation = await install(tenant, {
      pluginId: wanted.pluginId,
      version: newest.version,
      grantedScopes: newest.scopes,
      config: { ...wanted.config },
      secrets: { ...wanted.secrets },
    });
    const enabled = await changeInstallation(tenant, installation.id, { enabled: true });
    done.push({
      pluginId: wanted.pluginId,
      installationId: enabled.id,
      enabled: enabled.enabled,
      installed: true,
    });
  }
  const fresh = done.filter((installation) => installation.installed).map((i) => i.pluginId);
  if (fresh.length > 0) options.onProgress?.(`  Demo tenant: installed and enabled ${fresh.join(', ')}`);
  return done;
}
