import { JobRegistry } from '../job-registry';
import { alignJob } from './align-job';
import { debugJobs } from './debug-jobs';
import { diagnosticsJob } from './diagnostics-job';
import { featuresJob } from './features-job';
import { importJob } from './import-job';
import { trainJob } from './train-job';

/**
 * Every job the worker runs: training, features, candidate generation ('align', review's runAlign) and
 * diagnostics. Other domains add their runner here: one import and one register() line each.
 */
export function createJobRegistry(options: { debug?: boolean } = {}): JobRegistry {
  const registry = new JobRegistry().register(trainJob).register(featuresJob).register(alignJob).register(diagnosticsJob).register(importJob);
  if (options.debug) for (const job of debugJobs) registry.register(job);
  return registry;
}
