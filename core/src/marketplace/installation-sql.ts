import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '../shared/errors.ts';

// How other modules ask about a tenant's installations: what an installation provides and listens to
// is read from its version's manifest here and nowhere else. Each is SQL for the caller's own query,
// under the tenant's row-level security; the arguments are SQL too (a parameter, a quoted literal),
// each used once, so `?` and `$n` placeholders both work.

/** The tenant's installation `id` exists, enabled or not: a condition. */
export function installationExistsSql(id: string): string {
  return `exists (select 1 from installation where id = ${id})`;
}

/**
 * The tenant's enabled installations whose version provides `capability`, as a derived table: `id`,
 * `plugin_id`, `version`, `plugin` (`pluginId@version`), `granted_scopes`, `created_at`, `webhooks`
 * (the manifest's webhook names, in order) and `settings` (jsonb: the installation's config values
 * for the fields its version declares non-secret).
 */
export function providersSql(capability: string): string {
  return `(select i.id, i.plugin_id, i.version, i.plugin_id || '@' || i.version as plugin, i.granted_scopes,
      i.created_at,
      coalesce(array(select w ->> 'name' from jsonb_array_elements(v.manifest -> 'webhooks') w), '{}') as webhooks,
      coalesce((select jsonb_object_agg(f ->> 'key', i.config -> (f ->> 'key'))
                from jsonb_array_elements(coalesce(v.manifest -> 'config', '[]')) f
                where coalesce(f ->> 'secret', 'false') = 'false' and i.config -> (f ->> 'key') is not null),
               '{}') as settings
    from installation i
    join plugin_version v on v.plugin_id = i.plugin_id and v.version = i.version
    where i.enabled and coalesce(v.manifest -> 'capabilities', '[]') @> jsonb_build_array(${capability}::text))`;
}

/**
 * The tenant's enabled installations whose version declares hook `hook`, as a derived table: `id`,
 * `granted_scopes`, `created_at` and `priority` (the manifest's, default 0).
 */
export function subscribersSql(hook: string): string {
  return `(select i.id, i.granted_scopes, i.created_at, coalesce((h.hook ->> 'priority')::int, 0) as priority
    from installation i
    join plugin_version v on v.plugin_id = i.plugin_id and v.version = i.version
    cross join lateral jsonb_array_elements(coalesce(v.manifest -> 'hooks', '[]'::jsonb)) as h(hook)
    where i.enabled and h.hook ->> 'name' = ${hook})`;
}

/** Refuses an installation the tenant does not have (enabled or not) as not found: for APIs below one. */
export async function checkInstallation(em: EntityManager, installationId: string): Promise<void> {
  const [row] = await em.execute<{ found: boolean }[]>(`select ${installationExistsSql('?')} as found`, [
    installationId,
  ]);
  if (row?.found !== true) throw notFound('Installation', installationId);
}
