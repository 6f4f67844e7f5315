/**
 * Child process for worker-client.test.ts: asks the worker for its backend and runs one job, never closing the
 * client. The process must print both and exit by itself (the worker is referenced only while awaited).
 */
import { WorkerClient } from '../../../../src-main/worker/worker-client';

const client = new WorkerClient({ debugJobs: true, backend: 'cpu' });
void (async () => {
  console.log(`backend ${(await client.backend()).name}`);
  console.log(`result ${JSON.stringify(await client.run('debug.count', { steps: 2, delayMs: 1 }))}`);
})();
