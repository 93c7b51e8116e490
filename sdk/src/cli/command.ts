/** One `kredo-plugin` subcommand; `run` throws a CliError for anything the user should fix. */
export interface Command {
  name: string;
  usage: string;
  summary: string;
  run(argv: string[]): Promise<void>;
}
