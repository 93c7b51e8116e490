export {
  type CapabilityInstallation,
  capabilityInstallation,
  findCapabilityInstallation,
  providesCapability,
} from './capability-installations.ts';
export { CORE_VERSION } from './core-version.ts';
export { describeGrant, type GrantParts, type PluginGrant } from './installation-grant.ts';
export { installationRoutes } from './installation-routes.ts';
export {
  installationsForHook,
  type RunFailure,
  type RunnableInstallation,
  readRunnable,
  recordRun,
} from './installation-runs.ts';
export {
  changeInstallation,
  getInstallation,
  install,
  listInstallations,
  type TenantPlugins,
  uninstall,
} from './installation-service.ts';
export { installationTenant } from './installation-tenant.ts';
export { upgradeInstallation } from './installation-upgrade.ts';
export { marketplaceModule } from './marketplace-module.ts';
export { marketplaceRoutes } from './marketplace-routes.ts';
export { listCatalogue, listVersions, publishVersion, readBundle, readVersion } from './plugin-versions.ts';
export { registerKey } from './publisher-keys.ts';
export { SecretBox } from './secret-box.ts';
export { secretsKey } from './secrets-key.ts';
export { signVersion } from './sign-version.ts';
