import { Migration } from '@mikro-orm/migrations';

// Tables that belong to a tenant: each carries tenant_id and is fenced by row-level security.
export const TENANT_TABLES = [
  'administration',
  'debtor',
  'invoice',
  'payment',
  'allocation',
  'idempotency_key',
];

/**
 * The ledger: tenants, administrations, debtors, invoices, payments and their allocations.
 * Composite foreign keys carry tenant_id (and, for debtors, invoices and payments, administration_id)
 * so a row can never point into another tenant's data, whatever the code does. Allocations carry
 * tenant_id only; the payment service checks that a payment and its invoices share an administration.
 */
export class Migration20261122000000Ledger extends Migration {
  override name = 'Migration20261122000000Ledger';

  override up(): void {
    this.addSql(`
      do $$ begin
        if not exists (select from pg_roles where rolname = 'kredo_app') then
          create role kredo_app nologin nobypassrls;
        end if;
      end $$;`);
    // The connecting role must be allowed to SET ROLE kredo_app. Granting needs ADMIN on the role, so
    // skip it when an operator already arranged that. On PostgreSQL 16+ membership alone is not enough
    // (a CREATEROLE user is made an admin member of the roles it creates, without SET), so ask for SET.
    this.addSql(`
      do $$ begin
        if not (select rolsuper from pg_roles where rolname = current_user) then
          if current_setting('server_version_num')::int >= 160000 then
            if not pg_has_role(current_user, 'kredo_app', 'SET') then
              execute format('grant kredo_app to %I with set true', current_user);
            end if;
          elsif not pg_has_role(current_user, 'kredo_app', 'MEMBER') then
            execute format('grant kredo_app to %I', current_user);
          end if;
        end if;
      end $$;`);

    this.addSql(`create table tenant (
      id text primary key,
      name text not null check (length(name) between 1 and 200),
      created_at timestamptz not null default now()
    );`);

    this.addSql(`create table administration (
      id text primary key,
      tenant_id text not null references tenant (id),
      code text not null check (length(code) between 1 and 64),
      name text not null,
      currency char(3) not null,
      time_zone text not null,
      country char(2) not null,
      payment_term_days integer not null check (payment_term_days between 0 and 365),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (tenant_id, code),
      unique (tenant_id, id)
    );`);

    this.addSql(`create table debtor (
      id text primary key,
      tenant_id text not null,
      administration_id text not null,
      number text not null check (length(number) between 1 and 64),
      name text not null,
      type text not null check (type in ('b2b', 'b2c')),
      vat_number text,
      coc_number text,
      email text,
      phone text,
      language text,
      preferred_channel text check (preferred_channel in ('email', 'letter', 'sms', 'whatsapp', 'phone')),
      addresses jsonb not null default '[]',
      contacts jsonb not null default '[]',
      tags text[] not null default '{}',
      parent_id text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (administration_id, number),
      unique (tenant_id, administration_id, id),
      foreign key (tenant_id, administration_id) references administration (tenant_id, id),
      foreign key (tenant_id, administration_id, parent_id) references debtor (tenant_id, administration_id, id),
      check (parent_id <> id)
    );`);
    this.addSql('create index debtor_parent_idx on debtor (parent_id) where parent_id is not null;');
    this.addSql('create index debtor_name_idx on debtor (administration_id, lower(name));');

    this.addSql(`create table invoice (
      id text primary key,
      tenant_id text not null,
      administration_id text not null,
      debtor_id text not null,
      number text not null check (length(number) between 1 and 64),
      document_type text not null check (document_type in ('invoice', 'credit_note')),
      issue_date date not null,
      due_date date not null,
      amount bigint not null,
      open_amount bigint not null,
      source_open_amount bigint,
      currency char(3) not null,
      status text not null check (status in ('open', 'paid', 'cancelled', 'written_off')),
      po_number text,
      payment_reference text,
      description text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (administration_id, document_type, number),
      unique (tenant_id, id),
      foreign key (tenant_id, administration_id, debtor_id) references debtor (tenant_id, administration_id, id),
      check (due_date >= issue_date),
      check (sign(open_amount) in (0, sign(amount)) and abs(open_amount) <= abs(amount))
    );`);
    this.addSql('create index invoice_debtor_idx on invoice (debtor_id, due_date);');
    this.addSql("create index invoice_open_due_idx on invoice (tenant_id, due_date) where status = 'open';");

    this.addSql(`create table payment (
      id text primary key,
      tenant_id text not null,
      administration_id text not null,
      debtor_id text,
      external_id text,
      amount bigint not null check (amount > 0),
      currency char(3) not null,
      value_date date not null,
      method text,
      reference text,
      payer_name text,
      payer_iban text,
      created_at timestamptz not null default now(),
      unique (administration_id, external_id),
      unique (tenant_id, id),
      foreign key (tenant_id, administration_id) references administration (tenant_id, id),
      foreign key (tenant_id, administration_id, debtor_id) references debtor (tenant_id, administration_id, id)
    );`);
    this.addSql('create index payment_debtor_idx on payment (debtor_id) where debtor_id is not null;');

    this.addSql(`create table allocation (
      id text primary key,
      tenant_id text not null,
      payment_id text not null,
      invoice_id text not null,
      amount bigint not null check (amount <> 0),
      created_at timestamptz not null default now(),
      unique (payment_id, invoice_id),
      foreign key (tenant_id, payment_id) references payment (tenant_id, id) on delete cascade,
      foreign key (tenant_id, invoice_id) references invoice (tenant_id, id)
    );`);
    this.addSql('create index allocation_invoice_idx on allocation (invoice_id);');

    this.addSql(`create table idempotency_key (
      tenant_id text not null references tenant (id),
      key text not null,
      request_hash text not null,
      status_code integer not null,
      body jsonb not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, key)
    );`);

    this.addSql('alter table tenant enable row level security; alter table tenant force row level security;');
    this.addSql(
      "create policy tenant_self on tenant using (id = current_setting('kredo.tenant_id', true)) with check (id = current_setting('kredo.tenant_id', true));",
    );
    for (const table of TENANT_TABLES) {
      this.addSql(
        `alter table ${table} enable row level security; alter table ${table} force row level security;`,
      );
      this.addSql(
        `create policy tenant_isolation on ${table} using (tenant_id = current_setting('kredo.tenant_id', true)) with check (tenant_id = current_setting('kredo.tenant_id', true));`,
      );
    }
    this.addSql('grant usage on schema public to kredo_app;');
    this.addSql(`grant select, insert, update, delete on tenant, ${TENANT_TABLES.join(', ')} to kredo_app;`);
  }
}
