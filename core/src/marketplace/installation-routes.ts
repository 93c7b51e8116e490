import type { Request, ServerRoute } from '@hapi/hapi';
import { SCOPES } from '../auth/principal.ts';
import { failures, noContent } from '../http/answer-schemas.ts';
import { input, principal, requestEm } from '../http/request-context.ts';
import { Joi } from '../shared/joi.ts';
import { prefixedId } from '../shared/schemas.ts';
import {
  changeInstallation,
  getInstallation,
  install,
  installationView,
  listInstallations,
  type TenantPlugins,
  uninstall,
} from './installation-service.ts';
import { upgradeInstallation } from './installation-upgrade.ts';
import type { SecretBox } from './secret-box.ts';

const installationParams = Joi.object({ id: prefixedId('ins').required() });
const version = Joi.string().max(64);
const scopes = Joi.array().items(Joi.string().max(64)).unique().max(50);
const names = Joi.array().items(Joi.string().max(100)).unique().max(50);
const origins = Joi.array().items(Joi.string().max(300)).unique().max(50);
/** The consent an upgrade carries: the shape of `details.widens` in a `grant_required` refusal. */
const grant = Joi.object({
  scopes,
  origins,
  secretOrigins: Joi.object()
    .pattern(Joi.string().max(64), origins.min(1))
    .max(50)
    .description('By secret setting: the origins it may now be sent to ({ "apiKey": ["https://…"] })'),
  hooks: names,
  webhooks: names,
  capabilities: names,
}).description(
  'What the new version asks for beyond the current grant (scopes, origins, secret bindings, hooks, webhooks, capabilities)',
);
const settings = {
  config: Joi.object()
    .pattern(
      Joi.string().max(64),
      Joi.alternatives(Joi.string().max(2000), Joi.number(), Joi.boolean()).allow(null),
    )
    .description('Non-secret settings; null removes one'),
  secrets: Joi.object()
    .pattern(Joi.string().max(64), Joi.string().max(4000).allow(null))
    .description('Write-only: stored encrypted, shown only as "set"; null removes one'),
};
const access = { scope: [SCOPES.pluginsManage] };
const noInstallation = { 404: 'No such installation (`installation_not_found`)' };
const noVersion = { 404: 'No such version of the plugin (`plugin_version_not_found`)' };

/** The tenant's side of the marketplace: its installed plugins. */
export function installationRoutes(box: SecretBox): ServerRoute[] {
  const plugins = (request: Request): TenantPlugins => ({
    em: requestEm(request),
    tenantId: principal(request).tenantId,
    box,
  });
  const id = (request: Request) => input<{ id: string }>(request.params).id;
  return [
    {
      method: 'POST',
      path: '/api/v1/plugins/installations',
      options: {
        tags: ['api', 'plugins'],
        id: 'installPlugin',
        description: 'Install a plugin version, granting exactly the scopes its manifest asks for',
        auth: { access },
        response: {
          status: {
            201: installationView,
            ...failures(noVersion, { 409: 'The plugin is already installed (`already_installed`)' }),
          },
        },
        validate: {
          payload: Joi.object({
            pluginId: Joi.string().max(100).required(),
            version: version.required(),
            grantedScopes: scopes.required(),
            ...settings,
          }),
        },
      },
      handler: async (request, h) =>
        h.response(await install(plugins(request), request.payload as never)).code(201),
    },
    {
      method: 'GET',
      path: '/api/v1/plugins/installations',
      options: {
        tags: ['api', 'plugins'],
        id: 'listInstallations',
        description: 'List installed plugins',
        auth: { access },
        response: { status: { 200: Joi.object({ data: Joi.array().items(installationView).required() }) } },
      },
      handler: async (request) => ({ data: await listInstallations(plugins(request)) }),
    },
    {
      method: 'GET',
      path: '/api/v1/plugins/installations/{id}',
      options: {
        tags: ['api', 'plugins'],
        id: 'getInstallation',
        description: 'Get an installed plugin',
        auth: { access },
        response: { status: { 200: installationView, ...failures(noInstallation) } },
        validate: { params: installationParams },
      },
      handler: async (request) => getInstallation(plugins(request), id(request)),
    },
    {
      method: 'PATCH',
      path: '/api/v1/plugins/installations/{id}',
      options: {
        tags: ['api', 'plugins'],
        id: 'updateInstallation',
        description: 'Enable, disable or configure an installed plugin',
        auth: { access },
        response: { status: { 200: installationView, ...failures(noInstallation) } },
        validate: {
          params: installationParams,
          payload: Joi.object({ enabled: Joi.boolean(), ...settings }).min(1),
        },
      },
      handler: async (request) => changeInstallation(plugins(request), id(request), request.payload as never),
    },
    {
      method: 'POST',
      path: '/api/v1/plugins/installations/{id}/upgrade',
      options: {
        tags: ['api', 'plugins'],
        id: 'upgradeInstallation',
        description:
          'Move an installed plugin to another version; whatever it asks for beyond the current grant must be granted here',
        auth: { access },
        response: {
          status: {
            200: installationView,
            ...failures(noInstallation, noVersion, {
              409:
                'Already at that version (`same_version`), the version asks for more than is granted (`grant_required`, ' +
                '`details.widens`) or needs settings first (`config_required`)',
            }),
          },
        },
        validate: {
          params: installationParams,
          payload: Joi.object({ version: version.required(), grantedScopes: scopes, grant }),
        },
      },
      handler: async (request) =>
        upgradeInstallation(plugins(request), id(request), request.payload as never),
    },
    {
      method: 'DELETE',
      path: '/api/v1/plugins/installations/{id}',
      options: {
        tags: ['api', 'plugins'],
        id: 'uninstallPlugin',
        description: 'Uninstall a plugin: its grant, settings and secrets are deleted',
        auth: { access },
        response: { status: { 204: noContent, ...failures(noInstallation) } },
        validate: { params: installationParams },
      },
      handler: async (request, h) => {
        await uninstall(plugins(request), id(request));
        return h.response().code(204);
      },
    },
  ];
}
