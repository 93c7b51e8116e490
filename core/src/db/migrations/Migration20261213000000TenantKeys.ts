import { Migration } from '@mikro-orm/migrations';

// Tenant tables keyed by `id` alone.
const ID_KEYED = [
  'administration',
  'debtor',
  'invoice',
  'payment',
  'allocation',
  'outbox_event',
  'installation',
  'credit_report',
  'pay_link',
  'collection_case',
  'credit_cover',
  'plugin_log',
  'insurer_notice',
  'debtor_message',
];

// Tables that also had `unique (tenant_id, id)` for composite foreign keys to point at: the new primary
// key takes its place, so the foreign keys to it are dropped and made again, under the same names, as
// `(tenant_id, <column>) references <table> (tenant_id, id)`.
const TENANT_ID_UNIQUE = ['administration', 'invoice', 'payment', 'outbox_event'];
const FOREIGN_KEYS_TO_THEM: [table: string, column: string, references: string, onDelete?: 'cascade'][] = [
  ['debtor', 'administration_id', 'administration'],
  ['payment', 'administration_id', 'administration'],
  ['allocation', 'payment_id', 'payment', 'cascade'],
  ['allocation', 'invoice_id', 'invoice'],
  ['invoice_overdue_notice', 'invoice_id', 'invoice', 'cascade'],
  ['insurer_notice', 'invoice_id', 'invoice', 'cascade'],
  ['event_delivery', 'event_id', 'outbox_event', 'cascade'],
];

/**
 * Every key of a tenant table includes `tenant_id`: primary keys become `(tenant_id, id)` and the
 * ERP keys and idempotency keys are unique per tenant and administration, as a PostgreSQL distributed
 * by tenant (Citus) requires, since it checks a unique key only within one tenant's node. Nothing
 * becomes allowed that was refused before: an administration, a payment, an outbox event belong to one
 * tenant, so a key that was unique per administration or event is the same key with the tenant in
 * front. Ids stay globally unique (`newId`); the ORM entities keep `id` as their identity.
 * Foreign keys between tenant tables already paired `tenant_id`.
 * The webhook route's cross-tenant lookup (`installation_tenant`) finds an installation by id alone,
 * so `installation` keeps an index on `id`. Rebuilding the keys locks each table while it runs.
 */
export class Migration20261213000000TenantKeys extends Migration {
  override name = 'Migration20261213000000TenantKeys';

  override up(): void {
    for (const [table, column] of FOREIGN_KEYS_TO_THEM) {
      this.addSql(`alter table ${table} drop constraint ${table}_tenant_id_${column}_fkey;`);
    }
    for (const table of TENANT_ID_UNIQUE) {
      this.addSql(`alter table ${table} drop constraint ${table}_tenant_id_id_key;`);
    }
    for (const table of ID_KEYED) {
      this.addSql(
        `alter table ${table} drop constraint ${table}_pkey, add constraint ${table}_pkey primary key (tenant_id, id);`,
      );
    }
    for (const [table, column, references, onDelete] of FOREIGN_KEYS_TO_THEM) {
      this.addSql(`alter table ${table} add constraint ${table}_tenant_id_${column}_fkey
        foreign key (tenant_id, ${column}) references ${references} (tenant_id, id)${onDelete ? ' on delete cascade' : ''};`);
    }
    this.addSql('create index installation_id_idx on installation (id);');

    this.addSql(`alter table debtor drop constraint debtor_administration_id_number_key,
      add constraint debtor_tenant_id_administration_id_number_key unique (tenant_id, administration_id, number);`);
    this.addSql(`alter table invoice drop constraint invoice_administration_id_document_type_number_key,
      add constraint invoice_tenant_id_administration_id_document_type_number_key
        unique (tenant_id, administration_id, document_type, number);`);
    this.addSql(`alter table payment drop constraint payment_administration_id_external_id_key,
      add constraint payment_tenant_id_administration_id_external_id_key
        unique (tenant_id, administration_id, external_id);`);
    this.addSql(`alter table allocation drop constraint allocation_payment_id_invoice_id_key,
      add constraint allocation_tenant_id_payment_id_invoice_id_key unique (tenant_id, payment_id, invoice_id);`);
    this.addSql(`alter table event_delivery drop constraint event_delivery_pkey,
      add constraint event_delivery_pkey primary key (tenant_id, event_id, installation_id);`);
  }
}
