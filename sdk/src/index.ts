// What a plugin author uses. Host internals are in `@kredo/sdk/host`, the sandbox in `@kredo/sdk/sandbox`,
// the test kit in `@kredo/sdk/testing`.
export type {
  CapabilityMap,
  CapabilityMethod,
  CapabilityName,
  CollectionCapability,
  CollectionCase,
  CollectionHandOffInput,
  CollectionStatus,
  CollectionStatusUpdate,
  CollectionWebhookOutcome,
  CompanyCandidate,
  CompanySearchInput,
  Cover,
  CoverRequest,
  CreditBureauCapability,
  CreditInsuranceCapability,
  CreditReport,
  CreditReportInput,
  InvoiceCopy,
  InvoiceCopyCapability,
  InvoiceCopyRequest,
  MessageChannelCapability,
  MessageInput,
  MessageReceipt,
  OverdueNotice,
  PayLink,
  PayLinkCapability,
  PayLinkInput,
  PayLinkWebhookOutcome,
  PaymentRegistration,
  WebhookOutcome,
  WebhookRequest,
  WebhookResponse,
} from './capabilities.ts';
export { CAPABILITIES, CAPABILITY_NAMES } from './capabilities.ts';
export type {
  HttpRequest,
  HttpResponse,
  JsonValue,
  PluginContext,
  PluginCore,
  PluginHttp,
  PluginLog,
  PluginStorage,
} from './context.ts';
export type {
  AnyHookRegistration,
  HookHandler,
  HookRegistration,
  PluginDefinition,
  WebhookHandler,
} from './define.ts';
export {
  defineCollection,
  defineCreditBureau,
  defineCreditInsurance,
  defineHook,
  defineInvoiceCopy,
  defineMessageChannel,
  definePayLink,
  definePlugin,
} from './define.ts';
export type {
  DebtorCreatedEvent,
  DebtorCreditLimitExceededEvent,
  DisputeOpenedEvent,
  DisputeResolvedEvent,
  DunningActionCreatedEvent,
  DunningMessageSentEvent,
  EventEnvelope,
  EventHookName,
  FilterHookName,
  HookDescription,
  HookKind,
  HookMap,
  HookName,
  HookPayload,
  HookResult,
  InvoiceCopyInput,
  InvoiceCopyResult,
  InvoiceCreatedEvent,
  InvoiceOverdueEvent,
  PaymentPlanEvent,
  PaymentReallocatedEvent,
  PaymentReceivedEvent,
  PaymentReversedEvent,
  PromiseEvent,
  ReminderChannel,
  ReminderComposeInput,
  ReminderComposeResult,
} from './hooks.ts';
export { HOOK_NAMES, HOOKS } from './hooks.ts';
export type { ConfigField, ManifestHook, ManifestValidation, PluginManifest } from './manifest.ts';
export { PUBLISHER_ID, validateManifest } from './manifest.ts';
export type { ManifestError } from './manifest-checks.ts';
export { MANIFEST_LIMITS, type ManifestLimit } from './manifest-limits.ts';
export { currencyDecimals, type Money } from './money.ts';
export type {
  DebtorRecord,
  DisputeRecord,
  DunningActionRecord,
  InvoiceRecord,
  PaymentPlanRecord,
  PaymentRecord,
  PromiseRecord,
} from './records.ts';
export type { Failure, PluginError, Result } from './result.ts';
export { fail, ok } from './result.ts';
export type { Scope } from './scopes.ts';
export { SCOPE_NAMES, SCOPES } from './scopes.ts';
