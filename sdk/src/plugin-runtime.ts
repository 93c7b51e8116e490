/**
 * The part of `@kredo/sdk` that `kredo-plugin build` bundles into a plugin: the define helpers,
 * `ok`/`fail`, the catalogues as data and `currencyDecimals`. Only modules without Node APIs or
 * dependencies belong here (no `validateManifest`, which needs semver); the build's import allowlist
 * enforces that.
 */

export { adaptContext, type SandboxContext } from './adapt-context.ts';
export { CAPABILITIES, CAPABILITY_NAMES } from './capabilities.ts';
export {
  defineCollection,
  defineCreditBureau,
  defineCreditInsurance,
  defineHook,
  defineInvoiceCopy,
  defineMessageChannel,
  definePayLink,
  definePlugin,
} from './define.ts';
export { HOOK_NAMES, HOOKS } from './hooks.ts';
export { currencyDecimals } from './money.ts';
export { fail, ok } from './result.ts';
export { SCOPE_NAMES, SCOPES } from './scopes.ts';
