import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../../../../src-main/model/backend';
import { mineNegatives } from '../../../../../src-main/model/trainer/negative-mining';

describe('negative mining', () => {
  beforeAll(async () => {
    await selectBackend('cpu');
  });

  // Entities 0..2 in KG1, 3..6 in KG2, 2-d vectors; the pair is (0, 3).
  const final = Float32Array.from([
    1, 0, /* 0 */ 0, 1, /* 1 */ -1, 0, /* 2 */
    1, 0.05, /* 3: partner of 0 */ 0.9, 0.3, /* 4: nearest non-partner to 0 */ 0, 1, /* 5 */ -1, -0.1, /* 6 */
  ]);
  const pools: [Int32Array, Int32Array] = [Int32Array.of(0, 1, 2), Int32Array.of(3, 4, 5, 6)];

  it('finds the nearest entities of the other graph, nearest first, never the partner', () => {
    const before = tf.memory().numTensors;
    const m = mineNegatives(final, 2, Int32Array.of(0, 3), pools, 2);
    expect(Array.from(m.ofLeft)).toEqual([4, 5]);
    // Right 3 = (1, 0.05): nearest KG1 entities other than 0 are 1 (cos 0.05) and then 2.
    expect(Array.from(m.ofRight)).toEqual([1, 2]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('repeats the last negative when the other graph has fewer than k + 1 entities', () => {
    const m = mineNegatives(final, 2, Int32Array.of(0, 3), pools, 5);
    expect(m.ofRight.length).toBe(5);
    expect(Array.from(m.ofRight)).toEqual([1, 2, 2, 2, 2]);
  });
});
