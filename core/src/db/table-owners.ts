/**
 * Which folder of `core/src/` owns each table the migrations create. Only the owner writes SQL naming
 * its tables; another module goes through the owner's service or a SQL fragment the owner exports
 * (docs/architecture.md). `db/table-owners.test.ts` checks this list against the migrated database
 * and every folder's SQL against this list.
 */
export const tableOwners = {
  tenant: 'tenants',
  administration: 'administrations',
  debtor: 'debtors',
  invoice: 'invoices',
  invoice_overdue_notice: 'invoices',
  payment: 'payments',
  allocation: 'payments',
  idempotency_key: 'http',
  outbox_event: 'events',
  event_delivery: 'events',
  publisher: 'marketplace',
  publisher_key: 'marketplace',
  plugin_version: 'marketplace',
  installation: 'marketplace',
  plugin_storage: 'plugin-host',
  plugin_log: 'plugin-logs',
  pay_link: 'pay-links',
  credit_report: 'credit-checks',
  collection_case: 'collection',
  credit_cover: 'credit-cover',
  insurer_notice: 'insurer-notices',
  debtor_message: 'messages',
  dunning_strategy: 'dunning',
  dunning_strategy_version: 'dunning',
  dunning_segment: 'dunning',
  dunning_settings: 'dunning',
  dunning_state: 'dunning',
  dunning_run: 'dunning',
  dunning_action: 'dunning',
  dunning_pause: 'dunning',
  task: 'tasks',
  late_charge_rate: 'late-charges',
  claimed_charge: 'late-charges',
  charge_allocation: 'late-charges',
  charge_waiver: 'late-charges',
  note: 'notes',
  dispute_type: 'disputes',
  dispute_settings: 'disputes',
  dispute: 'disputes',
  arrangement_settings: 'promises',
  payment_promise: 'promises',
  payment_plan: 'promises',
  portal_session: 'portal',
  portal_setting: 'portal',
} as const satisfies Record<string, string>;

export type TableName = keyof typeof tableOwners;
