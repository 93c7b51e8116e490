import type { CapabilityMap, CapabilityName } from '@kredo/sdk';
import { capabilityEntry } from '@kredo/sdk/host';
import type { Orm } from '../db/orm.ts';
import { readAsTenant } from '../db/tenant-scope.ts';
import type { Failures } from '../http/answer-schemas.ts';
import { type CapabilityInstallation, capabilityInstallation } from '../marketplace/index.ts';
import {
  type PluginAnswer,
  type PluginRuntime,
  pluginAnswer,
  runFailureStatus,
} from '../plugin-runtime/index.ts';
import { DomainError } from '../shared/errors.ts';
import type { Schema } from '../shared/joi.ts';
import { plainText } from '../shared/plain-text.ts';

export interface CapabilityDeps {
  orm: Orm;
  runtime: PluginRuntime;
}

/** What calling a capability plugin adds to a route's answers (`failures(…)` in its `response.status`). */
export const capabilityFailures: Failures = {
  403: 'The plugin was not granted a scope core needs for this (`plugin_scope_denied`)',
  404: 'No such installation (`installation_not_found`)',
  409: 'No enabled plugin provides the capability (`capability_not_installed`)',
  502: 'The plugin failed (`plugin_failed`, its own code in `details.pluginCode`) or answered outside its contract (`plugin_bad_answer`)',
  503: 'The call could not run now (every plugin host busy, or its process lost): retry after `Retry-After` seconds (`plugin_unavailable`)',
  504: 'The plugin did not answer in time (`plugin_timeout`)',
};

export interface CapabilityAnswer<T> {
  installation: CapabilityInstallation;
  value: T;
}

/**
 * Calls one operation of a capability plugin and checks its answer, which core never trusts:
 * 1. the installation: the one asked for, or the tenant's first that provides the capability;
 * 2. the call, through the runtime (sandbox limits, breaches recorded on the installation);
 * 3. the plugin's `Result` (plugin-answer.ts): a `fail(…)` becomes `plugin_failed` with the plugin's own code;
 * 4. the value against the capability's contract (`schema`), or `plugin_bad_answer`.
 * Failures name the installation, so the tenant can act: 502, 504 for a plugin out of time, 503 with
 * Retry-After when the call could not run now (`capabilityFailure`).
 */
export async function callCapability<C extends CapabilityName, T>(
  deps: CapabilityDeps,
  tenantId: string,
  call: {
    capability: C;
    operation: keyof CapabilityMap[C] & string;
    input: unknown;
    installationId?: string;
  },
  schema: Schema<T>,
): Promise<CapabilityAnswer<T>> {
  const installation = await readAsTenant(deps.orm, tenantId, (em) =>
    capabilityInstallation(em, call.capability, call.installationId),
  );
  const entry = capabilityEntry(call.capability, call.operation as never);
  const answer = pluginAnswer(await deps.runtime.invoke(tenantId, installation.id, entry, call.input));
  const where = { installationId: installation.id, plugin: installation.plugin };
  if (!answer.ok)
    throw capabilityFailure(answer, `${installation.plugin} could not ${call.operation}`, where);
  // A capability's contract is a `Result`: a bare value is outside it, whatever it holds.
  const { error, value } = schema.validate(answer.bare ? undefined : answer.value, {
    abortEarly: true,
    stripUnknown: true,
  });
  if (error) {
    throw new DomainError(
      'plugin_bad_answer',
      502,
      `${installation.plugin} answered ${call.operation} outside its contract: ${error.message}`,
      where,
    );
  }
  return { installation, value: value as T };
}

/**
 * The installation that answers for `capability` (the one asked for, or the tenant's first), refused
 * unless the tenant granted it every scope in `scopes`: checked before anything is sent to the plugin.
 */
export async function grantedInstallation(
  deps: CapabilityDeps,
  tenantId: string,
  capability: CapabilityName,
  installationId: string | undefined,
  scopes: readonly string[],
): Promise<CapabilityInstallation> {
  const installation = await readAsTenant(deps.orm, tenantId, (em) =>
    capabilityInstallation(em, capability, installationId),
  );
  for (const scope of scopes) requireGrant(installation, scope);
  return installation;
}

/** Core writes what a plugin brought back only with the scope the tenant granted for it. */
export function requireGrant(installation: CapabilityInstallation, scope: string): void {
  if (!installation.grantedScopes.includes(scope)) {
    throw new DomainError(
      'plugin_scope_denied',
      403,
      `${installation.plugin} was not granted ${scope}, so core will not store its answer`,
      { installationId: installation.id, scope },
    );
  }
}

/**
 * A failed capability call as the tenant's HTTP caller sees it, by the runtime's status
 * (`runFailureStatus`): out of time is `504 plugin_timeout`; could not run now (every plugin host
 * busy, its process lost) is `503 plugin_unavailable` with Retry-After; anything else, and a
 * plugin's own `fail(…)`, is `502 plugin_failed`. The plugin's code is `details.pluginCode`.
 */
function capabilityFailure(
  answer: Extract<PluginAnswer, { ok: false }>,
  what: string,
  where: Record<string, unknown>,
): DomainError {
  const { code, message, retryable } = answer.error;
  const details = { ...where, pluginCode: plainText(code), retryable };
  const reason = `${what}: ${plainText(message)}`;
  const status = answer.source === 'runtime' ? runFailureStatus(answer.error) : 502;
  if (status === 504) return new DomainError('plugin_timeout', 504, reason, details);
  if (status === 503)
    return new DomainError('plugin_unavailable', 503, reason, { ...details, retryAfter: 1 });
  return new DomainError('plugin_failed', 502, reason, details);
}
