import type { EntityManager } from '@mikro-orm/postgresql';
import type { JWK } from 'jose';
import { conflict, DomainError, invalid, notFound } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { Joi } from '../shared/joi.ts';
import { instant, named, prefixedId } from '../shared/schemas.ts';

// Publishers and their keys are marketplace-global: written on the owner's connection (kredo_app may
// only read them), so every function here takes that EntityManager, never a tenant's.

export interface PublisherKeyColumns {
  id: string;
  publisher_id: string;
  public_jwk: JWK;
  created_at: string;
  revoked_at: string | null;
}

/** A publisher's signing key as the API answers it: what `presentKey` builds. */
export const publisherKeyView = named(
  'PublisherKey',
  Joi.object({
    id: prefixedId('key').required(),
    publisherId: Joi.string().required(),
    publicKey: Joi.object().unknown(true).required().description('The Ed25519 public JWK'),
    createdAt: instant.required(),
    revokedAt: instant.allow(null).required(),
  }),
);

export function presentKey(k: PublisherKeyColumns) {
  return {
    id: k.id,
    publisherId: k.publisher_id,
    publicKey: k.public_jwk,
    createdAt: new Date(k.created_at),
    revokedAt: k.revoked_at ? new Date(k.revoked_at) : null,
  };
}

/**
 * A partner acts for the publisher its token's `sub` names: the identity server issues a partner's
 * access token with `sub` = the publisher id and the partner role (`marketplace:publish`)
 * (docs/authentication.md#partners).
 */
export function assertActsFor(subject: string, publisherId: string): void {
  if (subject !== publisherId) {
    throw new DomainError('publisher_mismatch', 403, `The token does not act for publisher ${publisherId}`, {
      publisherId,
    });
  }
}

/**
 * Registers an Ed25519 public key; the first registration creates the publisher under `publisherName`.
 * A publisher id is a namespace (`com.mollie`) that owns every plugin id beneath it, so a new one may
 * neither sit inside another publisher's namespace nor contain one: each plugin id has one owner.
 */
export async function registerKey(
  em: EntityManager,
  publisherId: string,
  jwk: JWK,
  publisherName: string | undefined,
): Promise<PublisherKeyColumns> {
  const publicKey = ed25519PublicKey(jwk);
  return em.transactional(async (tx) => {
    const [publisher] = await tx.execute<{ id: string }[]>(
      'select id from publisher where id = ? for update',
      [publisherId],
    );
    if (!publisher) {
      if (!publisherName) throw invalid('publisherName', 'is required to register a new publisher');
      await assertOwnNamespace(tx as EntityManager, publisherId);
      await tx.execute('insert into publisher (id, name) values (?, ?)', [publisherId, publisherName]);
    }
    const [key] = await tx.execute<PublisherKeyColumns[]>(
      'insert into publisher_key (id, publisher_id, public_jwk) values (?, ?, ?::jsonb) returning *',
      [newId('publisherKey'), publisherId, JSON.stringify(publicKey)],
    );
    return key as PublisherKeyColumns;
  });
}

async function assertOwnNamespace(em: EntityManager, publisherId: string): Promise<void> {
  // New publishers one at a time, so two nested namespaces cannot both pass the check below.
  await em.execute("select pg_advisory_xact_lock(hashtext('publisher-namespaces'))");
  const [other] = await em.execute<{ id: string }[]>(
    `select id from publisher where starts_with(?, id || '.') or starts_with(id, ? || '.') limit 1`,
    [publisherId, publisherId],
  );
  if (other) {
    const how = publisherId.startsWith(`${other.id}.`) ? 'is inside' : 'contains';
    throw conflict(
      'publisher_namespace_taken',
      `${publisherId} ${how} the namespace of publisher ${other.id}, which owns the plugin ids under it`,
      { field: 'id', publisherId: other.id },
    );
  }
}

export async function revokeKey(em: EntityManager, publisherId: string, keyId: string) {
  const [key] = await em.execute<PublisherKeyColumns[]>(
    'update publisher_key set revoked_at = coalesce(revoked_at, now()) where id = ? and publisher_id = ? returning *',
    [keyId, publisherId],
  );
  if (!key) throw notFound('Publisher key', keyId);
  return key;
}

/** The publisher's keys that are not revoked; throws when the publisher is not registered. */
export async function liveKeys(em: EntityManager, publisherId: string): Promise<JWK[]> {
  const [publisher] = await em.execute<{ id: string }[]>('select id from publisher where id = ?', [
    publisherId,
  ]);
  if (!publisher) {
    throw new DomainError('publisher_unknown', 403, `Publisher ${publisherId} has not registered a key`, {
      publisherId,
    });
  }
  const keys = await em.execute<PublisherKeyColumns[]>(
    'select * from publisher_key where publisher_id = ? and revoked_at is null order by id',
    [publisherId],
  );
  return keys.map((k) => k.public_jwk);
}

/** Only the public half of an Ed25519 key: a private `d` is refused rather than stored. */
function ed25519PublicKey(jwk: JWK): JWK {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519') {
    throw invalid('publicKey', 'must be an Ed25519 JWK (kty OKP, crv Ed25519)');
  }
  if (jwk.d !== undefined) throw invalid('publicKey.d', 'is the private key: register the public key only');
  if (typeof jwk.x !== 'string' || Buffer.from(jwk.x, 'base64url').length !== 32) {
    throw invalid('publicKey.x', 'must be the 32-byte public key, base64url-encoded');
  }
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x };
}
