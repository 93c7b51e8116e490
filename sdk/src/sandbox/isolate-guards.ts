/**
 * Code that runs in every plugin isolate before the runtime and the bundle: it removes or caps the
 * builtins whose memory V8 allocates outside the heap isolated-vm limits, or whose work cannot be
 * interrupted at the CPU limit. Measured on isolated-vm 7 / V8 13 with a 16 MiB isolate:
 *
 * - Resizable ArrayBuffers (`new ArrayBuffer(0, { maxByteLength })` then `resize`) commit pages
 *   through a path the isolate's allocator never sees: eight of them grew a process by 256 MiB.
 *   The constructor refuses `maxByteLength`, and `resize` is gone. Fixed-length buffers, and
 *   `transfer` of them, go through the counted allocator and stay as they are.
 * - `Intl` objects keep ICU data outside the heap: 50,000 retained `Intl.DateTimeFormat`s took
 *   850 MiB, and constructing them in a loop without keeping them grew the process as much,
 *   because the small heap never asks for a collection. Every `Intl` constructor now answers one
 *   shared, immutable instance per distinct (locales, options), at most `maxIntlInstances` of them
 *   per isolate; `Intl.Segmenter` (a break iterator per `segment()` call) and V8's
 *   `Intl.v8BreakIterator` are removed. Options are read once, own and inherited enumerable
 *   values, as the constructors would read them.
 *
 * Work the CPU limit cannot interrupt is not fixed here: many builtins run in C++ to the end
 * (a typed-array `sort`, `split`, `JSON.parse`, `normalize`: 0.2 to 1.3 s on inputs a 32 MiB heap
 * allows; passing a JavaScript comparator only halved the sort, its copy phase runs uninterrupted
 * too). The plugin-host process's watchdog cuts such a slice, with the process, when it overruns
 * its budget (core/src/plugin-host/worker-watchdog.ts). This file is the first wall, not the only one.
 *
 * Evaluated as a closure with the instance cap as `$0`; it leaves nothing in the global scope.
 */
export const isolateGuardsSource = `
'use strict';
const maxIntlInstances = $0;
const global = globalThis;
const defineProperty = Object.defineProperty;
const construct = Reflect.construct;
const apply = Reflect.apply;
const ProxyCtor = Proxy;
const MapCtor = Map;
const mapGet = Map.prototype.get;
const mapSet = Map.prototype.set;
const stringify = JSON.stringify;
const isArray = Array.isArray;
const RangeErrorCtor = RangeError;

function replace(target, name, value) {
  defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false });
}

// 1. Fixed-length ArrayBuffers only.
const NativeArrayBuffer = global.ArrayBuffer;
delete NativeArrayBuffer.prototype.resize;
const SafeArrayBuffer = new ProxyCtor(NativeArrayBuffer, {
  construct(target, args, newTarget) {
    const options = args[1];
    if (options !== null && (typeof options === 'object' || typeof options === 'function')) {
      if (options.maxByteLength !== undefined) {
        throw new RangeErrorCtor('resizable ArrayBuffers are not available to plugins');
      }
    }
    return construct(target, [args[0]], newTarget === SafeArrayBuffer ? target : newTarget);
  },
});
replace(NativeArrayBuffer.prototype, 'constructor', SafeArrayBuffer);
replace(global, 'ArrayBuffer', SafeArrayBuffer);

// 2. Intl: one instance per distinct configuration, a bounded number of them.
const Intl = global.Intl;
if (Intl !== undefined) {
  delete Intl.Segmenter;
  delete Intl.v8BreakIterator;
  const canonicalLocales = Intl.getCanonicalLocales;
  const instances = new MapCtor();
  let created = 0;
  const readOptions = (options) => {
    if (options === undefined) return undefined;
    if (options === null || (typeof options !== 'object' && typeof options !== 'function')) return options;
    const copy = {};
    for (const key in options) {
      const value = options[key];
      const type = typeof value;
      if (type === 'string' || type === 'number' || type === 'boolean' || value === undefined) copy[key] = value;
      else if (isArray(value)) copy[key] = value.slice();
      else copy[key] = String(value);
    }
    return copy;
  };
  const make = (name, target, args, newTarget) => {
    const locales = args[0] === undefined ? undefined : apply(canonicalLocales, Intl, [args[0]]);
    const first = name === 'Locale' ? (locales === undefined ? args[0] : locales[0]) : locales;
    const options = readOptions(args[1]);
    const key = name + ' ' + stringify([first === undefined ? null : first, options === undefined ? null : options]);
    const cached = newTarget === target ? apply(mapGet, instances, [key]) : undefined;
    if (cached !== undefined) return cached;
    if (created >= maxIntlInstances) {
      throw new RangeErrorCtor('a plugin may create at most ' + maxIntlInstances + ' distinct Intl objects');
    }
    created++;
    const instance = construct(target, options === undefined ? [first] : [first, options], newTarget);
    if (newTarget === target) apply(mapSet, instances, [key, instance]);
    return instance;
  };
  for (const name of Object.getOwnPropertyNames(Intl)) {
    const Native = Intl[name];
    if (typeof Native !== 'function' || typeof Native.prototype !== 'object') continue;
    const Shared = new ProxyCtor(Native, {
      construct: (target, args, newTarget) => make(name, target, args, newTarget === Shared ? target : newTarget),
      // Called without new, the formatters construct too; Intl.Locale throws, as it should.
      apply: (target, thisArg, args) => (name === 'Locale' ? apply(target, thisArg, args) : make(name, target, args, target)),
    });
    replace(Native.prototype, 'constructor', Shared);
    replace(Intl, name, Shared);
  }
}
`;
