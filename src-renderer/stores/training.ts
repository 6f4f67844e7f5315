import { defineStore } from 'pinia';
import { computed, readonly, ref } from 'vue';
import type { BackendInfo, RunSummary, TrainingOptions } from '@shared/dto';
import type { JobOutcome, TrainingProgress } from '@shared/progress';
import { useApi } from '../api';
import { useJobsStore } from './jobs';
import { useProjectStore } from './project';
import { useUiStore } from './ui';

/** One point of the live charts. */
export interface EpochPoint {
  epoch: number;
  loss: number;
  hits1: number | null;
  mrr: number | null;
}

/** Folds a training progress message into the per-epoch series (the last loss of an epoch wins). */
export function foldEpoch(points: readonly EpochPoint[], progress: TrainingProgress): EpochPoint[] {
  // The worker's "starting" message (epoch 0, loss 0) is not a measurement: charting it drew a climb from zero.
  if (progress.epoch < 1 || progress.finishing) return [...points];
  const next = points.filter((p) => p.epoch !== progress.epoch);
  const previous = points.find((p) => p.epoch === progress.epoch);
  next.push({
    epoch: progress.epoch,
    loss: progress.loss,
    hits1: progress.valid?.hits1 ?? previous?.hits1 ?? null,
    mrr: progress.valid?.mrr ?? previous?.mrr ?? null,
  });
  return next.sort((a, b) => a.epoch - b.epoch);
}

/**
 * What a training request carries: the picked model and only the options the curator changed from the defaults.
 * A model's own settings come first and explicit options override them (TrainingOptions.model), so echoing every
 * default back would silently undo the picked model's choices (e.g. MCLEA's concatenation). The back end fills
 * the rest from the same defaults.
 */
export function requestOptions(options: TrainingOptions, defaults: Readonly<TrainingOptions> | null): TrainingOptions {
  const out: TrainingOptions = {};
  for (const [key, value] of Object.entries(options) as [keyof TrainingOptions, TrainingOptions[keyof TrainingOptions]][]) {
    if (value !== undefined && (key === 'model' || !defaults || defaults[key] !== value)) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

/** Training options, the backend, the running job with its live series, and past runs. */
export const useTrainingStore = defineStore('training', () => {
  const defaults = ref<Required<TrainingOptions> | null>(null);
  const options = ref<TrainingOptions>({});
  const backend = ref<BackendInfo | null>(null);
  const runs = ref<RunSummary[]>([]);
  const job = ref<{ jobId: string; runId: number } | null>(null);
  const progress = ref<TrainingProgress | null>(null);
  const series = ref<EpochPoint[]>([]);
  const aligning = ref<string | null>(null);
  let stopListening: (() => void) | null = null;

  const running = computed(() => job.value !== null);

  /** Loads defaults, backend and runs; options start from the documented defaults. */
  async function load(): Promise<void> {
    const api = useApi();
    try {
      const [d, b, r] = await Promise.all([api.training.defaults(), api.training.backend(), api.training.runs()]);
      defaults.value = d;
      if (Object.keys(options.value).length === 0) options.value = { ...d };
      backend.value = b;
      runs.value = r;
    } catch (error) {
      useUiStore().reportError(error);
    }
  }

  /** Changes one option. */
  function setOption<K extends keyof TrainingOptions>(key: K, value: TrainingOptions[K]): void {
    options.value = { ...options.value, [key]: value };
  }

  /** Puts every option back to its default. */
  function resetOptions(): void {
    if (defaults.value) options.value = { ...defaults.value };
  }

  /** Starts training; resolves with the outcome when the run ends (the UI stays live meanwhile). */
  async function start(): Promise<JobOutcome | null> {
    const jobs = useJobsStore();
    try {
      const started = await useApi().training.start(requestOptions(options.value, defaults.value));
      job.value = started;
      series.value = [];
      progress.value = null;
      jobs.track(started.jobId, 'Training', 'training');
      stopListening?.();
      stopListening = jobs.onEachProgress((p) => {
        if (p.jobId !== started.jobId || p.kind !== 'training') return;
        progress.value = p;
        series.value = foldEpoch(series.value, p);
      });
      const outcome = await jobs.wait(started.jobId);
      if (outcome.status === 'done') useUiStore().inform('Training finished.');
      return outcome;
    } catch (error) {
      useUiStore().reportError(error);
      return null;
    } finally {
      stopListening?.();
      stopListening = null;
      job.value = null;
      await refreshRuns();
      await useProjectStore().refresh();
    }
  }

  /** Stops the running training between batches. */
  async function cancel(): Promise<void> {
    if (job.value) await useJobsStore().cancel(job.value.jobId);
  }

  /** Re-reads past runs. */
  async function refreshRuns(): Promise<void> {
    try {
      runs.value = await useApi().training.runs();
    } catch (error) {
      useUiStore().reportError(error);
    }
  }

  /** Generates review candidates from a run (the latest by default). */
  async function align(runId?: number): Promise<JobOutcome | null> {
    const jobs = useJobsStore();
    try {
      const { jobId } = await useApi().review.align(runId === undefined ? {} : { runId });
      aligning.value = jobId;
      jobs.track(jobId, 'Generating candidates', 'align');
      const outcome = await jobs.wait(jobId);
      if (outcome.status === 'done') useUiStore().inform('Candidates are ready for review.');
      return outcome;
    } catch (error) {
      useUiStore().reportError(error);
      return null;
    } finally {
      aligning.value = null;
    }
  }

  return {
    defaults: readonly(defaults), options: readonly(options), backend: readonly(backend), runs: readonly(runs),
    job: readonly(job), progress: readonly(progress), series: readonly(series), aligning: readonly(aligning), running,
    load, setOption, resetOptions, start, cancel, refreshRuns, align,
  };
});
