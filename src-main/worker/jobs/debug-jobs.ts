import * as tf from '@tensorflow/tfjs';
import { AppError } from '../../shared/errors';
import type { WorkerJobRunner } from '../job-registry';
import { WasmRuntimeError } from '../wasm-abort';

/**
 * Test-only jobs (registered when the worker starts with debugJobs): they let tests crash the worker in the two
 * ways a real bug would (process.exit, an exception nobody catches), imitate the wasm backend aborting, and run a
 * slow, cancellable job that holds tensors, to check that the client survives and that nothing leaks.
 */
export const debugJobs: WorkerJobRunner[] = [
  {
    type: 'debug.exit',
    parse: (p) => p,
    async run() {
      process.exit(3);
    },
  },
  {
    type: 'debug.throw-uncaught',
    parse: (p) => p,
    run: () =>
      new Promise(() => {
        setTimeout(() => {
          throw new Error('debug: an exception nobody catches');
        }, 5);
      }),
  },
  {
    type: 'debug.wasm-abort',
    parse: (p) => p,
    async run() {
      // What emscripten throws when the TF.js wasm module runs out of memory.
      throw new WasmRuntimeError('Aborted(). Build with -sASSERTIONS for more info.');
    },
  },
  {
    type: 'debug.count',
    parse: (p) => {
      const steps = Number((p as { steps?: unknown } | null)?.steps ?? 10);
      const delayMs = Number((p as { delayMs?: unknown } | null)?.delayMs ?? 10);
      return { steps, delayMs };
    },
    async run({ steps, delayMs }, ctx) {
      // A tensor per step, disposed each time: a leak here would show in tf.memory() afterwards.
      let sum = 0;
      for (let step = 1; step <= steps; step++) {
        if (ctx.signal.aborted) throw new AppError('CANCELLED', 'counting cancelled');
        const t = tf.tidy(() => tf.ones([64, 64]).sum());
        sum += (await t.data())[0];
        t.dispose();
        ctx.progress({ kind: 'other', title: 'Counting', value: step / steps, detail: `${step}/${steps}` });
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
      return { steps, sum };
    },
  },
];
