import { hookScopes, manifestEntryPoints } from '@kredo/sdk/host';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, notFound } from '../shared/errors.ts';
import { plainText } from '../shared/plain-text.ts';
import type { PluginGrant } from './installation-grant.ts';
import {
  grantOf,
  type InstallationColumns,
  openSecrets,
  type TenantPlugins,
} from './installation-service.ts';
import { subscribersSql } from './installation-sql.ts';
import { readVersion } from './plugin-versions.ts';
import type { PluginManifest } from './verify-manifest.ts';

/** What the plugin runtime needs to run one installation; secrets are opened only for its host. */
export interface RunnableInstallation {
  id: string;
  /** Changes with every change to the installation (`updated_at` in microseconds): a fresh sandbox. */
  revision: string;
  pluginId: string;
  version: string;
  manifest: PluginManifest;
  /** What the tenant granted; every `ctx.core` read and every write from a capability's answer checks it. */
  grantedScopes: readonly string[];
  /** Everything granted: the host lets the plugin reach only `origins`, and each secret only its `secretOrigins`. */
  grant: PluginGrant;
  /** Non-secret settings: the plugin's `ctx.config`. */
  config: Readonly<Record<string, string | number | boolean>>;
  /** Consecutive limit breaches when it was read: a success need not write when there were none. */
  breachCount: number;
  /** Decrypted: for the host's fetch, which fills them in at the network edge. Never for the plugin. */
  secrets: Record<string, string>;
}

/** A failed run as the runtime records it. */
export interface RunFailure {
  code: string;
  message: string;
  /** A limit breach (CPU, memory, deadline, crash, oversized result): counts towards disabling. */
  breach: boolean;
}

/**
 * An enabled installation with its manifest, under the tenant's row-level security: another
 * tenant's installation is `installation_not_found`, a disabled one `installation_disabled`, a hook
 * its manifest does not declare `hook_not_declared`. Hooks are declared by the manifest's `hooks`,
 * `capability:<name>.<operation>` by its `capabilities` and `webhook:<name>` by its `webhooks`.
 */
export async function readRunnable(
  ctx: TenantPlugins,
  id: string,
  hook: string,
): Promise<RunnableInstallation> {
  const [row] = await ctx.em.execute<(InstallationColumns & { revision: string })[]>(
    `select *, (extract(epoch from updated_at) * 1000000)::bigint::text as revision
       from installation where id = ?`,
    [id],
  );
  if (!row) throw notFound('Installation', id);
  if (!row.enabled) {
    const why = row.disabled_reason ? `: ${row.disabled_reason}` : '';
    throw new DomainError('installation_disabled', 409, `Installation ${id} is disabled${why}`, { id });
  }
  const { manifest } = await readVersion(ctx.em, row.plugin_id, row.version);
  if (!declares(manifest, hook)) {
    throw new DomainError(
      'hook_not_declared',
      400,
      `${row.plugin_id}@${row.version} does not declare the hook ${hook}`,
      { id, hook },
    );
  }
  return {
    id: row.id,
    revision: row.revision,
    pluginId: row.plugin_id,
    version: row.version,
    manifest,
    grantedScopes: row.granted_scopes,
    grant: grantOf(row),
    config: row.config,
    breachCount: row.breach_count,
    secrets: openSecrets(ctx, row),
  };
}

function declares(manifest: PluginManifest, hook: string): boolean {
  return manifestEntryPoints(manifest).some((entry) => entry.name === hook);
}

/**
 * Records a run on the installation. A success resets the breach count (writing only when there
 * is one to reset); a failure is kept as `last_error`; a breach also counts, and the one that
 * reaches `breachesBeforeDisable` disables the installation with a reason the tenant sees.
 * Answers whether this call disabled it.
 */
export async function recordRun(
  em: EntityManager,
  id: string,
  failure: RunFailure | undefined,
  breachesBeforeDisable: number,
): Promise<{ disabled: boolean }> {
  if (failure === undefined) {
    await em.execute('update installation set breach_count = 0 where id = ? and breach_count <> 0', [id]);
    return { disabled: false };
  }
  // Code and message may be the plugin's own text (a thrown message, a `fail(code, message)`).
  const code = plainText(failure.code);
  const message = plainText(failure.message);
  const lastError = JSON.stringify({ code, message, at: new Date().toISOString() });
  if (!failure.breach) {
    await em.execute('update installation set last_error = ?::jsonb where id = ?', [lastError, id]);
    return { disabled: false };
  }
  const reason =
    `Disabled automatically after ${breachesBeforeDisable} consecutive limit breaches; ` +
    `the last was ${code}: ${message}`;
  // In SET, breach_count and enabled are the values before this update.
  const [row] = await em.execute<{ disabled: boolean }[]>(
    `update installation set breach_count = breach_count + 1, last_error = ?::jsonb,
       disabled_reason = case when enabled and breach_count + 1 >= ? then ? else disabled_reason end,
       enabled = enabled and breach_count + 1 < ?,
       updated_at = case when enabled and breach_count + 1 >= ? then now() else updated_at end
     where id = ?
     returning (not enabled and disabled_reason = ?) as disabled`,
    [lastError, breachesBeforeDisable, reason, breachesBeforeDisable, breachesBeforeDisable, id, reason],
  );
  return { disabled: row?.disabled === true };
}

/**
 * Enabled installations whose version declares `hook` and whose grant covers what the hook shows
 * (`HOOKS[hook].scopes`; the manifest check asks for them, this keeps it so for any older version):
 * lower priority first, then install order.
 */
export async function installationsForHook(em: EntityManager, hook: string): Promise<string[]> {
  const needed = hookScopes([hook]);
  const rows = await em.execute<{ id: string; granted_scopes: string[] }[]>(
    `select s.id, s.granted_scopes from ${subscribersSql('?')} s order by s.priority, s.created_at, s.id`,
    [hook],
  );
  return rows
    .filter((row) => needed.every((scope) => row.granted_scopes.includes(scope)))
    .map((row) => row.id);
}
