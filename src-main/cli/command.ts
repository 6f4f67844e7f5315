/** One `mmea` sub-command. `run` returns the process exit code. */
export interface CliCommand {
  name: string;
  summary: string;
  help: string;
  run(args: string[]): Promise<number>;
}
