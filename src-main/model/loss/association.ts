import * as tf from '@tensorflow/tfjs';
import { gatherRows, l2Normalize } from '../ops';
import { infoNce } from './info-nce';

/**
 * PMF's cross-modality association loss: for every pair of modality views (a, b) of the same entities, contrast
 * each entity's view a against all entities' view b (in-batch negatives), both directions -> mean over view pairs.
 * `ids[k][l]` lists the entities where views a and b are both usable (present, not frozen); pairs with fewer than
 * two entities are skipped. Views are [N, d] tensors of equal width.
 */
export function associationLoss(views: tf.Tensor2D[], ids: Map<string, Int32Array>, temperature: number): tf.Scalar | null {
  return tf.tidy(() => {
    const terms: tf.Scalar[] = [];
    for (let a = 0; a < views.length; a++) {
      for (let b = a + 1; b < views.length; b++) {
        const rows = ids.get(`${a},${b}`);
        if (!rows || rows.length < 2) continue;
        const t = tf.tensor1d(rows, 'int32');
        terms.push(infoNce(l2Normalize(gatherRows(views[a], t)), l2Normalize(gatherRows(views[b], t)), temperature));
      }
    }
    if (terms.length === 0) return null as unknown as tf.Scalar;
    return tf.addN(terms).div(terms.length) as tf.Scalar;
  });
}
