import { JobRegistry } from '../job-registry';
import { debugJobs } from './debug-jobs';
import { diagnosticsJob } from './diagnostics-job';
import { featuresJob } from './features-job';

/**
 * Every job the worker runs. Other domains add their runner here (e.g. candidate generation as 'align'): one
 * import and one register() line each.
 */
export function createJobRegistry(options: { debug?: boolean } = {}): JobRegistry {
  const registry = new JobRegistry().register(featuresJob).register(diagnosticsJob);
  if (options.debug) for (const job of debugJobs) registry.register(job);
  return registry;
}
