import { defineStore } from 'pinia';
import { computed, readonly, ref } from 'vue';
import type { JobOutcome, JobProgress } from '@shared/progress';
import { useApi } from '../api';
import { useUiStore } from './ui';

type OutcomeListener = (outcome: JobOutcome) => void;

/**
 * Every long job of the back end (import, training, alignment, export): the latest progress per job, a cancel
 * action, and a promise per job that settles with its outcome. One subscription serves the whole app.
 */
export const useJobsStore = defineStore('jobs', () => {
  const active = ref<Record<string, JobProgress>>({});
  const last = ref<JobOutcome | null>(null);
  const waiters = new Map<string, OutcomeListener[]>();
  const early = new Map<string, JobOutcome>();
  const progressListeners = new Set<(p: JobProgress) => void>();
  let unsubscribe: (() => void) | null = null;

  /** Starts listening to the back end (idempotent). */
  function connect(): void {
    if (unsubscribe) return;
    unsubscribe = useApi().jobs.subscribe(onProgress, onOutcome);
  }

  function onProgress(progress: JobProgress): void {
    active.value = { ...active.value, [progress.jobId]: progress };
    progressListeners.forEach((listener) => listener(progress));
  }

  function onOutcome(outcome: JobOutcome): void {
    const { [outcome.jobId]: _done, ...rest } = active.value;
    active.value = rest;
    last.value = outcome;
    const listeners = waiters.get(outcome.jobId);
    if (listeners) {
      waiters.delete(outcome.jobId);
      listeners.forEach((listener) => listener(outcome));
    } else {
      // The outcome can arrive before the caller registers (a tiny job): keep it for `wait`.
      early.set(outcome.jobId, outcome);
    }
    if (outcome.status === 'failed') useUiStore().reportError(outcome.error);
  }

  /** Marks a job as started so the top bar shows it before its first progress message. */
  function track(jobId: string, title: string, kind: JobProgress['kind'] = 'other'): void {
    if (active.value[jobId]) return;
    active.value = { ...active.value, [jobId]: { jobId, title, value: null, kind } as JobProgress };
  }

  /** Settles when the job ends, with its outcome (never rejects; callers branch on status). */
  function wait(jobId: string): Promise<JobOutcome> {
    const done = early.get(jobId);
    if (done) {
      early.delete(jobId);
      return Promise.resolve(done);
    }
    return new Promise((resolve) => waiters.set(jobId, [...(waiters.get(jobId) ?? []), resolve]));
  }

  /** Asks the back end to stop a job; it ends with status 'cancelled'. */
  async function cancel(jobId: string): Promise<void> {
    try {
      await useApi().jobs.cancel(jobId);
    } catch (error) {
      useUiStore().reportError(error);
    }
  }

  /** Calls `listener` with every progress message until the returned function is called. */
  function onEachProgress(listener: (p: JobProgress) => void): () => void {
    progressListeners.add(listener);
    return () => progressListeners.delete(listener);
  }

  const list = computed(() => Object.values(active.value));
  return { active: readonly(active), list, last: readonly(last), connect, track, wait, cancel, onEachProgress };
});
