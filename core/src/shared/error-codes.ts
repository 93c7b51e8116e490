/**
 * Every error code core answers with, its HTTP status and what it means: the one list. A DomainError
 * can only be made with a code from here and that code's status (shared/errors.ts checks both at
 * compile time), and docs/api.md's table of codes is generated from it (a test keeps them equal).
 * Codes are stable API: clients recognise errors by them. Add a code here before using it.
 */
export const ERROR_CODES = {
  // 400: the request itself is wrong.
  invalid_request: { status: 400, doc: 'A field is missing or invalid; `field` names it.' },
  missing_reference: { status: 400, doc: 'The request refers to a record that does not exist.' },
  check_violation: { status: 400, doc: 'A value breaks a rule of the ledger; the message names the rule.' },
  invalid_manifest: { status: 400, doc: 'A plugin manifest is invalid; `field` names the first problem.' },
  manifest_limit_exceeded: {
    status: 400,
    doc: 'A plugin manifest passes a size limit (origins, hooks, settings, bytes); `details.limit` names it.',
  },
  core_version_unsupported: {
    status: 400,
    doc: "The manifest's `requirements.core` does not admit this core.",
  },
  invalid_signature: {
    status: 400,
    doc: "A plugin version's signature does not verify or does not match it.",
  },
  hook_not_declared: { status: 400, doc: "The plugin's manifest does not declare that hook." },

  // 403: the caller may not do this.
  plugin_scope_denied: { status: 403, doc: 'The plugin was not granted a scope core needs for this.' },
  publisher_mismatch: { status: 403, doc: 'The token does not act for that publisher.' },
  publisher_unknown: { status: 403, doc: 'The publisher has not registered a signing key.' },
  partner_admin_required: { status: 403, doc: "Only the publisher's admin partners invite colleagues." },
  manifest_publisher_mismatch: { status: 403, doc: "The manifest's publisher is not the one who signed it." },
  plugin_owned_by_another_publisher: { status: 403, doc: 'The plugin id belongs to another publisher.' },
  note_not_author: { status: 403, doc: 'Only the author of a note may edit or delete it.' },
  portal_origin_not_allowed: {
    status: 403,
    doc: 'The page calling the portal API is on an origin the session’s tenant did not register (PUT /portal/settings).',
  },
  portal_session_required: { status: 403, doc: 'Only a debtor’s portal session may call this route.' },
  administration_not_allowed: {
    status: 403,
    doc: 'The change would write to an administration the token’s access does not reach.',
  },

  // 404: no such record, for this tenant.
  administration_not_found: { status: 404, doc: 'No administration with that id or code.' },
  debtor_not_found: { status: 404, doc: 'No debtor with that id.' },
  invoice_not_found: { status: 404, doc: 'No invoice with that id.' },
  payment_not_found: { status: 404, doc: 'No payment with that id.' },
  statement_entry_not_found: { status: 404, doc: 'No bank statement entry with that id.' },
  tenant_not_found: { status: 404, doc: 'No tenant with that id.' },
  user_not_found: { status: 404, doc: 'The account is not a member of this tenant.' },
  installation_not_found: { status: 404, doc: 'No plugin installation with that id.' },
  delivery_not_found: { status: 404, doc: 'No event delivery with that id.' },
  collection_case_not_found: { status: 404, doc: 'No collection case with that id.' },
  credit_cover_not_found: { status: 404, doc: 'No credit-insurance cover with that id.' },
  bank_statement_not_found: { status: 404, doc: 'No bank statement with that id.' },
  bank_account_not_found: { status: 404, doc: 'No bank account registered under that IBAN or account id.' },
  portal_session_not_found: { status: 404, doc: 'No portal session with that id.' },
  portal_not_built: {
    status: 404,
    doc: 'The portal widget is not built on this server: `pnpm --filter @kredo/portal run build`.',
  },
  portal_script_not_found: {
    status: 404,
    doc: 'No widget build by that name (an older build); `/portal/kredo-portal.js` is the current one.',
  },
  late_charge_rate_not_found: {
    status: 404,
    doc: 'The tenant has no own late-charge rate of that kind for that half-year.',
  },
  credit_report_document_not_found: { status: 404, doc: 'The credit report has no document.' },
  invoice_copy_unavailable: { status: 404, doc: 'No installed plugin provides a copy of the invoice.' },
  company_not_found: { status: 404, doc: 'The credit bureau found no company for the debtor.' },
  plugin_not_found: { status: 404, doc: 'No version of that plugin is published.' },
  plugin_version_not_found: { status: 404, doc: 'That plugin version is not published.' },
  publisher_key_not_found: { status: 404, doc: 'No such signing key of the publisher.' },
  task_not_found: { status: 404, doc: 'No task with that id.' },
  note_not_found: { status: 404, doc: 'No note with that id (or it was deleted).' },
  dispute_not_found: { status: 404, doc: 'No dispute with that id.' },
  dispute_type_not_found: { status: 404, doc: 'No dispute type with that code.' },
  promise_not_found: { status: 404, doc: 'No promise to pay with that id.' },
  payment_plan_not_found: { status: 404, doc: 'No payment plan with that id.' },
  report_schedule_not_found: { status: 404, doc: 'No report schedule with that id.' },
  dunning_action_not_found: { status: 404, doc: 'No dunning action with that id.' },
  dunning_run_not_found: { status: 404, doc: 'No dunning run with that id.' },
  strategy_not_found: { status: 404, doc: 'No dunning strategy (or version of it) with that id.' },
  hold_not_found: { status: 404, doc: 'No hold of that debtor with that id.' },
  claimed_charge_not_found: { status: 404, doc: 'No claimed late-payment charge with that id.' },
  api_client_not_found: { status: 404, doc: 'The tenant (or the publisher) has no API client with that id.' },
  sso_provider_not_found: { status: 404, doc: 'The tenant has no upstream SSO provider configured.' },
  sso_domain_not_found: { status: 404, doc: 'The tenant’s SSO settings list no such domain.' },
  session_not_found: {
    status: 404,
    doc: 'The user has no live session that reached this tenant with that id.',
  },
  application_not_found: { status: 404, doc: 'The tenant has no third-party application with that id.' },
  webhook_not_found: {
    status: 404,
    doc: 'No such webhook (an unknown or disabled installation, or an undeclared name).',
  },

  // 429: too many requests.
  webhook_rate_limited: {
    status: 429,
    doc: 'Too many webhook requests for the installation this minute; retry after `Retry-After`.',
  },

  // 409: the request conflicts with what is stored.
  duplicate: { status: 409, doc: 'A record with the same key exists; the message names the key.' },
  user_exists: { status: 409, doc: 'The e-mail is already a member of this tenant.' },
  domain_claimed: { status: 409, doc: 'Another tenant’s SSO settings claim the e-mail domain.' },
  invitation_not_pending: {
    status: 409,
    doc: 'The user has set a password already, or is deactivated in this tenant: there is no invitation to send again.',
  },
  partner_exists: { status: 409, doc: 'The e-mail is already a partner of this publisher.' },
  administration_exists: { status: 409, doc: 'An administration with that code exists.' },
  debtor_exists: { status: 409, doc: 'A debtor with that number exists in the administration.' },
  invoice_exists: { status: 409, doc: 'An invoice with that number exists in the administration.' },
  payment_exists: { status: 409, doc: 'A payment with that external id exists in the administration.' },
  entry_not_open: {
    status: 409,
    doc: 'The bank statement entry is not in the reconciliation queue (matched, returned or ignored): unmatch it first; `details.matchStatus` says where it stands.',
  },
  payment_reversed: {
    status: 409,
    doc: 'The payment was reversed: it can be neither reversed again nor reallocated.',
  },
  request_in_progress: {
    status: 409,
    doc: 'A request with the same Idempotency-Key is still running; retry after `Retry-After`.',
  },
  already_installed: { status: 409, doc: 'The plugin is already installed for this tenant.' },
  installation_disabled: { status: 409, doc: 'The installation is disabled.' },
  capability_not_installed: { status: 409, doc: 'No enabled plugin provides the capability.' },
  config_required: { status: 409, doc: 'A required plugin setting is missing for this version.' },
  grant_required: {
    status: 409,
    doc: 'The upgrade widens what the plugin may do; `details.widens` says how.',
  },
  same_version: { status: 409, doc: 'The installation already runs that version.' },
  version_exists: { status: 409, doc: 'That plugin version is already published.' },
  publisher_namespace_taken: {
    status: 409,
    doc: "The publisher id is inside or around another publisher's.",
  },
  collection_case_open: { status: 409, doc: 'An invoice is already in an open collection case.' },
  dispute_resolved: { status: 409, doc: 'The dispute is resolved already; it no longer changes.' },
  arrangement_closed: {
    status: 409,
    doc: 'The promise or payment plan is no longer open (kept, broken, completed, defaulted or cancelled).',
  },
  not_a_letter: { status: 409, doc: 'The dunning action is not a letter, so it has no PDF.' },
  strategy_exists: { status: 409, doc: 'A dunning strategy with that name exists in the administration.' },
  strategy_in_use: {
    status: 409,
    doc: 'The strategy is chosen by a segment or as the default; point those elsewhere before archiving it.',
  },
  delivery_delivered: { status: 409, doc: 'The event delivery has already been delivered.' },
  charge_settled: {
    status: 409,
    doc: 'The late-payment charge has nothing open to waive: it is paid or waived in full.',
  },
  bank_account_taken: {
    status: 409,
    doc: 'The bank account is registered on another administration of the tenant.',
  },
  task_not_open: { status: 409, doc: 'The task is done or cancelled: it can no longer be changed.' },
  company_ambiguous: {
    status: 409,
    doc: 'The credit bureau found several companies; `details.candidates` lists them to choose a `bureauId`.',
  },

  // 413 and 415: the body is too large or of a kind Kredo does not read.
  payload_too_large: { status: 413, doc: 'The request body is larger than the route accepts.' },
  import_too_large: {
    status: 413,
    doc: 'The import file passes `KREDO_IMPORT_MAX_BYTES`; nothing of it was written.',
  },
  unsupported_charset: { status: 415, doc: "The Content-Type's charset is not one Kredo reads." },

  // 422: well-formed, but Kredo cannot act on it.
  idempotency_key_reused: { status: 422, doc: 'The Idempotency-Key was used before with another request.' },
  mixed_currencies: { status: 422, doc: 'The invoices concerned are in more than one currency.' },
  nothing_overdue: { status: 422, doc: 'The debtor has no overdue invoice to hand off.' },
  no_strategy: {
    status: 422,
    doc: 'No dunning segment matches the debtor and its administration has no default strategy.',
  },
  nothing_to_pay: { status: 422, doc: 'The debtor has no open amount to pay.' },
  plan_rule_violated: {
    status: 422,
    doc: "The payment plan breaks a rule of the administration's arrangement settings; `details.rule` names it.",
  },
  debtor_country_unknown: {
    status: 422,
    doc: "The debtor's country is not known (a credit check needs it).",
  },
  debtor_phone_missing: { status: 422, doc: 'The debtor has no phone number for the message.' },
  debtor_phone_invalid: { status: 422, doc: "The debtor's phone number cannot be written in E.164." },
  empty_file: { status: 422, doc: 'The import file is empty.' },
  not_utf8: { status: 422, doc: 'The import file is not valid UTF-8; the message names the line.' },
  bad_encoding: { status: 422, doc: 'The import file is not valid in the encoding declared or detected.' },
  not_text: { status: 422, doc: 'The import file is not text (a binary file).' },
  bad_header: { status: 422, doc: "The CSV file's header line cannot be read." },
  missing_columns: { status: 422, doc: 'The CSV file lacks required columns; the message names them.' },
  duplicate_columns: { status: 422, doc: 'The CSV file names a column twice.' },
  not_ubl: { status: 422, doc: 'The XML file is not a UBL 2.1 invoice or credit note.' },
  bad_xml: {
    status: 422,
    doc: 'The XML file cannot be read (syntax, nesting, characters); the message names the line.',
  },
  not_bank_statement: {
    status: 422,
    doc: 'The file is not a bank statement Kredo reads: CAMT.053 versions 2 to 13, or MT940.',
  },
  bad_mt940: { status: 422, doc: 'The MT940 file cannot be read; the message names the line.' },
  invalid_amount: { status: 422, doc: 'A value is not an amount in the currency (one row of an import).' },
  invalid_currency: {
    status: 422,
    doc: 'A value is not an ISO 4217 currency, or a withdrawn one such as DEM (one row of an import).',
  },
  invalid_date: { status: 422, doc: 'A value is not a date (one row of an import).' },
  invalid_value: { status: 422, doc: 'A value cannot be read (one row of an import).' },
  missing_value: { status: 422, doc: 'A required value is missing (one row of an import).' },

  // 5xx: Kredo, or a plugin behind it, failed. No details: `requestId` finds the log line.
  bundle_digest_mismatch: {
    status: 500,
    doc: 'A stored plugin bundle no longer matches the digest its publisher signed; it will not run.',
  },
  plugin_failed: {
    status: 502,
    doc: "The plugin failed; its own code is on the installation's `lastError`.",
  },
  plugin_bad_answer: { status: 502, doc: "The plugin answered outside its capability's contract." },
  webhook_failed: { status: 502, doc: 'The plugin could not handle the webhook.' },
  plugin_unavailable: {
    status: 503,
    doc: 'The plugin call could not run now (every plugin host busy, or its process lost); retry after `Retry-After`.',
  },
  webhook_unavailable: {
    status: 503,
    doc: 'The webhook cannot be handled right now; the provider should retry.',
  },
  plugin_timeout: { status: 504, doc: 'The plugin did not answer in time.' },
  webhook_timeout: { status: 504, doc: 'The plugin did not answer the webhook in time.' },
} as const satisfies Record<string, { status: number; doc: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The status an error code is answered with. */
export type StatusOf<C extends ErrorCode> = (typeof ERROR_CODES)[C]['status'];

export function statusOf<C extends ErrorCode>(code: C): StatusOf<C> {
  return ERROR_CODES[code].status;
}

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODES, code);
}
