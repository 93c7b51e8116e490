import { Migration } from '@mikro-orm/migrations';
import { tenantIsolationSql } from './tenant-isolation-sql.ts';

/**
 * Late-payment charges as Kredo's own receivable (late-charges/): what reminders the debtor received
 * claimed, per party, episode, invoice (null for the claim's own WIK costs) and part; what payments
 * settled of them (art. 6:44 BW: costs, then interest, then principal) and what staff waived.
 * `claimed` only rises (a later reminder may claim more, never less); `paid` and `waived` are the sums
 * of the allocation and waiver rows, kept on the charge so that "open" is one expression.
 */
export class Migration20261215000000ClaimedCharges extends Migration {
  override name = 'Migration20261215000000ClaimedCharges';

  override up(): void {
    this.addSql(`create table claimed_charge (
      tenant_id text not null,
      id text not null,
      administration_id text not null,
      debtor_id text not null,
      episode integer not null check (episode >= 1),
      invoice_id text,
      part text not null check (part in ('costs', 'interest')),
      currency char(3) not null,
      claimed bigint not null check (claimed > 0),
      paid bigint not null default 0 check (paid >= 0),
      waived bigint not null default 0 check (waived >= 0),
      covers text[] not null,
      action_id text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique nulls not distinct (tenant_id, debtor_id, episode, invoice_id, part),
      check (paid + waived <= claimed),
      check (invoice_id is not null or part = 'costs'),
      foreign key (tenant_id, administration_id, debtor_id) references debtor (tenant_id, administration_id, id) on delete cascade,
      foreign key (tenant_id, invoice_id) references invoice (tenant_id, id) on delete cascade,
      foreign key (tenant_id, action_id) references dunning_action (tenant_id, id) on delete cascade
    );`);
    this.addSql(
      'create index claimed_charge_open_covers_idx on claimed_charge using gin (covers) where claimed > paid + waived;',
    );
    for (const sql of tenantIsolationSql('claimed_charge')) this.addSql(sql);

    this.addSql(`create table charge_allocation (
      tenant_id text not null,
      id text not null,
      payment_id text not null,
      claimed_charge_id text not null,
      amount bigint not null check (amount > 0),
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, payment_id) references payment (tenant_id, id) on delete cascade,
      foreign key (tenant_id, claimed_charge_id) references claimed_charge (tenant_id, id) on delete cascade
    );`);
    this.addSql('create index charge_allocation_payment_idx on charge_allocation (tenant_id, payment_id);');
    this.addSql(
      'create index charge_allocation_charge_idx on charge_allocation (tenant_id, claimed_charge_id);',
    );
    for (const sql of tenantIsolationSql('charge_allocation')) this.addSql(sql);

    this.addSql(`create table charge_waiver (
      tenant_id text not null,
      id text not null,
      claimed_charge_id text not null,
      amount bigint not null check (amount > 0),
      reason text not null check (length(reason) between 1 and 2000),
      waived_by text not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, claimed_charge_id) references claimed_charge (tenant_id, id) on delete cascade
    );`);
    this.addSql('create index charge_waiver_charge_idx on charge_waiver (tenant_id, claimed_charge_id);');
    for (const sql of tenantIsolationSql('charge_waiver')) this.addSql(sql);
  }

  override down(): void {
    this.addSql('drop table charge_waiver;');
    this.addSql('drop table charge_allocation;');
    this.addSql('drop table claimed_charge;');
  }
}
