import vm from 'node:vm';
import { CliError } from './cli-error.ts';

/** What a plugin bundle assigns to `globalThis.__kredo`, as `kredo-plugin build` writes it. */
export interface BundleExports {
  /** The hooks it implements. */
  hooks: string[];
  /** A JSON copy of the manifest `definePlugin({ manifest })` was given; undefined when it carries none. */
  manifest: unknown;
}

/**
 * Loads a bundle in a bare `node:vm` context and reads what it assigns to `globalThis.__kredo`.
 * A static check of the bundle's shape, not the sandbox: node:vm is no security boundary and applies
 * none of the production limits; it only proves the script loads and names its hooks and manifest.
 */
export function bundleExports(code: string, file: string): BundleExports {
  const context = vm.createContext({});
  try {
    vm.runInContext(code, context, { filename: file, timeout: 1000 });
  } catch (error) {
    throw new CliError(`${file} fails to load: ${describe(error)}`);
  }
  const exported: unknown = context.__kredo;
  const hooks =
    typeof exported === 'object' && exported !== null ? (exported as { hooks?: unknown }).hooks : undefined;
  if (typeof hooks !== 'object' || hooks === null) {
    throw new CliError(`${file} is not a plugin bundle: it does not set globalThis.__kredo = { hooks }`);
  }
  return {
    hooks: Object.keys(hooks).filter(
      (name) => typeof (hooks as Record<string, unknown>)[name] === 'function',
    ),
    manifest: manifestCopy(context, file),
  };
}

/** The manifest as JSON made inside the bundle's own realm, parsed here: plain data, no getters. */
function manifestCopy(context: vm.Context, file: string): unknown {
  let json: unknown;
  try {
    json = vm.runInContext('JSON.stringify(globalThis.__kredo.manifest)', context, { timeout: 1000 });
  } catch (error) {
    throw new CliError(`${file}: its manifest is not JSON: ${describe(error)}`);
  }
  return typeof json === 'string' ? JSON.parse(json) : undefined;
}

// The error comes from another realm, so it is no `instanceof Error` here.
function describe(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}
