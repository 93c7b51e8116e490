import semver from 'semver';
import { CAPABILITY_NAMES, type CapabilityName } from './capabilities.ts';
import type { HookKind, HookName } from './hooks.ts';
import { checkHttpOrigin } from './http-origin.ts';
import {
  at,
  checkArray,
  checkObject,
  checkOneOf,
  checkRequired,
  checkString,
  type Errors,
  type ManifestError,
  stringField,
} from './manifest-checks.ts';
import { checkConfig } from './manifest-config.ts';
import { checkHookScopes, checkHooks } from './manifest-hooks.ts';
import { checkLimits } from './manifest-limits.ts';
import { SCOPE_NAMES, type Scope } from './scopes.ts';

/** What a plugin declares about itself; the marketplace checks it before accepting a version. */
export interface PluginManifest {
  /** The publisher's id, a dot and a name of the publisher's choosing: `com.mollie.paylink`. */
  id: string;
  name: string;
  /** Semantic version of this plugin version: `1.4.0`. */
  version: string;
  /**
   * `id` is the publisher's reverse-DNS namespace (`com.mollie`): the marketplace accepts the
   * version only from the publisher of that id, and only plugin ids inside it.
   */
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
  /**
   * Required for, and only for, secrets: the origins of `http.origins` the host may send this
   * secret to. A request to any other origin carrying its placeholder is refused.
   */
  origins?: string[];
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

/** A domain the publisher owns, reversed: `com.mollie`. The marketplace's publisher ids follow it too. */
export const PUBLISHER_ID = /^[a-z][a-z0-9-]*(?:\.[a-z0-9][a-z0-9-]*)+$/;
/** The same shape, and inside the publisher's namespace (`checkNamespace`): `com.mollie.paylink`. */
const PLUGIN_ID = PUBLISHER_ID;
const WEBHOOK_NAME = /^[a-z0-9-]+$/;

/** Checks every field and returns all the problems at once, each at its path; the manifest back as a copy. */
export function validateManifest(input: unknown): ManifestValidation {
  const errors: Errors = [];
  const fields = checkObject(input, '', MANIFEST_FIELDS, errors);
  if (!fields) return { ok: false, errors };
  // Size first: an oversized manifest is refused for its size before any of its lists is walked.
  const tooLarge = checkLimits(fields);
  if (tooLarge.length > 0) return { ok: false, errors: [...errors, ...tooLarge] };

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
  if (fields.config !== undefined) checkConfig(fields.config, declaredOrigins(fields), errors);
  if (fields.webhooks !== undefined) checkWebhooks(fields.webhooks, errors);
  checkNamespace(fields, errors);
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
      describe: 'a domain you own, reversed and lower case, such as com.mollie',
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

/**
 * A plugin id belongs to its publisher: it is the publisher's id, a dot and at least one more part.
 * The marketplace accepts a version only from the publisher `publisher.id` names.
 */
function checkNamespace(fields: Record<string, unknown>, errors: Errors): void {
  const publisherId = (fields.publisher as { id?: unknown } | undefined)?.id;
  const failed = (path: string) => errors.some((error) => error.path === path);
  if (typeof fields.id !== 'string' || typeof publisherId !== 'string') return;
  if (failed('id') || failed('publisher.id') || fields.id.startsWith(`${publisherId}.`)) return;
  errors.push({
    path: 'id',
    message: `must start with the publisher id and a dot (${publisherId}.…): a plugin id belongs to its publisher`,
  });
}

/** The strings `http.origins` declares, valid or not: what a secret's `origins` may name. */
function declaredOrigins(fields: Record<string, unknown>): string[] {
  const origins = (fields.http as { origins?: unknown } | undefined)?.origins;
  return Array.isArray(origins)
    ? origins.filter((origin): origin is string => typeof origin === 'string')
    : [];
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
