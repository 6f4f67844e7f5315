import type { CliCommand } from '../command';

/** Every `mmea` command, in the order `mmea --help` lists them. Each domain adds its commands here. */
export const COMMANDS: readonly CliCommand[] = [];
