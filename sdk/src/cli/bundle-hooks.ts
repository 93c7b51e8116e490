import vm from 'node:vm';
import { CliError } from './cli-error.ts';

/**
 * Loads a bundle in a bare `node:vm` context and lists the hooks it assigns to `globalThis.__kredo`.
 * A static check of the bundle's shape, not the sandbox: node:vm is no security boundary and applies
 * none of the production limits; it only proves the script loads and names its hooks.
 */
export function bundleHookNames(code: string, file: string): string[] {
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
  return Object.keys(hooks).filter((name) => typeof (hooks as Record<string, unknown>)[name] === 'function');
}

// The error comes from another realm, so it is no `instanceof Error` here.
function describe(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}
