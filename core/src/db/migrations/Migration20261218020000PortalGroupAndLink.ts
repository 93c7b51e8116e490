import { Migration } from '@mikro-orm/migrations';
import { tenantIsolationSql } from './tenant-isolation-sql.ts';

/**
 * The portal's sessions for a debtor group, and its hosted sign-in by one-time e-mail link:
 * - `portal_session.scope`: `debtor` (that debtor alone) or `group` (the debtor and its descendants,
 *   looked up at each request, so a child moved out of the group is out of the session at once);
 * - `portal_setting.email_sign_in`: the tenant's switch for the hosted sign-in page (off by default);
 * - `portal_sign_in_request`: each address asked for on that page (the rate limit counts them), and
 *   once the mail job found a debtor with it, the hash of the link's token (never the token), its
 *   expiry and when it was used: single use is one conditional update.
 */
export class Migration20261218020000PortalGroupAndLink extends Migration {
  override name = 'Migration20261218020000PortalGroupAndLink';

  override up(): void {
    this.addSql(`alter table portal_session add column scope text not null default 'debtor'
      check (scope in ('debtor', 'group'));`);
    this.addSql('alter table portal_setting add column email_sign_in boolean not null default false;');

    this.addSql(`create table portal_sign_in_request (
      tenant_id text not null references tenant (id) on delete cascade,
      id text not null,
      email text not null,
      ip text not null,
      language text,
      created_at timestamptz not null default now(),
      mail_status text not null default 'pending' check (mail_status in ('pending', 'claimed', 'sent', 'no_debtor', 'not_sent', 'failed')),
      token_hash bytea,
      expires_at timestamptz not null,
      used_at timestamptz,
      primary key (tenant_id, id)
    );`);
    this.addSql(
      'create unique index portal_sign_in_request_token_idx on portal_sign_in_request (tenant_id, token_hash);',
    );
    this.addSql(
      'create index portal_sign_in_request_recent_idx on portal_sign_in_request (tenant_id, created_at);',
    );
    this.addSql(
      "create index portal_sign_in_request_pending_idx on portal_sign_in_request (tenant_id) where mail_status = 'pending';",
    );
    for (const sql of tenantIsolationSql('portal_sign_in_request')) this.addSql(sql);
  }

  override down(): void {
    this.addSql('drop table portal_sign_in_request;');
    this.addSql('alter table portal_setting drop column email_sign_in;');
    this.addSql('alter table portal_session drop column scope;');
  }
}
