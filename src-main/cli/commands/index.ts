import type { CliCommand } from '../command';
import { createCommand } from './create';
import { demoCommand } from './demo';
import { importCommand } from './import';
import { infoCommand } from './info';
import { trainCommand } from './train';
import { evalCommand } from './eval';
import { featuresCommand } from './features';
import { alignCommand } from './align';
import { exportCommand } from './export';
import { modelsCommand } from './models';

/** Every `mmea` command, in the order `mmea --help` lists them. Each domain adds its commands here. */
export const COMMANDS: readonly CliCommand[] = [createCommand, importCommand, infoCommand, demoCommand, featuresCommand, trainCommand, modelsCommand, evalCommand, alignCommand, exportCommand];
