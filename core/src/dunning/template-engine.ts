import { Liquid } from 'liquidjs';
import { SAMPLE_REMINDER } from './template-variables.ts';

/**
 * The one LiquidJS engine for user-edited templates: no file system (no include of files), strict
 * variables and filters (a misspelt name is an error, not an empty string), own properties only, and
 * limits on template size and rendering work so a template cannot stall a run. HTML output escapes
 * values (`outputEscape: 'escape'`); text output does not.
 */
export function templateEngine(output: 'html' | 'text'): Liquid {
  return output === 'html' ? htmlEngine : textEngine;
}

const limits = { parseLimit: 100_000, renderLimit: 200, memoryLimit: 10_000_000 };
const common = {
  strictVariables: true,
  strictFilters: true,
  ownPropertyOnly: true,
  templates: {},
  ...limits,
};
const htmlEngine = new Liquid({ ...common, outputEscape: 'escape' });
const textEngine = new Liquid({ ...common });

/**
 * Renders `source` against the sample reminder: the error message when it does not parse or names
 * something a reminder does not have, else null. What strategy validation runs on every template field.
 */
export async function templateError(source: string, output: 'html' | 'text'): Promise<string | null> {
  try {
    const engine = templateEngine(output);
    await engine.parseAndRender(source, SAMPLE_REMINDER);
    return null;
  } catch (error) {
    return error instanceof Error ? (error.message.split('\n')[0] ?? 'does not render') : 'does not render';
  }
}
