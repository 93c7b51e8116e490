import type { SandboxResult } from '../sandbox/index.ts';
import type { PluginTesterOptions } from '../testing/index.ts';
import { CliError } from './cli-error.ts';

/** One `test/*.scenario.json`: an entry point, its input, the world it runs in, and what must come out. */
export interface Scenario {
  name: string;
  hook: string;
  payload?: unknown;
  config?: PluginTesterOptions['config'];
  secrets?: PluginTesterOptions['secrets'];
  grantedScopes?: string[];
  http?: { recorded?: NonNullable<PluginTesterOptions['http']>['recorded'] };
  core?: PluginTesterOptions['core'];
  storage?: Record<string, unknown>;
  expect: { ok: true; value?: unknown } | { ok: false; code: string };
}

/** Checks a parsed scenario file's shape; a bad one is the author's mistake, named with its file. */
export function parseScenario(input: unknown, file: string): Scenario {
  const fail = (message: string) => new CliError(`${file}: ${message}`);
  if (!isObject(input)) throw fail('a scenario is a JSON object');
  if (input.name !== undefined && typeof input.name !== 'string') throw fail('name must be a string');
  if (typeof input.hook !== 'string' || input.hook === '') throw fail('hook must name an entry point');
  for (const key of ['config', 'secrets', 'http', 'core', 'storage'] as const) {
    if (input[key] !== undefined && !isObject(input[key])) throw fail(`${key} must be an object`);
  }
  if (input.grantedScopes !== undefined && !Array.isArray(input.grantedScopes))
    throw fail('grantedScopes must be a list');
  const expected = input.expect;
  if (!isObject(expected) || typeof expected.ok !== 'boolean')
    throw fail('expect must be { "ok": true|false, … }');
  if (expected.ok === false && typeof expected.code !== 'string')
    throw fail('expect.code must name the error code when expect.ok is false');
  return { ...input, name: (input.name as string | undefined) ?? file } as Scenario;
}

/**
 * What a scenario's expectation is checked against: a sandbox failure (timeout, cpu_limit …) as it
 * is, and for a call that returned, the plugin's own `Result` when it returned one.
 */
export function outcomeOf(
  result: SandboxResult<unknown>,
): { ok: true; value: unknown } | { ok: false; code: string; message: string } {
  if (!result.ok) return { ok: false, code: result.error.code, message: result.error.message };
  const value = result.value;
  if (isObject(value) && value.ok === true) return { ok: true, value: value.value };
  if (isObject(value) && value.ok === false && isObject(value.error)) {
    return { ok: false, code: String(value.error.code), message: String(value.error.message ?? '') };
  }
  return { ok: true, value };
}

/** Why the outcome misses the expectation (the first mismatching path), or `undefined` when it meets it. */
export function mismatch(scenario: Scenario, result: SandboxResult<unknown>): string | undefined {
  const outcome = outcomeOf(result);
  const expected = scenario.expect;
  if (expected.ok) {
    if (!outcome.ok) return `expected ok, got ${outcome.code}: ${outcome.message}`;
    return expected.value === undefined ? undefined : firstDifference(expected.value, outcome.value, 'value');
  }
  if (outcome.ok) return `expected ${expected.code}, got ok`;
  if (outcome.code !== expected.code)
    return `expected ${expected.code}, got ${outcome.code}: ${outcome.message}`;
  return undefined;
}

/** Objects match when every expected key matches (extra keys are fine); arrays element by element. */
function firstDifference(expected: unknown, actual: unknown, at: string): string | undefined {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      return `${at}: expected ${show(expected)}, got ${show(actual)}`;
    }
    for (const [index, item] of expected.entries()) {
      const found = firstDifference(item, actual[index], `${at}[${index}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (isObject(expected)) {
    if (!isObject(actual)) return `${at}: expected an object, got ${show(actual)}`;
    for (const [key, item] of Object.entries(expected)) {
      const found = firstDifference(item, actual[key], `${at}.${key}`);
      if (found) return found;
    }
    return undefined;
  }
  return Object.is(expected, actual) ? undefined : `${at}: expected ${show(expected)}, got ${show(actual)}`;
}

function show(value: unknown): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
