import * as tf from '@tensorflow/tfjs';

/** Adam with decoupled weight decay (AdamW): the decay is applied to the weights directly, not through the gradient. */
export class AdamW {
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];
  private t = 0;

  constructor(
    private readonly vars: tf.Variable[],
    private readonly weightDecay: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly eps = 1e-8,
  ) {
    // Inside tidy so the zero initialisers are freed; variables survive tidy.
    this.m = vars.map((x) => tf.tidy(() => tf.variable(tf.zerosLike(x), false)));
    this.v = vars.map((x) => tf.tidy(() => tf.variable(tf.zerosLike(x), false)));
  }

  /** One update at learning rate `lr`; `grads` is keyed by variable name as tf.variableGrads returns it. */
  step(grads: Record<string, tf.Tensor>, lr: number): void {
    this.t++;
    const c1 = 1 - this.beta1 ** this.t;
    const c2 = 1 - this.beta2 ** this.t;
    tf.tidy(() => {
      this.vars.forEach((x, i) => {
        const g = grads[x.name];
        if (!g) return;
        const m = this.m[i].mul(this.beta1).add(g.mul(1 - this.beta1));
        const v = this.v[i].mul(this.beta2).add(g.square().mul(1 - this.beta2));
        this.m[i].assign(m);
        this.v[i].assign(v);
        const update = m.div(c1).div(v.div(c2).sqrt().add(this.eps));
        x.assign(x.mul(1 - lr * this.weightDecay).sub(update.mul(lr)));
      });
    });
  }

  dispose(): void {
    tf.dispose([...this.m, ...this.v]);
  }
}

/** Linear warm-up to `base` over `warmup` steps, then cosine decay to 5% of `base` at `total`. */
export function cosineSchedule(step: number, total: number, warmup: number, base: number): number {
  if (warmup > 0 && step < warmup) return (base * (step + 1)) / warmup;
  const progress = Math.min(1, (step - warmup) / Math.max(1, total - warmup));
  return base * (0.05 + 0.95 * 0.5 * (1 + Math.cos(Math.PI * progress)));
}
