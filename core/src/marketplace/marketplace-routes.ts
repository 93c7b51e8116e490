import type { ServerRoute } from '@hapi/hapi';
import { PUBLISHER_ID } from '@kredo/sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { JWK } from 'jose';
import { SCOPES } from '../auth/principal.ts';
import { failures } from '../http/answer-schemas.ts';
import { input, principal } from '../http/request-context.ts';
import { Joi } from '../shared/joi.ts';
import { prefixedId } from '../shared/schemas.ts';
import { CORE_VERSION } from './core-version.ts';
import { listCatalogue, listVersions, publishVersion, versionView } from './plugin-versions.ts';
import {
  actingPublisher,
  assertActsFor,
  presentKey,
  publisherKeyView,
  registerKey,
  revokeKey,
} from './publisher-keys.ts';

/** Largest plugin bundle accepted, in bytes (decoded). */
const MAX_BUNDLE_BYTES = 5 * 1024 * 1024;

/** A publisher id is a reversed domain (`com.mollie`): the namespace of its plugin ids. */
const publisherId = Joi.string()
  .max(64)
  .pattern(PUBLISHER_ID, 'reverse-DNS name')
  .description('The publisher: a domain it owns, reversed (com.mollie)');
const publisherParams = Joi.object({ id: publisherId.required() });
const pluginId = Joi.string()
  .max(100)
  .pattern(/^[a-z0-9.-]+$/);

const versionList = Joi.object({ data: Joi.array().items(versionView).required() });
const actsFor = { 403: 'The token does not act for this publisher (`publisher_mismatch`)' };

/** Marketplace-global rows are written and read on the owner's connection, not as a tenant. */
const ownerEm = (request: { server: { app: { orm: { em: { fork(): unknown } } } } }) =>
  request.server.app.orm.em.fork() as EntityManager;

export function marketplaceRoutes(coreVersion = CORE_VERSION): ServerRoute[] {
  return [
    {
      method: 'POST',
      path: '/api/v1/marketplace/publishers/{id}/keys',
      options: {
        tags: ['api', 'marketplace'],
        id: 'registerPublisherKey',
        description:
          'Register a publisher signing key (Ed25519 public JWK); the first one creates the publisher',
        auth: { access: { scope: [SCOPES.marketplacePublish] } },
        response: {
          status: {
            201: publisherKeyView,
            ...failures(actsFor, {
              409: 'The id is inside, or contains, the namespace of another publisher (`publisher_namespace_taken`)',
            }),
          },
        },
        validate: {
          params: publisherParams,
          payload: Joi.object({
            publisherName: Joi.string().trim().min(1).max(200),
            publicKey: Joi.object().unknown(true).required(),
          }),
        },
      },
      handler: async (request, h) => {
        const { id } = input<{ id: string }>(request.params);
        assertActsFor(principal(request), id);
        const body = input<{ publisherName?: string; publicKey: JWK }>(request.payload);
        const key = await registerKey(ownerEm(request), id, body.publicKey, body.publisherName);
        return h.response(presentKey(key)).code(201);
      },
    },
    {
      method: 'DELETE',
      path: '/api/v1/marketplace/publishers/{id}/keys/{keyId}',
      options: {
        tags: ['api', 'marketplace'],
        id: 'revokePublisherKey',
        description: 'Revoke a publisher signing key: versions are no longer accepted under it',
        auth: { access: { scope: [SCOPES.marketplacePublish] } },
        response: {
          status: {
            200: publisherKeyView,
            ...failures(actsFor, { 404: 'No such key of this publisher (`publisher_key_not_found`)' }),
          },
        },
        validate: {
          // A publisher registered before ids were namespaces (pub_…) may still revoke its keys.
          params: Joi.object({
            id: Joi.alternatives(publisherId, prefixedId('pub')).required(),
            keyId: prefixedId('key').required(),
          }),
        },
      },
      handler: async (request) => {
        const { id, keyId } = input<{ id: string; keyId: string }>(request.params);
        assertActsFor(principal(request), id);
        return presentKey(await revokeKey(ownerEm(request), id, keyId));
      },
    },
    {
      method: 'POST',
      path: '/api/v1/marketplace/versions',
      options: {
        tags: ['api', 'marketplace'],
        id: 'publishVersion',
        description: 'Publish a signed plugin version as the publisher the token acts for',
        auth: { access: { scope: [SCOPES.marketplacePublish] } },
        response: {
          status: {
            201: versionView,
            ...failures(
              {
                400: 'The manifest, bundle or signature does not hold (`invalid_manifest`, `manifest_limit_exceeded`, `core_version_unsupported`, `invalid_signature`)',
                403: 'The token acts for no publisher (`publisher_mismatch`), the publisher has no key (`publisher_unknown`), or the manifest is not under its own id (`manifest_publisher_mismatch`, `plugin_owned_by_another_publisher`)',
              },
              { 409: 'This version is already published (`version_exists`)' },
            ),
          },
        },
        payload: { maxBytes: Math.ceil((MAX_BUNDLE_BYTES * 4) / 3) + 256 * 1024 },
        validate: {
          payload: Joi.object({
            manifest: Joi.object().unknown(true).required(),
            bundle: Joi.string()
              .base64()
              .max(Math.ceil((MAX_BUNDLE_BYTES * 4) / 3))
              .required()
              .description('The plugin bundle, base64'),
            signature: Joi.string()
              .max(4096)
              .required()
              .description('Compact JWS (EdDSA) over the version claims'),
          }),
        },
      },
      handler: async (request, h) => {
        const body = input<{ manifest: object; bundle: string; signature: string }>(request.payload);
        const version = await publishVersion(
          ownerEm(request),
          actingPublisher(principal(request)),
          { manifest: body.manifest, bundle: Buffer.from(body.bundle, 'base64'), signature: body.signature },
          coreVersion,
        );
        return h.response(version).code(201);
      },
    },
    {
      method: 'GET',
      path: '/api/v1/marketplace/plugins',
      options: {
        tags: ['api', 'marketplace'],
        id: 'listCatalogue',
        description: 'The catalogue: each plugin at its highest published version',
        auth: { access: { scope: [SCOPES.pluginsManage, SCOPES.marketplacePublish] } },
        response: { status: { 200: versionList } },
      },
      handler: async (request) => ({ data: await listCatalogue(ownerEm(request)) }),
    },
    {
      method: 'GET',
      path: '/api/v1/marketplace/plugins/{pluginId}/versions',
      options: {
        tags: ['api', 'marketplace'],
        id: 'listPluginVersions',
        description: 'Every published version of a plugin, highest first',
        auth: { access: { scope: [SCOPES.pluginsManage, SCOPES.marketplacePublish] } },
        response: {
          status: {
            200: versionList,
            ...failures({ 404: 'No version of the plugin is published (`plugin_not_found`)' }),
          },
        },
        validate: { params: Joi.object({ pluginId: pluginId.required() }) },
      },
      handler: async (request) => ({
        data: await listVersions(ownerEm(request), input<{ pluginId: string }>(request.params).pluginId),
      }),
    },
  ];
}
