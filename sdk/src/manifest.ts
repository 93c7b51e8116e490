import semver from 'semver';
import { CAPABILITY_NAMES, type CapabilityName } from './capabilities.ts';
import { HOOK_NAMES, HOOKS, type HookKind, type HookName, isHookName } from './hooks.ts';
import { checkHttpOrigin } from './http-origin.ts';
import {
  at,
  checkArray,
  checkBoolean,
  checkObject,
  checkOneOf,
  checkRequired,
  checkString,
  type Errors,
  type ManifestError,
  stringField,
} from './manifest-checks.ts';
import { SCOPE_NAMES, type Scope } from './scopes.ts';

/** What a plugin declares about itself; the marketplace checks it before accepting a version. */
export interface PluginManifest {
  /** Reverse-DNS-ish, lower case, at least two dot-separated parts: `com.mollie.paylink`. */
  id: string;
  name: string;
  /** Semantic version of this plugin version: `1.4.0`. */
  version: string;
  publisher: { id: string; name: string; url?: string };
  /** `core`: the semver range of Kredo core versions this plugin runs on: `^0.1.0`. */
  requirements: { core: string };
  capabilities?: CapabilityName[];
  hooks?: ManifestHook[];
  scopes?: Scope[];
  /** Origins `ctx.http.fetch` may reach: `https://api.mollie.com`. */
  http?: { origins: string[] };
  config?: ConfigField[];
  webhooks?: { name: string }[];
}

export interface ManifestHook {
  name: HookName;
  kind: HookKind;
  /** Integer from -1000 to 1000, default 0; lower runs first, ties in install order. */
  priority?: number;
}

export interface ConfigField {
  /** Letters and digits, starting with a letter; a secret is referred to as `{{secrets.<key>}}`. */
  key: string;
  type: 'string' | 'number' | 'boolean' | 'select';
  label: string;
  required?: boolean;
  /** Only for `string` fields; stored encrypted, never shown again, never in `ctx.config`. */
  secret?: boolean;
  /** Required for, and only for, `select` fields. */
  options?: { value: string; label: string }[];
}

export type ManifestValidation =
  | { ok: true; manifest: PluginManifest }
  | { ok: false; errors: ManifestError[] };

export const MANIFEST_FIELDS = [
  'id',
  'name',
  'version',
  'publisher',
  'requirements',
  'capabilities',
  'hooks',
  'scopes',
  'http',
  'config',
  'webhooks',
] as const;

const PLUGIN_ID = /^[a-z][a-z0-9-]*(?:\.[a-z0-9][a-z0-9-]*)+$/;
const PUBLISHER_ID = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;
const CONFIG_KEY = /^[a-zA-Z][a-zA-Z0-9]*$/;
const WEBHOOK_NAME = /^[a-z0-9-]+$/;
const CONFIG_TYPES = ['string', 'number', 'boolean', 'select'] as const;
const HOOK_KINDS = ['filter', 'event'] as const;

/** Checks every field and returns all the problems at once, each at its path; the manifest back as a copy. */
export function validateManifest(input: unknown): ManifestValidation {
  const errors: Errors = [];
  const fields = checkObject(input, '', MANIFEST_FIELDS, errors);
  if (!fields) return { ok: false, errors };

  for (const key of ['id', 'name', 'version', 'publisher', 'requirements'] as const) {
    checkRequired(fields, key, '', errors);
  }
  if (fields.id !== undefined) {
    checkString(fields.id, 'id', errors, {
      pattern: PLUGIN_ID,
      describe: 'reverse-DNS-ish and lower case, such as com.mollie.paylink',
      max: 100,
    });
  }
  if (fields.name !== undefined) checkString(fields.name, 'name', errors, { max: 100 });
  if (fields.version !== undefined) checkVersion(fields.version, errors);
  if (fields.publisher !== undefined) checkPublisher(fields.publisher, errors);
  if (fields.requirements !== undefined) checkRequirements(fields.requirements, errors);
  if (fields.capabilities !== undefined) {
    checkArray(
      fields.capabilities,
      'capabilities',
      errors,
      (item, path) => checkOneOf(item, path, CAPABILITY_NAMES, errors, 'capability'),
      { key: (item) => item },
    );
  }
  if (fields.hooks !== undefined) checkHooks(fields.hooks, errors);
  if (fields.scopes !== undefined) {
    checkArray(
      fields.scopes,
      'scopes',
      errors,
      (item, path) => checkOneOf(item, path, SCOPE_NAMES, errors, 'scope'),
      {
        key: (item) => item,
      },
    );
  }
  if (fields.http !== undefined) checkHttp(fields.http, errors);
  if (fields.config !== undefined) checkConfig(fields.config, errors);
  if (fields.webhooks !== undefined) checkWebhooks(fields.webhooks, errors);
  if (errors.length === 0) checkHookScopes(fields, errors);

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, manifest: structuredClone(fields) as unknown as PluginManifest };
}

/** Whether this core version is in the manifest's `requirements.core` range; pre-releases of core count. */
export function satisfiesCore(manifest: Pick<PluginManifest, 'requirements'>, coreVersion: string): boolean {
  if (semver.valid(coreVersion) === null)
    throw new TypeError(`satisfiesCore: ${coreVersion} is not a semver version`);
  return semver.satisfies(coreVersion, manifest.requirements.core, { includePrerelease: true });
}

function checkVersion(value: unknown, errors: Errors): void {
  if (typeof value !== 'string' || semver.valid(value) !== value) {
    errors.push({ path: 'version', message: 'must be a semantic version such as 1.0.0 (no leading v)' });
  }
}

function checkPublisher(value: unknown, errors: Errors): void {
  const publisher = checkObject(value, 'publisher', ['id', 'name', 'url'], errors);
  if (!publisher) return;
  if (checkRequired(publisher, 'id', 'publisher', errors)) {
    checkString(publisher.id, 'publisher.id', errors, {
      pattern: PUBLISHER_ID,
      describe: 'lower-case letters and digits, separated by single dots or hyphens',
      max: 64,
    });
  }
  if (checkRequired(publisher, 'name', 'publisher', errors))
    checkString(publisher.name, 'publisher.name', errors);
  if (publisher.url !== undefined && checkString(publisher.url, 'publisher.url', errors, { max: 2000 })) {
    if (!URL.canParse(publisher.url) || new URL(publisher.url).protocol !== 'https:') {
      errors.push({ path: 'publisher.url', message: 'must be an https URL' });
    }
  }
}

function checkRequirements(value: unknown, errors: Errors): void {
  const requirements = checkObject(value, 'requirements', ['core'], errors);
  if (!requirements || !checkRequired(requirements, 'core', 'requirements', errors)) return;
  const range = requirements.core;
  if (typeof range !== 'string' || range.trim() === '' || semver.validRange(range) === null) {
    errors.push({ path: 'requirements.core', message: 'must be a semver range such as ^0.1.0' });
  }
}

function checkHooks(value: unknown, errors: Errors): void {
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
function checkHookScopes(fields: Record<string, unknown>, errors: Errors): void {
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

function checkHttp(value: unknown, errors: Errors): void {
  const http = checkObject(value, 'http', ['origins'], errors);
  if (!http || !checkRequired(http, 'origins', 'http', errors)) return;
  const each = (item: unknown, path: string) => {
    if (!checkString(item, path, errors, { max: 300 })) return;
    const problem = checkHttpOrigin(item);
    if (problem) errors.push({ path, message: problem });
  };
  checkArray(http.origins, 'http.origins', errors, each, { key: (item) => item });
}

function checkConfig(value: unknown, errors: Errors): void {
  const each = (item: unknown, path: string) => {
    const field = checkObject(item, path, ['key', 'type', 'label', 'required', 'secret', 'options'], errors);
    if (!field) return;
    if (checkRequired(field, 'key', path, errors)) {
      checkString(field.key, at(path, 'key'), errors, {
        pattern: CONFIG_KEY,
        describe: 'letters and digits, starting with a letter',
        max: 64,
      });
    }
    const typeOk =
      checkRequired(field, 'type', path, errors) &&
      checkOneOf(field.type, at(path, 'type'), CONFIG_TYPES, errors, 'config type');
    if (checkRequired(field, 'label', path, errors)) checkString(field.label, at(path, 'label'), errors);
    checkBoolean(field.required, at(path, 'required'), errors);
    checkBoolean(field.secret, at(path, 'secret'), errors);
    if (typeOk && field.secret === true && field.type !== 'string') {
      errors.push({ path: at(path, 'secret'), message: 'is only allowed on string fields' });
    }
    if (typeOk && field.type === 'select') {
      if (checkRequired(field, 'options', path, errors))
        checkOptions(field.options, at(path, 'options'), errors);
    } else if (typeOk && field.options !== undefined) {
      errors.push({ path: at(path, 'options'), message: 'is only allowed on select fields' });
    }
  };
  checkArray(value, 'config', errors, each, { key: stringField('key'), path: (path) => at(path, 'key') });
}

function checkOptions(value: unknown, path: string, errors: Errors): void {
  if (Array.isArray(value) && value.length === 0) {
    errors.push({ path, message: 'must list at least one option' });
    return;
  }
  const each = (item: unknown, itemPath: string) => {
    const option = checkObject(item, itemPath, ['value', 'label'], errors);
    if (!option) return;
    if (checkRequired(option, 'value', itemPath, errors))
      checkString(option.value, at(itemPath, 'value'), errors);
    if (checkRequired(option, 'label', itemPath, errors))
      checkString(option.label, at(itemPath, 'label'), errors);
  };
  checkArray(value, path, errors, each, {
    key: stringField('value'),
    path: (itemPath) => at(itemPath, 'value'),
  });
}

function checkWebhooks(value: unknown, errors: Errors): void {
  const each = (item: unknown, path: string) => {
    const webhook = checkObject(item, path, ['name'], errors);
    if (webhook && checkRequired(webhook, 'name', path, errors)) {
      checkString(webhook.name, at(path, 'name'), errors, {
        pattern: WEBHOOK_NAME,
        describe: 'lower-case letters, digits and hyphens',
        max: 64,
      });
    }
  };
  checkArray(value, 'webhooks', errors, each, { key: stringField('name'), path: (path) => at(path, 'name') });
}
