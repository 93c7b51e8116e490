export { type PluginAnswer, pluginAnswer, runFailureStatus } from './plugin-answer.ts';
export { createPluginRuntime, type PluginRuntime, type PluginRuntimeOptions } from './plugin-runtime.ts';
export type { PluginRefusalCode, PluginRunError, PluginRunResult } from './run-result.ts';
export type { PluginRuntimeConfig } from './runtime-config.ts';
