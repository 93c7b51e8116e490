import { benchCommand } from './bench-command.ts';
import type { Command } from './command.ts';
import { configCommand } from './config-command.ts';
import { dunningCommand } from './dunning-command.ts';
import { identityCommand } from './identity-command.ts';
import { importCommand } from './import-command.ts';
import { migrateCommand } from './migrate-command.ts';
import { pluginsCommand } from './plugins-command.ts';
import { reportCommand } from './report-command.ts';
import { sdkCommand } from './sdk-command.ts';
import { startCommand } from './start-command.ts';
import { tenantCommand } from './tenant-command.ts';
import { tokenCommand } from './token-command.ts';

/** Every `kredo` command, in the order `kredo --help` lists them. */
export const commands: Command[] = [
  startCommand,
  migrateCommand,
  importCommand,
  dunningCommand,
  reportCommand,
  tenantCommand,
  identityCommand,
  pluginsCommand,
  sdkCommand,
  tokenCommand,
  benchCommand,
  configCommand,
];
