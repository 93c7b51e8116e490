import type { EntityManager } from '@mikro-orm/postgresql';
import { purgeInstallationStorage } from '../plugin-host/index.ts';
import { purgePluginLogs } from '../plugin-logs/index.ts';
import { conflict, invalid, notFound } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { Joi } from '../shared/joi.ts';
import { instant, named, prefixedId } from '../shared/schemas.ts';
import { grantAskedBy, type PluginGrant } from './installation-grant.ts';
import { applyConfigChange, type ConfigValue, missingRequired } from './plugin-config.ts';
import { readVersion } from './plugin-versions.ts';
import type { SecretBox } from './secret-box.ts';

/** A tenant's plugin work: `em` runs as the tenant under row-level security; `box` seals secrets. */
export interface TenantPlugins {
  em: EntityManager;
  tenantId: string;
  box: SecretBox;
}

export interface InstallationColumns {
  id: string;
  tenant_id: string;
  plugin_id: string;
  version: string;
  granted_scopes: string[];
  /** The rest of the grant besides scopes: origins, secret bindings, hooks, webhooks, capabilities. */
  granted: Omit<PluginGrant, 'scopes'>;
  config: Record<string, ConfigValue>;
  secrets: Buffer | null;
  enabled: boolean;
  breach_count: number;
  last_error: { code: string; message: string; at: string } | null;
  disabled_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface SettingsChange {
  config?: Record<string, ConfigValue | null>;
  secrets?: Record<string, string | null>;
}

const names = Joi.array().items(Joi.string()).required();

/** An installation as the API answers it: what `presentInstallation` builds. */
export const installationView = named(
  'Installation',
  Joi.object({
    id: prefixedId('ins').required(),
    pluginId: Joi.string().required(),
    version: Joi.string().required(),
    grantedScopes: names,
    grant: named(
      'PluginGrant',
      Joi.object({
        scopes: names,
        origins: names,
        secretOrigins: Joi.object().pattern(Joi.string(), Joi.array().items(Joi.string())).required(),
        hooks: names,
        webhooks: names,
        capabilities: names,
      }),
    )
      .required()
      .description('Everything the tenant granted: an upgrade asking for more waits for a new grant'),
    config: Joi.object()
      .pattern(Joi.string(), Joi.alternatives(Joi.string().allow(''), Joi.number(), Joi.boolean()))
      .required(),
    secrets: Joi.object()
      .pattern(Joi.string(), Joi.string().valid('set'))
      .required()
      .description('The secrets that are set, never their values'),
    enabled: Joi.boolean().required(),
    disabledReason: Joi.string().allow(null).required(),
    breachCount: Joi.number().integer().min(0).required(),
    lastError: Joi.object({
      code: Joi.string().required(),
      message: Joi.string().allow('').required(),
      at: Joi.string().required(),
    })
      .allow(null)
      .required(),
    createdAt: instant.required(),
    updatedAt: instant.required(),
  }),
);

/** Secrets show only that they are set: their values never leave the service. */
export function presentInstallation(ctx: TenantPlugins, row: InstallationColumns) {
  const secrets = Object.fromEntries(Object.keys(openSecrets(ctx, row)).map((key) => [key, 'set' as const]));
  return {
    id: row.id,
    pluginId: row.plugin_id,
    version: row.version,
    grantedScopes: row.granted_scopes,
    /** Everything the tenant granted: an upgrade asking for more waits for a new grant. */
    grant: grantOf(row),
    config: row.config,
    secrets,
    enabled: row.enabled,
    /** Why the runtime disabled it (repeated limit breaches); cleared when the tenant enables it again. */
    disabledReason: row.disabled_reason,
    /** Consecutive limit breaches since the last successful call. */
    breachCount: row.breach_count,
    lastError: row.last_error,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/** The whole grant of an installation. */
export function grantOf(row: InstallationColumns): PluginGrant {
  return { scopes: row.granted_scopes, ...row.granted };
}

/**
 * Installing: the version must exist, the scopes granted must be exactly what it asks for, settings
 * must fit. Installing grants everything else the catalogue showed for the version: its origins and
 * where each secret may go, its hooks, webhooks and capabilities.
 */
export async function install(
  ctx: TenantPlugins,
  input: { pluginId: string; version: string; grantedScopes: string[] } & SettingsChange,
) {
  return ctx.em.transactional(async (tx) => {
    const { manifest } = await readVersion(tx as EntityManager, input.pluginId, input.version);
    checkExactGrant(manifest.scopes ?? [], input.grantedScopes);
    const [existing] = await tx.execute<{ id: string }[]>('select id from installation where plugin_id = ?', [
      input.pluginId,
    ]);
    if (existing) {
      throw conflict('already_installed', `${input.pluginId} is already installed as ${existing.id}`, {
        field: 'pluginId',
        installationId: existing.id,
      });
    }
    const id = newId('installation');
    const settings = applyConfigChange(manifest, { config: {}, secrets: {} }, input);
    const { scopes, ...granted } = grantAskedBy(manifest);
    const [row] = await tx.execute<InstallationColumns[]>(
      `insert into installation (id, tenant_id, plugin_id, version, granted_scopes, granted, config, secrets)
       values (?, ?, ?, ?, ?::text[], ?::jsonb, ?::jsonb, ?) returning *`,
      [
        id,
        ctx.tenantId,
        input.pluginId,
        input.version,
        textArray(scopes),
        JSON.stringify(granted),
        JSON.stringify(settings.config),
        sealSecrets(ctx, id, settings.secrets),
      ],
    );
    return presentInstallation(ctx, row as InstallationColumns);
  });
}

export async function listInstallations(ctx: TenantPlugins) {
  const rows = await ctx.em.transactional(
    (tx) => tx.execute<InstallationColumns[]>('select * from installation order by id'),
    { readOnly: true },
  );
  return rows.map((row) => presentInstallation(ctx, row));
}

export async function getInstallation(ctx: TenantPlugins, id: string) {
  return ctx.em.transactional(
    async (tx) => presentInstallation(ctx, await lockRow(tx as EntityManager, id)),
    {
      readOnly: true,
    },
  );
}

/** Enable, disable, change settings; enabling needs every required setting present. */
export async function changeInstallation(
  ctx: TenantPlugins,
  id: string,
  change: { enabled?: boolean } & SettingsChange,
) {
  return ctx.em.transactional(async (tx) => {
    const row = await lockRow(tx as EntityManager, id, 'for update');
    const { manifest } = await readVersion(tx as EntityManager, row.plugin_id, row.version);
    const settings = applyConfigChange(
      manifest,
      { config: row.config, secrets: openSecrets(ctx, row) },
      change,
    );
    const enabled = change.enabled ?? row.enabled;
    const missing = enabled ? missingRequired(manifest, settings.config, settings.secrets) : undefined;
    if (missing) throw invalid(missing, 'is required before the plugin can be enabled');
    return presentInstallation(ctx, await saveRow(tx as EntityManager, ctx, row, settings, { enabled }));
  });
}

/** Uninstalling removes the row, and with it the grant, the settings, the sealed secrets, its storage and its log. */
export async function uninstall(ctx: TenantPlugins, id: string): Promise<void> {
  await ctx.em.transactional(async (tx) => {
    const rows = await tx.execute<{ id: string }[]>('delete from installation where id = ? returning id', [
      id,
    ]);
    if (rows.length === 0) throw notFound('Installation', id);
    await purgeInstallationStorage(tx as EntityManager, id);
    await purgePluginLogs(tx as EntityManager, id);
  });
}

function checkExactGrant(requested: readonly string[], granted: readonly string[]): void {
  const missing = requested.filter((s) => !granted.includes(s));
  if (missing.length > 0) throw invalid('grantedScopes', `must also grant ${missing.join(', ')}`);
  const extra = granted.filter((s) => !requested.includes(s));
  if (extra.length > 0) throw invalid('grantedScopes', `${extra.join(', ')} not requested by the plugin`);
}

export async function lockRow(em: EntityManager, id: string, lock = ''): Promise<InstallationColumns> {
  const [row] = await em.execute<InstallationColumns[]>(`select * from installation where id = ? ${lock}`, [
    id,
  ]);
  if (!row) throw notFound('Installation', id);
  return row;
}

export async function saveRow(
  em: EntityManager,
  ctx: TenantPlugins,
  row: InstallationColumns,
  settings: { config: Record<string, ConfigValue>; secrets: Record<string, string> },
  change: { enabled?: boolean; version?: string; grant?: PluginGrant },
): Promise<InstallationColumns> {
  const { scopes, ...granted } = change.grant ?? grantOf(row);
  const [saved] = await em.execute<InstallationColumns[]>(
    `update installation set version = ?, granted_scopes = ?::text[], granted = ?::jsonb, enabled = ?,
       config = ?::jsonb, secrets = ?,
       breach_count = case when ? then 0 else breach_count end,
       disabled_reason = case when ? then null else disabled_reason end,
       updated_at = now() where id = ? returning *`,
    [
      change.version ?? row.version,
      textArray(scopes),
      JSON.stringify(granted),
      change.enabled ?? row.enabled,
      JSON.stringify(settings.config),
      sealSecrets(ctx, row.id, settings.secrets),
      // The tenant enabling it again starts the breach count afresh.
      change.enabled === true && !row.enabled,
      change.enabled === true && !row.enabled,
      row.id,
    ],
  );
  return saved as InstallationColumns;
}

/** A PostgreSQL array literal: the driver would spread a JS array into a list of parameters. */
function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

const associated = (ctx: TenantPlugins, id: string) => `installation:${ctx.tenantId}:${id}`;

function sealSecrets(ctx: TenantPlugins, id: string, secrets: Record<string, string>): Buffer | null {
  return Object.keys(secrets).length === 0 ? null : ctx.box.seal(secrets, associated(ctx, id));
}

export function openSecrets(ctx: TenantPlugins, row: InstallationColumns): Record<string, string> {
  return row.secrets ? ctx.box.open(row.secrets, associated(ctx, row.id)) : {};
}
