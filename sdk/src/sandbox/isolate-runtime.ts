/**
 * The code that runs first in every plugin isolate, before the plugin's bundle.
 *
 * Bundle format (what `kredo-plugin build` emits): one classic script, no imports or exports,
 * that assigns its hooks to a global and nothing else at load:
 *
 *   globalThis.__kredo = {
 *     hooks: {
 *       'invoice.overdue': async (payload, ctx) => { await ctx.log('info', 'hi'); return { … }; },
 *     },
 *   };
 *
 * A hook gets a JSON copy of the payload and a `ctx` with `log(level, message)`,
 * `storage.get(key)`, `storage.set(key, value)`, `storage.delete(key)`, `storage.list(prefix?)`,
 * `http.fetch({ url, method?, headers?, body? })`, `core.getDebtor(id)`, `core.getInvoice(id)`,
 * `core.listOpenInvoices(debtorId)` and `config` (the installation's non-secret settings, frozen);
 * each returns a promise of a JSON copy, or rejects with an Error carrying `code` and `retryable`.
 * What the hook returns (or resolves to) must be JSON.
 *
 * This runtime is evaluated as a closure over two host callbacks ($0 bridge, $1 settle) and the
 * payload limit ($2). It keeps them and the builtins it relies on in its own scope, so plugin code
 * never holds a host function and replacing `JSON`, `Promise.prototype.then` and the like only
 * changes the plugin's own world. Callbacks take and return strings and numbers only.
 * It returns { loadHooks, start, deliver, abort } for the host to call through References.
 */
export const isolateRuntimeSource = `
'use strict';
const bridge = $0;
const settle = $1;
const maxChars = $2;
const parse = JSON.parse;
const stringify = JSON.stringify;
const keys = Object.keys;
const freeze = Object.freeze;
const defineProperty = Object.defineProperty;
const apply = Reflect.apply;
const then = Promise.prototype.then;
const PromiseCtor = Promise;
const ErrorCtor = Error;
const StringCtor = String;
const global = globalThis;

// Not part of the plugin API, and the ways around the heap limit or into shared memory.
delete global.WebAssembly;
delete global.SharedArrayBuffer;
delete global.Atomics;

const hooks = Object.create(null);
/** callId → (requestId → { resolve, reject }) for host calls in flight. */
const inFlight = Object.create(null);

function describe(thrown) {
  try {
    if (thrown === null) return 'null';
    const type = typeof thrown;
    if (type === 'undefined') return 'undefined';
    if (type === 'symbol') return 'Symbol(' + StringCtor(thrown.description) + ')';
    if (type === 'object' || type === 'function') {
      let name = '';
      let message = '';
      try { const value = thrown.name; if (typeof value === 'string') name = value; } catch {}
      try { const value = thrown.message; if (typeof value === 'string') message = value; } catch {}
      if (name !== '' && message !== '') return name + ': ' + message;
      if (name !== '' || message !== '') return name + message;
      return 'a non-error object was thrown';
    }
    return StringCtor(thrown);
  } catch {
    return 'an unprintable value was thrown';
  }
}

function codedError(error) {
  const result = new ErrorCtor(StringCtor(error.message));
  defineProperty(result, 'code', { value: StringCtor(error.code), enumerable: true });
  defineProperty(result, 'retryable', { value: error.retryable === true, enumerable: true });
  return result;
}

function request(callId, op, args) {
  return new PromiseCtor((resolve, reject) => {
    const answer = parse(bridge(callId, op, stringify(args)));
    if (!answer.ok) return reject(codedError(answer.error));
    const pending = inFlight[callId];
    if (pending !== undefined) pending[answer.id] = { resolve, reject };
  });
}

function deepFreeze(value) {
  if (value !== null && typeof value === 'object') {
    for (const key of keys(value)) deepFreeze(value[key]);
    freeze(value);
  }
  return value;
}

function makeCtx(callId, config) {
  return freeze({
    log: (level, message) => request(callId, 'log', [level, message]),
    storage: freeze({
      get: (key) => request(callId, 'storage.get', [key]),
      set: (key, value) => request(callId, 'storage.set', [key, value]),
      delete: (key) => request(callId, 'storage.delete', [key]),
      list: (prefix) => request(callId, 'storage.list', prefix === undefined ? [] : [prefix]),
    }),
    http: freeze({ fetch: (req) => request(callId, 'http.fetch', [req]) }),
    core: freeze({
      getDebtor: (id) => request(callId, 'core.getDebtor', [id]),
      getInvoice: (id) => request(callId, 'core.getInvoice', [id]),
      listOpenInvoices: (debtorId) => request(callId, 'core.listOpenInvoices', [debtorId]),
    }),
    config: deepFreeze(parse(configJson(config))),
  });
}

function configJson(text) {
  return typeof text === 'string' ? text : '{}';
}

function finish(callId, value) {
  let text;
  try {
    text = stringify(value);
  } catch (thrown) {
    return settle(callId, 'error', 'the result is not JSON: ' + describe(thrown));
  }
  if (text !== undefined && text.length > maxChars) return settle(callId, 'too_large', text.length);
  settle(callId, 'ok', text);
}

return {
  loadHooks() {
    const exported = global.__kredo;
    const source = exported == null ? undefined : exported.hooks;
    if (source == null || typeof source !== 'object') return stringify({ ok: false });
    const names = [];
    for (const name of keys(source)) {
      const hook = source[name];
      if (typeof hook === 'function') {
        hooks[name] = hook;
        names[names.length] = name;
      }
    }
    return stringify({ ok: true, names });
  },
  start(callId, hookName, payloadJson, configText) {
    const hook = hooks[hookName];
    if (typeof hook !== 'function') return 'hook_not_found';
    inFlight[callId] = Object.create(null);
    let result;
    try {
      result = hook(parse(payloadJson), makeCtx(callId, configText));
    } catch (thrown) {
      settle(callId, 'error', describe(thrown));
      return 'started';
    }
    const handlers = [(value) => finish(callId, value), (thrown) => settle(callId, 'error', describe(thrown))];
    // The captured then() brand-checks: a real promise is awaited without looking up its (perhaps
    // replaced) then; anything else is resolved like await would.
    try {
      apply(then, result, handlers);
    } catch {
      apply(then, new PromiseCtor((resolve) => resolve(result)), handlers);
    }
    return 'started';
  },
  deliver(callId, requestId, outcomeJson) {
    const pending = inFlight[callId];
    const waiter = pending === undefined ? undefined : pending[requestId];
    if (waiter === undefined) return;
    delete pending[requestId];
    const outcome = parse(outcomeJson);
    if (outcome.ok) waiter.resolve(outcome.value);
    else waiter.reject(codedError(outcome.error));
  },
  abort(callId) {
    delete inFlight[callId];
  },
};
`;
