import { describe, expect, expectTypeOf, it } from 'vitest';
import type { PluginContext } from './context.ts';
import {
  defineCreditBureau,
  defineHook,
  defineMessageChannel,
  definePayLink,
  definePlugin,
} from './define.ts';
import type {
  InvoiceCopyResult,
  InvoiceOverdueEvent,
  ReminderComposeInput,
  ReminderComposeResult,
} from './hooks.ts';
import { fail, ok, type Result } from './result.ts';

describe('defineHook', () => {
  it('types the payload and the result from the hook name', () => {
    const compose = defineHook('reminder.compose', (reminder, ctx) => {
      expectTypeOf(reminder).toEqualTypeOf<ReminderComposeInput>();
      expectTypeOf(ctx).toEqualTypeOf<PluginContext>();
      return ok({ links: [{ label: 'Pay now', url: `https://pay.example.com/${reminder.reminderId}` }] });
    });
    expectTypeOf(compose.name).toEqualTypeOf<'reminder.compose'>();
    expectTypeOf(compose.handler).returns.toEqualTypeOf<
      Result<ReminderComposeResult> | Promise<Result<ReminderComposeResult>>
    >();

    const overdue = defineHook('invoice.overdue', async (event) => {
      expectTypeOf(event).toEqualTypeOf<InvoiceOverdueEvent>();
      expectTypeOf(event.invoice.openAmount.amount).toBeNumber();
    });
    expect(overdue.name).toBe('invoice.overdue');

    defineHook('invoice.copy', () => {
      const none: InvoiceCopyResult = null;
      return ok(none);
    });
  });

  it('refuses a handler whose result does not fit the hook', () => {
    // @ts-expect-error a filter must answer with a Result, not a bare value
    defineHook('reminder.compose', () => ({ links: [] }));
    // @ts-expect-error reminder.compose cannot return an invoice copy
    defineHook('reminder.compose', () => ok({ contentType: 'application/pdf', base64: '' }));
    // @ts-expect-error not a hook in the catalogue
    defineHook('invoice.deleted', () => undefined);
  });

  it('returns the name and the handler unchanged', () => {
    const handler = () => undefined;
    expect(defineHook('debtor.created', handler)).toEqual({ name: 'debtor.created', handler });
  });
});

describe('capability helpers', () => {
  it('type the inputs of each operation', () => {
    const payLink = definePayLink({
      createLink: (input) => {
        expectTypeOf(input.amount).toBeNumber();
        expectTypeOf(input.invoiceIds).toEqualTypeOf<string[]>();
        return ok({
          url: 'https://pay.example.com/x',
          expiresAt: '2026-12-01T00:00:00Z',
          providerReference: 'tr_1',
        });
      },
      handleWebhook: () => ok({ response: { status: 200 } }),
    });
    expectTypeOf(payLink.createLink).parameter(1).toEqualTypeOf<PluginContext>();

    defineMessageChannel({
      send: (message) => {
        expectTypeOf(message.channel).toEqualTypeOf<'sms' | 'whatsapp'>();
        return ok({ status: 'queued', providerMessageId: 'm1' });
      },
    });

    defineCreditBureau({
      searchCompany: () => ok([]),
      // @ts-expect-error suggestedLimit is Money, not a bare number
      getReport: () => ok({ score: 80, rating: 'A', suggestedLimit: 5000 }),
    });
  });

  it('returns the implementation unchanged', () => {
    const implementation = {
      send: () => fail('provider_down', 'SMS gateway unavailable', { retryable: true }),
    };
    expect(defineMessageChannel(implementation)).toBe(implementation);
  });
});

describe('definePlugin', () => {
  it('keeps the literal types of what it is given', () => {
    const plugin = definePlugin({
      manifest: {
        id: 'com.example.sms',
        name: 'SMS',
        version: '0.1.0',
        publisher: { id: 'com.example', name: 'Example' },
        requirements: { core: '^0.1.0' },
        capabilities: ['messageChannel'],
      },
      hooks: [defineHook('payment.received', () => undefined)],
    });
    expectTypeOf(plugin.manifest.id).toEqualTypeOf<'com.example.sms'>();
    expectTypeOf(plugin.hooks[0].name).toEqualTypeOf<'payment.received'>();
    expect(plugin.manifest.capabilities).toEqual(['messageChannel']);
  });

  it('refuses a manifest with a capability outside the catalogue', () => {
    definePlugin({
      manifest: {
        id: 'com.example.x',
        name: 'X',
        version: '0.1.0',
        publisher: { id: 'com.example', name: 'Example' },
        requirements: { core: '^0.1.0' },
        // @ts-expect-error teleport is not a capability
        capabilities: ['teleport'],
      },
    });
  });
});
