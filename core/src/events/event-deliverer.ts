/**
 * What the event pipeline needs from the plugin runtime, and nothing more: who subscribes to a hook,
 * and a way to hand one event to one installation. The runtime (plugin-runtime/) implements it with
 * its `hooksFor` and `invoke`; tests implement it with a fake.
 */
export interface EventDeliverer {
  /** The installations of `tenantId` subscribed to event hook `hook`, in delivery order. */
  hooksFor(tenantId: string, hook: string): Promise<readonly EventSubscriber[]>;
  /**
   * Hands `event` to one installation. Resolves with the outcome; a rejection counts as a retryable
   * failure. Must tolerate the same `event.idempotencyKey` more than once: delivery is at least once.
   */
  deliver(
    tenantId: string,
    installationId: string,
    hook: string,
    event: EventEnvelope,
  ): Promise<DeliveryResult>;
}

export interface EventSubscriber {
  installationId: string;
}

/** What a plugin receives for one event. */
export interface EventEnvelope {
  /** `${eventId}:${installationId}`: the same on every retry of this delivery. */
  idempotencyKey: string;
  eventId: string;
  name: string;
  /** ISO 8601 instant the change committed in. */
  occurredAt: string;
  data: unknown;
}

/** Errors crossing the queue travel as data (STYLE rule 6): recognised by `code`. */
export interface DeliveryError {
  code: string;
  message: string;
  retryable: boolean;
}

export type DeliveryResult = { ok: true } | { ok: false; error: DeliveryError };

/** A deliverer with no subscribers: events are recorded and dispatched to nobody. */
export const noSubscribers: EventDeliverer = {
  hooksFor: async () => [],
  deliver: async () => ({
    ok: false,
    error: { code: 'no_runtime', message: 'no plugin runtime', retryable: false },
  }),
};
