import { type CapabilityMap, type CapabilityName, capabilityEntry } from '@kredo/sdk';
import type { Orm } from '../db/orm.ts';
import { readAsTenant } from '../db/tenant-scope.ts';
import type { Failures } from '../http/answer-schemas.ts';
import { type CapabilityInstallation, capabilityInstallation } from '../marketplace/index.ts';
import type { PluginRuntime } from '../plugin-runtime/index.ts';
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
  503: 'The plugin hosts are busy: retry after `Retry-After` seconds (`plugin_overloaded`)',
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
 * 3. the plugin's `Result`: a `fail(…)` becomes `plugin_failed` with the plugin's own code;
 * 4. the value against the capability's contract (`schema`), or `plugin_bad_answer`.
 * Failures are 502 (504 for a plugin out of time) and name the installation, so the tenant can act.
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
  const ran = await deps.runtime.invoke(tenantId, installation.id, entry, call.input);
  const where = { installationId: installation.id, plugin: installation.plugin };
  if (!ran.ok && ran.error.code === 'overloaded') {
    // The call never started: plugin hosts were busy with other calls. Nothing was sent anywhere.
    throw new DomainError('plugin_overloaded', 503, `${installation.plugin} is busy; try again shortly`, {
      ...where,
      retryAfter: 1,
    });
  }
  if (!ran.ok) {
    const late = ran.error.code === 'timeout' || ran.error.code === 'cpu_limit';
    throw new DomainError(
      late ? 'plugin_timeout' : 'plugin_failed',
      late ? 504 : 502,
      `${installation.plugin} could not ${call.operation}: ${plainText(ran.error.message)}`,
      { ...where, pluginCode: plainText(ran.error.code), retryable: ran.error.retryable },
    );
  }
  const answer = ran.value as {
    ok?: unknown;
    value?: unknown;
    error?: { code?: unknown; message?: unknown; retryable?: unknown };
  };
  if (answer?.ok === false) {
    throw new DomainError(
      'plugin_failed',
      502,
      `${installation.plugin} could not ${call.operation}: ${plainText(String(answer.error?.message ?? 'no reason given'))}`,
      {
        ...where,
        pluginCode: plainText(String(answer.error?.code ?? 'plugin_failed')),
        retryable: answer.error?.retryable === true,
      },
    );
  }
  const { error, value } = schema.validate(answer?.ok === true ? answer.value : undefined, {
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
