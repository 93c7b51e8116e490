import { describe, expect, expectTypeOf, it } from 'vitest';
import { CAPABILITIES, CAPABILITY_NAMES } from './capabilities.ts';
import { type EventHookName, type FilterHookName, HOOK_NAMES, HOOKS, isHookName } from './hooks.ts';

describe('the hook catalogue', () => {
  it('lists each hook under its own name, with a kind and a one-line description', () => {
    for (const name of HOOK_NAMES) {
      const hook = HOOKS[name];
      expect(hook.name).toBe(name);
      expect(['filter', 'event']).toContain(hook.kind);
      expect(hook.receives).not.toMatch(/\n/);
      expect(hook.returns).not.toMatch(/\n/);
    }
  });

  it('splits filters and events by kind, in the data and in the types', () => {
    expect(HOOK_NAMES.filter((name) => HOOKS[name].kind === 'filter')).toEqual([
      'reminder.compose',
      'invoice.copy',
    ]);
    expectTypeOf<FilterHookName>().toEqualTypeOf<'reminder.compose' | 'invoice.copy'>();
    expectTypeOf<EventHookName>().toEqualTypeOf<
      | 'invoice.created'
      | 'invoice.overdue'
      | 'payment.received'
      | 'payment.reversed'
      | 'payment.reallocated'
      | 'dispute.opened'
      | 'debtor.created'
      | 'debtor.credit_limit_exceeded'
      | 'dispute.resolved'
      | 'dunning.action.created'
      | 'dunning.message.sent'
      | 'promise.made'
      | 'promise.kept'
      | 'promise.broken'
      | 'plan.created'
      | 'plan.completed'
      | 'plan.defaulted'
    >();
  });

  it('does not take inherited keys for hook names', () => {
    expect(isHookName('invoice.overdue')).toBe(true);
    expect(isHookName('toString')).toBe(false);
    expect(isHookName('__proto__')).toBe(false);
  });
});

describe('the capability catalogue', () => {
  it('holds the six capabilities', () => {
    expect(CAPABILITY_NAMES).toEqual([
      'creditBureau',
      'payLink',
      'invoiceCopy',
      'collection',
      'creditInsurance',
      'messageChannel',
    ]);
    expect(CAPABILITIES.payLink.operations).toEqual(['createLink', 'handleWebhook']);
  });
});
