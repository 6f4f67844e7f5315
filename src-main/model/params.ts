import * as tf from '@tensorflow/tfjs';
import type { Rng } from './rng';

/** Owns the trainable variables: seeded initialisation, lookup by name, one dispose(). */
export class ParamStore {
  private readonly vars = new Map<string, tf.Variable>();

  constructor(private readonly rng: Rng) {}

  /** A variable drawn from N(0, std^2) with the store's seeded generator. */
  normal(name: string, shape: number[], std: number): tf.Variable {
    const size = shape.reduce((a, b) => a * b, 1);
    return this.add(name, tf.tensor(this.rng.normal(size, std), shape, 'float32'));
  }

  /** Glorot-normal initialisation for a [fanIn, fanOut] matrix. */
  glorot(name: string, shape: [number, number]): tf.Variable {
    return this.normal(name, shape, Math.sqrt(2 / (shape[0] + shape[1])));
  }

  /** A constant-filled variable (biases, log-variances). */
  fill(name: string, shape: number[], value: number): tf.Variable {
    return this.add(name, tf.fill(shape, value, 'float32'));
  }

  get(name: string): tf.Variable {
    const v = this.vars.get(name);
    if (!v) throw new Error(`no parameter named ${name}`);
    return v;
  }

  has(name: string): boolean {
    return this.vars.has(name);
  }

  list(): tf.Variable[] {
    return [...this.vars.values()];
  }

  names(): string[] {
    return [...this.vars.keys()];
  }

  dispose(): void {
    for (const v of this.vars.values()) v.dispose();
    this.vars.clear();
  }

  private add(name: string, init: tf.Tensor): tf.Variable {
    if (this.vars.has(name)) throw new Error(`parameter ${name} defined twice`);
    const v = tf.variable(init, true, `${name}_${Math.random().toString(36).slice(2)}`);
    init.dispose();
    this.vars.set(name, v);
    return v;
  }
}
