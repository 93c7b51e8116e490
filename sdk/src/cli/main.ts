#!/usr/bin/env node
import { buildCommand } from './build.ts';
import { isCliError } from './cli-error.ts';
import type { Command } from './command.ts';
import { initCommand } from './init.ts';
import { keygenCommand } from './keygen.ts';
import { loginCommand } from './login.ts';
import { publishCommand } from './publish.ts';
import { signCommand } from './sign.ts';
import { testCommand } from './test.ts';
import { validateCommand } from './validate.ts';

const commands: Command[] = [
  initCommand,
  buildCommand,
  testCommand,
  validateCommand,
  keygenCommand,
  signCommand,
  loginCommand,
  publishCommand,
];

function usage(): string {
  const lines = commands.map((command) => `  kredo-plugin ${command.usage}\n      ${command.summary}`);
  return `Usage:\n${lines.join('\n')}`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 1;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    console.error(`kredo-plugin: unknown command "${name}"\n${usage()}`);
    return 1;
  }
  try {
    await command.run(rest);
    return 0;
  } catch (error) {
    // parseArgs reports bad flags as TypeErrors with an ERR_PARSE_ARGS_* code.
    const code = (error as { code?: unknown }).code;
    if (isCliError(error) || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) {
      console.error(`kredo-plugin ${name}: ${(error as Error).message}`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
