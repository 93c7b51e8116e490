import type {
  CapabilityMap,
  CollectionCapability,
  CreditBureauCapability,
  CreditInsuranceCapability,
  InvoiceCopyCapability,
  MessageChannelCapability,
  PayLinkCapability,
  WebhookOutcome,
  WebhookRequest,
} from './capabilities.ts';
import type { PluginContext } from './context.ts';
import type { FilterHookName, HookName, HookPayload, HookResult } from './hooks.ts';
import type { PluginManifest } from './manifest.ts';
import type { Result } from './result.ts';

type Awaitable<T> = T | Promise<T>;

/**
 * A hook handler. A filter answers with a Result (its error is recorded and the operation goes on
 * without it); an event may return nothing, or a Result whose retryable error asks for redelivery.
 */
export type HookHandler<N extends HookName> = (
  payload: HookPayload<N>,
  ctx: PluginContext,
) => N extends FilterHookName ? Awaitable<Result<HookResult<N>>> : Awaitable<Result<void> | void>;

export interface HookRegistration<N extends HookName = HookName> {
  name: N;
  handler: HookHandler<N>;
}

/** A registration for any hook: what a plugin's `hooks` list holds. */
export type AnyHookRegistration = { [N in HookName]: HookRegistration<N> }[HookName];

export interface PluginDefinition {
  manifest: PluginManifest;
  hooks?: readonly AnyHookRegistration[];
  /** The implementation of each capability the manifest lists. */
  capabilities?: Partial<CapabilityMap>;
  /**
   * A handler per webhook the manifest declares, by name. A declared webhook without one goes to the
   * `handleWebhook` of the plugin's pay-link or collection capability.
   */
  webhooks?: Readonly<Record<string, WebhookHandler>>;
}

/** Verifies and handles one inbound provider call; `fail(…)` answers the provider with a 502. */
export type WebhookHandler = (
  request: WebhookRequest,
  ctx: PluginContext,
) => Awaitable<Result<WebhookOutcome>>;

/** Returns its argument: it exists so that the editor checks the plugin against the SDK's types. */
export function definePlugin<const P extends PluginDefinition>(plugin: P): P {
  return plugin;
}

/** The handler's payload and return types follow from the hook name. */
export function defineHook<N extends HookName>(name: N, handler: HookHandler<N>): HookRegistration<N> {
  return { name, handler };
}

export function defineCreditBureau(implementation: CreditBureauCapability): CreditBureauCapability {
  return implementation;
}

export function definePayLink(implementation: PayLinkCapability): PayLinkCapability {
  return implementation;
}

export function defineInvoiceCopy(implementation: InvoiceCopyCapability): InvoiceCopyCapability {
  return implementation;
}

export function defineCollection(implementation: CollectionCapability): CollectionCapability {
  return implementation;
}

export function defineCreditInsurance(implementation: CreditInsuranceCapability): CreditInsuranceCapability {
  return implementation;
}

export function defineMessageChannel(implementation: MessageChannelCapability): MessageChannelCapability {
  return implementation;
}
