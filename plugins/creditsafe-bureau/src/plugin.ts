import { defineCreditBureau, definePlugin, type PluginManifest } from '@kredo/sdk';
import manifest from '../manifest.json' with { type: 'json' };
import { getReport } from './get-report.ts';
import { searchCompany } from './search-company.ts';

/** Company search and credit reports from Creditsafe Connect (https://connect.creditsafe.com/v1). */
export default definePlugin({
  manifest: manifest as PluginManifest,
  capabilities: {
    creditBureau: defineCreditBureau({ searchCompany, getReport }),
  },
});
