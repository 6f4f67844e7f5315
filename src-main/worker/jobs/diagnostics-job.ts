import * as tf from '@tensorflow/tfjs';
import type { WorkerJobRunner } from '../job-registry';

/** What the worker's TF.js holds right now: tests call this after a job to check for leaked tensors. */
export interface WorkerDiagnostics {
  backend: string;
  numTensors: number;
  numBytes: number;
  heapUsed: number;
}

/** 'diagnostics': tf.memory() and the thread's heap, read between jobs. */
export const diagnosticsJob: WorkerJobRunner<null, WorkerDiagnostics> = {
  type: 'diagnostics',
  parse: () => null,
  async run() {
    const memory = tf.memory();
    return { backend: tf.getBackend(), numTensors: memory.numTensors, numBytes: memory.numBytes, heapUsed: process.memoryUsage().heapUsed };
  },
};
