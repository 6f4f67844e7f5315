import type { ModelConfig } from '../config';
import type { RankMetrics } from '../evaluate';
import { blendViews, idfView, pickShares, searchShares, shareGrid, type View } from '../late-fusion';
import { standardizeBySide } from '../standardize';
import { buildPropagationIndex, propagateLabels, type PropagationIndex } from '../label-propagation';
import { tfKernel, tfMatMul } from '../tf-kernel';
import type { TrainingData } from '../training-data';

/**
 * The views fused late with the learned vector (late-fusion.ts): the seed-label propagation (recomputed when
 * iterative training adds pseudo-seeds), the name n-grams and the idf-weighted attribute bag. Holds the shares last picked on validation, which
 * iterative training's probes use before the next validation.
 */
export class LateViews {
  private readonly index: PropagationIndex | null;
  private readonly names: View | null;
  private readonly attributes: View | null;
  private readonly side: Int8Array;
  /** The current propagation features, redone when the seeds grow. */
  prior: View | null = null;
  /** Shares [learned, prior?, names?, attributes?] last picked; probes start from an even split until the first validation. */
  shares: number[];

  constructor(data: TrainingData, private readonly config: ModelConfig, seeds: Int32Array, haveValidation: boolean) {
    this.side = data.side;
    const usePrior = config.structurePrior && haveValidation && data.heads.length > 0 && seeds.length >= 2;
    this.index = usePrior ? buildPropagationIndex(data) : null;
    const name = config.namePrior && config.modalities.includes('name') && haveValidation ? data.features.name : undefined;
    this.names = name ? { dim: name.cols, data: Float32Array.from(name.data, (v, i) => (name.present[Math.floor(i / name.cols)] ? v : 0)) } : null;
    // The attribute view follows the data (a project loads attributes only when the curator uses them), not the
    // network's modalities, so the bag can be fused late without also entering the encoder.
    const attribute = config.attributePrior && haveValidation ? data.features.attribute : undefined;
    const bag = attribute ? idfView(attribute) : null;
    // Standardised like the learned vector and the propagation: left raw beside them, the bag lowered OpenEA EN-FR's
    // H@10 (BENCHMARKS.md, session 8).
    this.attributes = bag && config.standardize ? { dim: bag.dim, data: standardizeBySide(bag.data, bag.dim, data.side) } : bag;
    if (this.index) this.refresh(seeds);
    const extra = (this.index ? 1 : 0) + (this.names ? 1 : 0) + (this.attributes ? 1 : 0);
    this.shares = [1 / (extra + 1), ...Array.from({ length: extra }, () => 1 / (extra + 1))];
  }

  get active(): boolean {
    return this.index !== null || this.names !== null || this.attributes !== null;
  }

  /** Re-propagates the labels of `seeds` (training pairs plus accepted pseudo-seeds). */
  refresh(seeds: Int32Array): void {
    if (!this.index) return;
    const c = this.config;
    const opts = { labelDim: c.priorLabelDim, depth: c.priorDepth, relationDim: c.priorRelationDim, blockDim: c.priorBlockDim, seed: c.seed };
    // Let the old vectors go first: at 4,096 dimensions each copy is 640 MB on DBP15K.
    this.prior = null;
    const f = propagateLabels(this.index, seeds, opts, tfMatMul);
    this.prior = { data: c.standardize ? standardizeBySide(f.data, f.dim, this.side) : f.data, dim: f.dim };
  }

  /** [learned, prior?, names?, attributes?]. */
  views(learned: View): View[] {
    return [learned, ...(this.prior ? [this.prior] : []), ...(this.names ? [this.names] : []), ...(this.attributes ? [this.attributes] : [])];
  }

  blend(learned: View, shares: number[] = this.shares): View {
    if (!this.active) return learned;
    return blendViews(this.views(learned), shares);
  }

  /** Picks the shares on the validation pairs (lefts ranked against every KG2 entity without a training partner). */
  pick(learned: View, valid: Int32Array, side: Int8Array, trainRights: Set<number>, csls: boolean): { shares: number[]; metrics: RankMetrics } {
    const lefts: number[] = [];
    const goldRight: number[] = [];
    for (let i = 0; i < valid.length; i += 2) {
      lefts.push(valid[i]);
      goldRight.push(valid[i + 1]);
    }
    const candidates: number[] = [];
    for (let e = 0; e < side.length; e++) if (side[e] === 2 && !trainRights.has(e)) candidates.push(e);
    const pos = new Map(candidates.map((e, i) => [e, i]));
    const gold = goldRight.map((r) => pos.get(r) ?? -1);
    const views = this.views(learned);
    const extra = views.length - 1;
    const pick = extra <= 2 ? pickShares(views, lefts, candidates, gold, shareGrid(extra), csls ? 3 : 0, tfKernel) : searchShares(views, lefts, candidates, gold, csls ? 3 : 0, tfKernel);
    this.shares = pick.shares;
    return pick;
  }

  /** Shares by name for the result: null for a view that was not used. */
  named(shares: number[]): { prior: number | null; name: number | null; attribute: number | null } {
    let i = 1;
    const prior = this.index ? shares[i++] : null;
    const name = this.names ? shares[i++] : null;
    const attribute = this.attributes ? shares[i] : null;
    return { prior, name, attribute };
  }
}
