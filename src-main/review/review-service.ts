import { userInfo } from 'node:os';
import type { Db } from '../project/db';
import { AppError } from '../shared/errors';
import type { BandCounts, CandidateDto, DecisionDto, DecisionInput, Preferences, QualityReport, QueueQuery, Thresholds, UndoState } from '../shared/dto';
import { MATCH_KINDS, type MatchKind } from '../shared/model';
import { describeConflict, greedyOneToOne, isOneToOne } from '../align/conflicts';
import { CandidatesRepository, candidateDto } from '../project/repositories/candidates';
import { DecisionsRepository } from '../project/repositories/decisions';
import { EmbeddingsRepository } from '../project/repositories/embeddings';
import { MetaRepository } from '../project/repositories/meta-repository';
import { ThresholdsRepository } from '../project/repositories/thresholds';
import { calibrateKind } from './calibration';
import { qualityReport } from './quality-report';
import { withWeightStd } from './weight-std';

const VERDICTS = new Set(['accept', 'reject', 'unsure', 'clear']);

/**
 * The review domain over one open project: thresholds and bands, the queue with conflicts, decisions with
 * undo/redo, quality. Every write is synchronous and committed before the method returns.
 */
export class ReviewService {
  readonly candidates: CandidatesRepository;
  readonly decisions: DecisionsRepository;
  readonly thresholdsRepo: ThresholdsRepository;
  private readonly meta: MetaRepository;
  private readonly embeddings: EmbeddingsRepository;

  constructor(private readonly db: Db, private readonly options: { defaultCurator?: string } = {}) {
    this.candidates = new CandidatesRepository(db);
    this.decisions = new DecisionsRepository(db);
    this.thresholdsRepo = new ThresholdsRepository(db);
    this.meta = new MetaRepository(db);
    this.embeddings = new EmbeddingsRepository(db);
  }

  thresholds(): Thresholds[] {
    return this.thresholdsRepo.all();
  }

  setThresholds(list: Thresholds[]): BandCounts[] {
    this.thresholdsRepo.set(list);
    return this.bandCounts();
  }

  bandCounts(): BandCounts[] {
    return this.thresholdsRepo.bandCounts(this.candidates.currentRun());
  }

  calibrate(kind: MatchKind, precision: number): Thresholds {
    if (!MATCH_KINDS.includes(kind)) throw new AppError('BAD_INPUT', `unknown match kind '${String(kind)}'`);
    const { lower, upper } = calibrateKind(this.db, kind, precision);
    return { kind, lower, upper };
  }

  /**
   * One page of the queue, each item with its live 1:1 conflict note and, for a model with Beta fusion, each
   * side's per-modality weight spread from the run the candidates came from.
   */
  queue(query: QueueQuery): { total: number; items: CandidateDto[] } {
    if (!Number.isInteger(query.offset) || query.offset < 0 || !Number.isInteger(query.limit) || query.limit < 1 || query.limit > 1000) {
      throw new AppError('BAD_INPUT', 'queue offset must be >= 0 and limit between 1 and 1000');
    }
    const thresholds = this.thresholds();
    const page = this.candidates.queue(query, thresholds);
    const lowerOf = new Map(thresholds.map((t) => [t.kind, t.lower]));
    const items = page.items.map((item) => candidateDto(item, this.conflictOf(item, lowerOf.get(item.kind) ?? -Infinity)));
    return { total: page.total, items: withWeightStd(this.embeddings, this.candidates.currentRun(), items) };
  }

  private conflictOf(c: { left: number; right: number; kind: MatchKind; score: number }, lower: number): string | null {
    if (!isOneToOne(c.kind)) return null;
    const name = (id: number) => (this.db.prepare('SELECT coalesce(label, iri) FROM entity WHERE id = ?').pluck().get(id) as string | undefined) ?? String(id);
    const sameKind = (partner: number, other: number) => this.kindOfPair(partner, other) === c.kind;
    const leftAcceptedWith = this.decisions.acceptedPartners(c.left, 1).filter((r) => r !== c.right && sameKind(c.left, r)).map(name);
    const rightAcceptedWith = this.decisions.acceptedPartners(c.right, 2).filter((l) => l !== c.left && sameKind(l, c.right)).map(name);
    const competitor = this.candidates.strongerCompetitor(c, lower);
    const stronger = competitor ? { other: `${name(competitor.left)} = ${name(competitor.right)}`, score: competitor.score } : null;
    return describeConflict({ kind: c.kind, leftAcceptedWith, rightAcceptedWith, stronger });
  }

  private kindOfPair(left: number, right: number): MatchKind | null {
    const row = this.db.prepare('SELECT l.kind AS lk, r.kind AS rk FROM entity l, entity r WHERE l.id = ? AND r.id = ?').get(left, right) as { lk: string; rk: string } | undefined;
    if (!row) return null;
    return row.lk === row.rk ? (row.lk === 'text' ? 'text-text' : 'image-image') : 'text-image';
  }

  /** The curator id decisions are signed with: the preference, else the system user name. */
  curator(): string {
    const fromPrefs = this.meta.preferences().curator.trim();
    if (fromPrefs) return fromPrefs;
    if (this.options.defaultCurator) return this.options.defaultCurator;
    try {
      return userInfo().username || 'unknown curator';
    } catch {
      return 'unknown curator';
    }
  }

  /** Records a decision at once, with the model's score and run for that pair at this moment. */
  decide(input: DecisionInput): UndoState {
    if (!VERDICTS.has(input.verdict)) throw new AppError('BAD_INPUT', `unknown verdict '${String(input.verdict)}'`);
    const candidate = this.candidates.pair(input.left, input.right);
    return this.decisions.record({
      left: input.left,
      right: input.right,
      verdict: input.verdict,
      curator: this.curator(),
      note: input.note ?? null,
      score: candidate?.score ?? null,
      run: candidate ? this.candidates.currentRun() : null,
    });
  }

  /**
   * Accepts the auto band of a kind (undecided candidates at or above the upper threshold) as one batch, one undo
   * step. For 1:1 kinds, pairs whose entity already has an accepted partner, or loses to a stronger pick of the
   * batch, are left open for review.
   */
  acceptBand(kind: MatchKind): { accepted: number; state: UndoState } {
    const { upper } = this.thresholdsRepo.get(kind);
    const open = this.candidates.undecidedAtLeast(kind, upper);
    const taken = { left: new Set<number>(), right: new Set<number>() };
    if (isOneToOne(kind)) {
      for (const d of this.decisions.currentDecisions(['accept'])) {
        if (this.kindOfPair(d.left, d.right) === kind) {
          taken.left.add(d.left);
          taken.right.add(d.right);
        }
      }
    }
    const picked = greedyOneToOne(open, kind, taken);
    const run = this.candidates.currentRun();
    const curator = this.curator();
    if (picked.length) {
      this.decisions.recordBatch(picked.map((i) => ({ left: open[i].left, right: open[i].right, verdict: 'accept' as const, curator, score: open[i].score, run, note: `bulk accept of the ${kind} auto band (score >= ${upper})` })));
    }
    return { accepted: picked.length, state: this.decisions.undoState() };
  }

  undo(): UndoState {
    this.decisions.undo();
    return this.decisions.undoState();
  }

  redo(): UndoState {
    this.decisions.redo();
    return this.decisions.undoState();
  }

  undoState(): UndoState {
    return this.decisions.undoState();
  }

  history(offset: number, limit: number): DecisionDto[] {
    return this.decisions.history(Math.max(0, offset | 0), Math.min(1000, Math.max(1, limit | 0)));
  }

  quality(): QualityReport {
    return qualityReport(this.db, this.thresholds());
  }

  preferences(): Preferences {
    return this.meta.preferences();
  }

  setPreferences(changes: Partial<Preferences>): Preferences {
    if (changes.curator !== undefined && typeof changes.curator !== 'string') throw new AppError('BAD_INPUT', 'curator must be text (an ORCID or a name)');
    if (changes.blindMode !== undefined && typeof changes.blindMode !== 'boolean') throw new AppError('BAD_INPUT', 'blindMode must be true or false');
    return this.meta.setPreferences(changes);
  }
}
