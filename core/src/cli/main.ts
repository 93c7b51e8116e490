import { ConfigError } from '../config/load-config.ts';
import { benchCommand } from './bench-command.ts';
import type { Command } from './command.ts';
import { configCommand } from './config-command.ts';
import { importCommand } from './import-command.ts';
import { migrateCommand } from './migrate-command.ts';
import { startCommand } from './start-command.ts';
import { tokenCommand } from './token-command.ts';

const commands: Command[] = [
  startCommand,
  migrateCommand,
  importCommand,
  tokenCommand,
  benchCommand,
  configCommand,
];

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: pnpm kredo <command> [options]   (pnpm kredo <command> --help for its options)',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 1;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${usage()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.help);
    return 0;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (
      error instanceof ConfigError ||
      (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
    ) {
      console.error(`kredo: ${(error as Error).message}`);
      process.exitCode = 2;
    } else {
      console.error('kredo:', error);
      process.exitCode = 1;
    }
  },
);
