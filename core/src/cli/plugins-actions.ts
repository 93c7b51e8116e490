import type { EntityManager } from '@mikro-orm/postgresql';
import type { Orm } from '../db/orm.ts';
import {
  changeInstallation,
  getInstallation,
  install,
  listCatalogue,
  listInstallations,
  listVersions,
  readVersion,
  type TenantPlugins,
  uninstall,
  upgradeInstallation,
} from '../marketplace/index.ts';
import { UsageError } from './command.ts';
import { catalogueTable, installationDetail, installationsTable } from './plugins-format.ts';
import { flagList, GRANT_FLAGS, type GrantFlags, readGrant } from './plugins-grant.ts';
import { type PluginsIo, readSettings, type SettingsFlags } from './plugins-settings.ts';

export interface ActionInput {
  orm: Orm;
  args: string[];
  flags: SettingsFlags & GrantFlags;
  io: PluginsIo;
}

/** A tenant's action also gets its plugin context: row-level security as the tenant, the secret box. */
export interface TenantActionInput extends ActionInput {
  plugins: TenantPlugins;
}

/** What an action prints: `json` for `--json`, `text` for people. */
export interface ActionResult {
  json: unknown;
  text: string;
}

interface ActionShape {
  /** Positional arguments after the action's name, as the help names them. */
  args: string[];
  /** Flags besides --tenant and --json that the action takes. */
  flags: (keyof ActionInput['flags'])[];
}

/** `tenant: false` only for the catalogue, which is marketplace-global. */
export type Action = ActionShape &
  (
    | { tenant: false; run(input: ActionInput): Promise<ActionResult> }
    | { tenant: true; run(input: TenantActionInput): Promise<ActionResult> }
  );

const SETTINGS: Action['flags'] = ['set', 'unset', 'secret', 'secret-env'];

const one = (installation: Parameters<typeof installationDetail>[0]): ActionResult => ({
  json: installation,
  text: installationDetail(installation),
});

/** Every `kredo plugins` action; each calls the marketplace service the REST routes call. */
export const ACTIONS: Record<string, Action> = {
  catalogue: {
    args: [],
    flags: [],
    tenant: false,
    async run({ orm, args }) {
      // Versions are marketplace-global: read on the owner's connection, as the catalogue routes do.
      const em = orm.em.fork() as EntityManager;
      const plugins = args[0] ? [{ pluginId: args[0] }] : await listCatalogue(em);
      const versions = (await Promise.all(plugins.map((p) => listVersions(em, p.pluginId)))).flat();
      return { json: versions, text: catalogueTable(versions) };
    },
  },
  list: {
    args: [],
    flags: [],
    tenant: true,
    async run({ plugins }) {
      const installations = await listInstallations(plugins);
      return { json: installations, text: installationsTable(installations) };
    },
  },
  install: {
    args: ['pluginId@version'],
    flags: ['grant', 'set', 'secret', 'secret-env'],
    tenant: true,
    async run({ plugins, args, flags, io }) {
      const [pluginId, version] = splitPluginVersion(args[0] as string);
      const { manifest } = await readVersion(plugins.em, pluginId, version);
      const settings = await readSettings(flags, manifest.config ?? [], io);
      const grantedScopes = flagList(flags.grant);
      return one(await install(plugins, { pluginId, version, grantedScopes, ...settings }));
    },
  },
  configure: {
    args: ['installationId'],
    flags: SETTINGS,
    tenant: true,
    async run({ plugins, args, flags, io }) {
      const id = args[0] as string;
      const current = await getInstallation(plugins, id);
      const { manifest } = await readVersion(plugins.em, current.pluginId, current.version);
      const settings = await readSettings(flags, manifest.config ?? [], io);
      if (!settings.config && !settings.secrets) {
        throw new UsageError('nothing to configure: give --set, --unset, --secret or --secret-env');
      }
      return one(await changeInstallation(plugins, id, settings));
    },
  },
  enable: {
    args: ['installationId'],
    flags: [],
    tenant: true,
    run: async ({ plugins, args }) =>
      one(await changeInstallation(plugins, args[0] as string, { enabled: true })),
  },
  disable: {
    args: ['installationId'],
    flags: [],
    tenant: true,
    run: async ({ plugins, args }) =>
      one(await changeInstallation(plugins, args[0] as string, { enabled: false })),
  },
  upgrade: {
    args: ['installationId', 'version'],
    flags: [...GRANT_FLAGS],
    tenant: true,
    async run({ plugins, args, flags }) {
      const [id, version] = args as [string, string];
      return one(await upgradeInstallation(plugins, id, { version, grant: readGrant(flags) }));
    },
  },
  uninstall: {
    args: ['installationId'],
    flags: [],
    tenant: true,
    async run({ plugins, args }) {
      const id = args[0] as string;
      await uninstall(plugins, id);
      return {
        json: { id, uninstalled: true },
        text: `Uninstalled ${id}: its grant, settings, secrets and storage are deleted.\n`,
      };
    },
  },
};

function splitPluginVersion(spec: string): [string, string] {
  const at = spec.lastIndexOf('@');
  if (at <= 0 || at === spec.length - 1) {
    throw new UsageError(`expected <pluginId>@<version> (e.g. com.example.paylink@1.0.0), got "${spec}"`);
  }
  return [spec.slice(0, at), spec.slice(at + 1)];
}
