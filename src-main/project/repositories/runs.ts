import type { Db } from '../db';
import type { EvalMetrics, RunSummary, TrainingOptions } from '../../shared/dto';

/** One epoch's record as the trainer reports it. */
export interface EpochRecord {
  epoch: number;
  loss: number;
  hits1: number | null;
  hits10: number | null;
  mrr: number | null;
  seconds: number;
}

/** The state of a run record. */
export type RunStatus = RunSummary['status'];

interface RunRow {
  id: number;
  started_at: string;
  finished_at: string | null;
  status: RunStatus;
  backend: string;
  options: string;
  best_epoch: number | null;
  metrics: string | null;
  error: string | null;
}

/** Training runs and their per-epoch records. */
export class RunsRepository {
  private readonly insertRun;
  private readonly insertEpoch;
  private readonly updateFinish;
  private readonly selectRun;
  private readonly selectRuns;
  private readonly selectEpochs;
  private readonly selectLatestDone;
  private readonly failRunning;

  constructor(db: Db) {
    this.insertRun = db.prepare("INSERT INTO training_run (started_at, status, backend, options) VALUES (?, 'running', ?, ?)");
    this.insertEpoch = db.prepare(
      'INSERT OR REPLACE INTO run_epoch (run, epoch, loss, hits1, hits10, mrr, seconds) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.updateFinish = db.prepare(
      'UPDATE training_run SET status = ?, finished_at = ?, best_epoch = ?, metrics = ?, error = ? WHERE id = ?',
    );
    this.selectRun = db.prepare('SELECT * FROM training_run WHERE id = ?');
    this.selectRuns = db.prepare('SELECT * FROM training_run ORDER BY id');
    this.selectEpochs = db.prepare('SELECT epoch, loss, hits1, hits10, mrr, seconds FROM run_epoch WHERE run = ? ORDER BY epoch');
    this.selectLatestDone = db.prepare("SELECT id FROM training_run WHERE status = 'done' ORDER BY id DESC LIMIT 1");
    this.failRunning = db.prepare(
      "UPDATE training_run SET status = 'failed', finished_at = ?, error = ? WHERE status = 'running'",
    );
  }

  /** Starts a run record in state 'running' and returns its id. */
  create(backend: string, options: TrainingOptions): number {
    return Number(this.insertRun.run(new Date().toISOString(), backend, JSON.stringify(options)).lastInsertRowid);
  }

  addEpoch(run: number, e: EpochRecord): void {
    this.insertEpoch.run(run, e.epoch, e.loss, e.hits1, e.hits10, e.mrr, e.seconds);
  }

  /** Closes a run: done (with metrics), cancelled or failed (with the error message). */
  finish(run: number, status: Exclude<RunStatus, 'running'>, extra: { bestEpoch?: number | null; metrics?: EvalMetrics | null; error?: string | null } = {}): void {
    this.updateFinish.run(
      status,
      new Date().toISOString(),
      extra.bestEpoch ?? null,
      extra.metrics ? JSON.stringify(extra.metrics) : null,
      extra.error ?? null,
      run,
    );
  }

  /**
   * Marks runs still 'running' as failed. Called when a project is opened by a process that owns training: a run
   * left running then belongs to a worker that died.
   */
  failInterrupted(reason: string): number {
    return this.failRunning.run(new Date().toISOString(), reason).changes;
  }

  get(id: number): RunSummary | null {
    const row = this.selectRun.get(id) as RunRow | undefined;
    return row ? this.summary(row) : null;
  }

  /** The error message of a failed run. */
  error(id: number): string | null {
    return (this.selectRun.get(id) as RunRow | undefined)?.error ?? null;
  }

  list(): RunSummary[] {
    return (this.selectRuns.all() as RunRow[]).map((r) => this.summary(r));
  }

  /** The newest finished run, the default for evaluation and alignment. */
  latestDone(): number | null {
    return (this.selectLatestDone.get() as { id: number } | undefined)?.id ?? null;
  }

  private summary(row: RunRow): RunSummary {
    const epochs = (this.selectEpochs.all(row.id) as EpochRecord[]).map((e) => ({
      epoch: e.epoch,
      loss: e.loss,
      hits1: e.hits1,
      mrr: e.mrr,
      seconds: e.seconds,
    }));
    return {
      id: row.id,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      status: row.status,
      backend: row.backend,
      options: JSON.parse(row.options) as TrainingOptions,
      bestEpoch: row.best_epoch,
      metrics: row.metrics ? (JSON.parse(row.metrics) as EvalMetrics) : null,
      epochs,
    };
  }
}
