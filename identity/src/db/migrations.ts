/**
 * Identity's schema, in order. Plain SQL rather than MikroORM migrations: identity has no
 * entities, only a handful of statements through `pg`, and its own schema (`identity`) with its
 * own bookkeeping table, so core's migrator and identity's never see each other's history.
 * Append only: a migration that has run anywhere is never edited.
 */
export const IDENTITY_MIGRATIONS: { name: string; sql: string }[] = [
  {
    name: '0001-payload',
    // One table for every oidc-provider model (sessions, grants, tokens, interactions …), keyed by
    // (model, id), with the three lookups the Adapter interface needs and the expiry it promises.
    sql: `
      create table identity.payload (
        model text not null,
        id text not null,
        payload jsonb not null,
        grant_id text,
        user_code text,
        uid text,
        expires_at timestamptz,
        consumed_at timestamptz,
        primary key (model, id)
      );
      create index payload_grant_id on identity.payload (model, grant_id) where grant_id is not null;
      create index payload_user_code on identity.payload (model, user_code) where user_code is not null;
      create index payload_uid on identity.payload (model, uid) where uid is not null;
      create index payload_expires_at on identity.payload (expires_at) where expires_at is not null;
    `,
  },
  {
    name: '0002-signing-key',
    // Signing keys (use 'sig') and cookie keys (use 'cookie'), sealed with the caller's master key.
    // One key of each use is current (retired_at null); retired ones are still published (signing)
    // or still accepted (cookies) until retire_after, then deleted.
    sql: `
      create table identity.signing_key (
        kid text primary key,
        use text not null check (use in ('sig', 'cookie')),
        alg text,
        sealed bytea not null,
        created_at timestamptz not null,
        retired_at timestamptz,
        drop_after timestamptz,
        check ((retired_at is null) = (drop_after is null))
      );
      create unique index signing_key_current on identity.signing_key (use) where retired_at is null;
    `,
  },
  {
    name: '0003-client',
    // Confidential API clients (ERP integrations). Only a SHA-256 of the secret is kept: secrets
    // are 256 random bits, so a fast hash is enough, and nothing here can give one back.
    sql: `
      create table identity.client (
        client_id text primary key,
        tenant_id text not null,
        name text not null,
        scopes text[] not null,
        secret_sha256 text not null,
        created_at timestamptz not null default now(),
        revoked_at timestamptz
      );
      create index client_tenant on identity.client (tenant_id, created_at);
    `,
  },
  {
    name: '0004-audit',
    // The audit log: append-only. A trigger refuses UPDATE, DELETE and TRUNCATE for every role, the
    // table's owner and superusers included: the identity server connects as Kredo's database owner
    // (no role of its own yet), whom revoked privileges would not stop. Only ALTER TABLE … DISABLE
    // TRIGGER, by the owner, gets past it. Events without a tenant (a key rotation) have tenant_id null.
    sql: `
      create table identity.audit_event (
        id bigint generated always as identity primary key,
        at timestamptz not null default now(),
        type text not null check (type ~ '^[a-z][a-z0-9_.-]{0,99}$'),
        tenant_id text,
        actor_id text,
        subject_id text,
        ip text,
        details jsonb not null default '{}' check (jsonb_typeof(details) = 'object')
      );
      create index audit_event_tenant on identity.audit_event (tenant_id, id);
      create index audit_event_tenant_type on identity.audit_event (tenant_id, type, id);
      create function identity.refuse_audit_change() returns trigger language plpgsql as $$
      begin
        raise exception 'identity.audit_event is append-only: % refused', tg_op
          using errcode = 'insufficient_privilege';
      end $$;
      create trigger audit_event_append_only before update or delete on identity.audit_event
        for each row execute function identity.refuse_audit_change();
      create trigger audit_event_no_truncate before truncate on identity.audit_event
        for each statement execute function identity.refuse_audit_change();
    `,
  },
  {
    name: '0005-accounts',
    // People who sign in: an account (e-mail unique whatever its case), its memberships of tenants
    // (roles, and administrations: null = all), each tenant's sign-in policy, the account's TOTP
    // secret (sealed with the master key, with the last accepted time step so a code is used once)
    // and its recovery codes (SHA-256 of 80 random bits each, marked when used).
    sql: `
      create table identity.account (
        id text primary key,
        email text not null,
        name text not null,
        language text not null check (language in ('nl', 'en', 'de', 'fr')),
        password_hash text,
        disabled_at timestamptz,
        created_at timestamptz not null default now()
      );
      create unique index account_email on identity.account (lower(email));
      create table identity.membership (
        account_id text not null references identity.account (id) on delete cascade,
        tenant_id text not null,
        roles text[] not null check (roles <@ array['admin', 'credit_manager', 'collector', 'viewer', 'partner']
          and cardinality(roles) > 0),
        administrations text[],
        created_at timestamptz not null default now(),
        primary key (account_id, tenant_id)
      );
      create index membership_tenant on identity.membership (tenant_id);
      create table identity.tenant_policy (
        tenant_id text primary key,
        require_2fa boolean not null default false
      );
      create table identity.account_totp (
        account_id text primary key references identity.account (id) on delete cascade,
        sealed_secret bytea not null,
        last_time_step bigint,
        enrolled_at timestamptz not null default now()
      );
      create table identity.recovery_code (
        account_id text not null references identity.account (id) on delete cascade,
        code_sha256 text not null,
        used_at timestamptz,
        primary key (account_id, code_sha256)
      );
    `,
  },
  {
    name: '0006-sign-in',
    // One row per sign-in in progress (an oidc-provider interaction): its step, the CSRF token of its
    // forms, the e-mail given, the account once the password is right, the chosen language.
    // Failures per (e-mail, IP) and per IP for the back-off (sign-in/throttle-policy.ts), and the
    // membership a grant was given for (its tenant is the access tokens' tenant).
    sql: `
      create table identity.sign_in (
        uid text primary key,
        csrf text not null,
        step text not null,
        email text,
        account_id text references identity.account (id) on delete cascade,
        tenant_id text,
        language text,
        pending_totp bytea,
        expires_at timestamptz not null
      );
      create index sign_in_expires_at on identity.sign_in (expires_at);
      create table identity.sign_in_failure (
        email text not null,
        ip text not null,
        failures integer not null,
        last_failure_at timestamptz not null,
        wait_until timestamptz,
        primary key (email, ip)
      );
      create table identity.ip_failure (
        ip text primary key,
        window_start timestamptz not null,
        failures integer not null
      );
      create table identity.grant_membership (
        grant_id text primary key,
        account_id text not null references identity.account (id) on delete cascade,
        tenant_id text not null,
        expires_at timestamptz not null
      );
      create index grant_membership_expires_at on identity.grant_membership (expires_at);
    `,
  },
  {
    name: '0007-passkeys',
    // Passkeys (WebAuthn credentials): the credential id (base64url, unique across accounts), the
    // COSE public key, the signature counter (0 when the authenticator keeps none), its transports.
    // A sign-in's WebAuthn challenge lives on its row, taken once (accounts/passkeys.ts).
    sql: `
      create table identity.passkey (
        credential_id text primary key,
        account_id text not null references identity.account (id) on delete cascade,
        public_key bytea not null,
        counter bigint not null default 0,
        transports text[] not null default '{}',
        name text not null,
        created_at timestamptz not null default now(),
        last_used_at timestamptz
      );
      create index passkey_account on identity.passkey (account_id);
      alter table identity.sign_in add column passkey_challenge text, add column amr text[];
    `,
  },
  {
    name: '0008-invitations',
    // A membership can be deactivated on its own (one tenant's, not the account: the person may work
    // for other tenants too). Single-use links mailed to people (an invitation to set a password, a
    // password reset): only a SHA-256 of the 256-bit token is kept, with its expiry and when it was used.
    sql: `
      alter table identity.membership add column disabled_at timestamptz;
      create table identity.account_token (
        token_sha256 text primary key,
        purpose text not null check (purpose in ('invitation', 'password_reset')),
        account_id text not null references identity.account (id) on delete cascade,
        tenant_id text,
        expires_at timestamptz not null,
        used_at timestamptz,
        created_at timestamptz not null default now()
      );
      create index account_token_account on identity.account_token (account_id, purpose);
      create index account_token_expires_at on identity.account_token (expires_at);
    `,
  },
  {
    name: '0009-upstream-sso',
    // Upstream SSO per tenant (sso/): the tenant's own OpenID provider (the client secret sealed with
    // the master key, bound to the tenant), its e-mail domains (each claimed by one tenant only,
    // routing nobody until its DNS TXT record is seen), and the upstream sign-ins under way (the
    // state kept as a SHA-256, with the PKCE verifier and the nonce, gone with their sign-in); and
    // when an account last signed in through a provider (it has no password, yet is no invitee).
    sql: `
      create table identity.sso_provider (
        tenant_id text primary key,
        issuer text not null,
        client_id text not null,
        client_secret bytea,
        default_role text not null,
        enabled boolean not null default false,
        updated_at timestamptz not null default now()
      );
      create table identity.sso_domain (
        domain text primary key check (domain = lower(domain)),
        tenant_id text not null references identity.sso_provider (tenant_id) on delete cascade,
        token text not null,
        verified_at timestamptz,
        created_at timestamptz not null default now()
      );
      create index sso_domain_tenant on identity.sso_domain (tenant_id);
      create table identity.sso_request (
        state_sha256 text primary key,
        uid text not null references identity.sign_in (uid) on delete cascade,
        tenant_id text not null,
        email text not null,
        code_verifier text not null,
        nonce text not null,
        authorization_url text not null,
        expires_at timestamptz not null
      );
      create index sso_request_uid on identity.sso_request (uid);
      alter table identity.account add column sso_signed_in_at timestamptz;
    `,
  },
  {
    name: '0010-apps-and-sessions',
    // Third-party applications a tenant admin registers (authorization code + PKCE, public or
    // confidential): their redirect URIs, and the SHA-256 of the secret of a confidential one. The
    // consent a person gave an application (the scopes allowed), remembered until revoked. Payload
    // rows learn when they were last written, so a session's "last used" can be shown. Accounts learn
    // when their e-mail was proved; those with a password already had it through a mailed link or an
    // operator's tool, and count as proved. Mailed links gain a third purpose, e-mail verification.
    sql: `
      create table identity.app (
        client_id text primary key,
        tenant_id text not null,
        name text not null,
        scopes text[] not null,
        redirect_uris text[] not null,
        secret_sha256 text,
        created_at timestamptz not null default now(),
        revoked_at timestamptz
      );
      create index app_tenant on identity.app (tenant_id, created_at);
      create table identity.app_consent (
        account_id text not null references identity.account (id) on delete cascade,
        client_id text not null references identity.app (client_id) on delete cascade,
        scopes text[] not null,
        granted_at timestamptz not null default now(),
        primary key (account_id, client_id)
      );
      alter table identity.payload add column updated_at timestamptz not null default now();
      create index payload_account on identity.payload (model, (payload ->> 'accountId'))
        where model in ('Session', 'Grant');
      alter table identity.account add column email_verified_at timestamptz;
      update identity.account set email_verified_at = created_at where password_hash is not null;
      alter table identity.account_token drop constraint account_token_purpose_check,
        add constraint account_token_purpose_check
          check (purpose in ('invitation', 'password_reset', 'email_verification'));
    `,
  },
  {
    name: '0011-partners',
    // Partners publish plugins for a publisher (a reversed domain, com.example), not for a tenant: a
    // publisher as identity knows it, and partner memberships beside the tenant memberships (admin:
    // may invite colleagues of the same publisher). A grant is given for a tenant or for a publisher,
    // never both, so its tokens carry `tenant` or `publisher`. A publisher's API clients (its CI
    // publishing with client credentials) are apart from tenants' clients: they carry no tenant.
    sql: `
      create table identity.publisher (
        id text primary key,
        name text not null,
        created_at timestamptz not null default now()
      );
      create table identity.partner_membership (
        account_id text not null references identity.account (id) on delete cascade,
        publisher_id text not null references identity.publisher (id),
        admin boolean not null default false,
        disabled_at timestamptz,
        created_at timestamptz not null default now(),
        primary key (account_id, publisher_id)
      );
      create index partner_membership_publisher on identity.partner_membership (publisher_id);
      alter table identity.grant_membership alter column tenant_id drop not null,
        add column publisher_id text,
        add constraint grant_membership_tenant_or_publisher check (num_nonnulls(tenant_id, publisher_id) = 1);
      create table identity.publisher_client (
        client_id text primary key,
        publisher_id text not null references identity.publisher (id),
        name text not null,
        secret_sha256 text not null,
        created_at timestamptz not null default now(),
        revoked_at timestamptz
      );
      create index publisher_client_publisher on identity.publisher_client (publisher_id, created_at);
    `,
  },
];
