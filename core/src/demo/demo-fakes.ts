// The demo's stand-ins for the reference plugins' providers, from plugins/*/fake (this checkout's
// plugins: the demo runs only in the repository, as `kredo start --demo` does).
import { startCreditsafeFake } from '../../../plugins/creditsafe-bureau/fake/index.ts';
import { startMollieFake } from '../../../plugins/mollie-pay-link/fake/index.ts';
import { demoCompanies } from './demo-companies.ts';

/**
 * Test credentials the fakes accept and the demo configures the reference plugins with. Not secrets:
 * they open nothing but a fake on this machine.
 */
export const DEMO_PROVIDER_CREDENTIALS = {
  mollie: { apiKey: 'test_kredoDemoFakeMollieKey00000' },
  creditsafe: { username: 'demo@kredo.dev', password: 'kredo-demo-fake' },
} as const;

export interface DemoFakes {
  /** The manifest origins the fakes answer for: KREDO_PLUGIN_ORIGIN_ROUTES. */
  routes: Record<string, string>;
  mollieOrigin: string;
  creditsafeOrigin: string;
  close(): Promise<void>;
}

/**
 * Mollie's Payments API with its checkout served locally (a pay link opens a page with a Pay button),
 * and Creditsafe Connect knowing every business debtor of the demo ledger; each on a free loopback port.
 */
export async function startDemoFakes(): Promise<DemoFakes> {
  const mollie = await startMollieFake({ ...DEMO_PROVIDER_CREDENTIALS.mollie, localCheckout: true });
  const creditsafe = await startCreditsafeFake({
    ...DEMO_PROVIDER_CREDENTIALS.creditsafe,
    companies: demoCompanies(),
  }).catch(async (error: unknown) => {
    await mollie.close();
    throw error;
  });
  return {
    routes: {
      'https://api.mollie.com': mollie.origin,
      'https://connect.creditsafe.com': creditsafe.origin,
    },
    mollieOrigin: mollie.origin,
    creditsafeOrigin: creditsafe.origin,
    async close() {
      await Promise.all([mollie.close(), creditsafe.close()]);
    },
  };
}
