import { HOOK_NAMES, HOOKS, type HookName, isHookName } from './hooks.ts';
import {
  at,
  checkArray,
  checkObject,
  checkOneOf,
  checkRequired,
  type Errors,
  stringField,
} from './manifest-checks.ts';

const HOOK_KINDS = ['filter', 'event'] as const;

/** The manifest's `hooks`: each a known hook, of its own kind, at most once, with a bounded priority. */
export function checkHooks(value: unknown, errors: Errors): void {
  const each = (item: unknown, path: string) => {
    const hook = checkObject(item, path, ['name', 'kind', 'priority'], errors);
    if (!hook) return;
    const nameOk =
      checkRequired(hook, 'name', path, errors) &&
      checkOneOf(hook.name, at(path, 'name'), HOOK_NAMES, errors, 'hook');
    if (
      checkRequired(hook, 'kind', path, errors) &&
      checkOneOf(hook.kind, at(path, 'kind'), HOOK_KINDS, errors, 'hook kind')
    ) {
      if (nameOk && isHookName(hook.name as string) && HOOKS[hook.name as HookName].kind !== hook.kind) {
        const expected = HOOKS[hook.name as HookName].kind;
        errors.push({
          path: at(path, 'kind'),
          message: `must be ${expected}: ${hook.name} is ${expected === 'event' ? 'an' : 'a'} ${expected} hook`,
        });
      }
    }
    const priority = hook.priority;
    if (priority !== undefined && (!Number.isInteger(priority) || Math.abs(priority as number) > 1000)) {
      errors.push({ path: at(path, 'priority'), message: 'must be an integer from -1000 to 1000' });
    }
  };
  checkArray(value, 'hooks', errors, each, { key: stringField('name'), path: (path) => at(path, 'name') });
}

/** A hook shows the plugin records (a payment, an invoice): the manifest must ask for the scopes to read them. */
export function checkHookScopes(fields: Record<string, unknown>, errors: Errors): void {
  const asked = new Set((fields.scopes as string[] | undefined) ?? []);
  ((fields.hooks as { name: HookName }[] | undefined) ?? []).forEach((hook, index) => {
    const missing = HOOKS[hook.name].scopes.filter((scope) => !asked.has(scope));
    if (missing.length > 0) {
      errors.push({
        path: `hooks[${index}].name`,
        message: `${hook.name} hands the plugin what ${missing.join(' and ')} covers: add ${missing
          .map((scope) => `"${scope}"`)
          .join(' and ')} to scopes`,
      });
    }
  });
}
