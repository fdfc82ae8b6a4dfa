import { gatherPositions } from '@proj/core/ops';
import * as tf from '@tensorflow/tfjs-core';
import { shown } from '../internal/validate.js';
import type { PerforationMask } from '../mask/perforation-mask.js';
import { assertMask } from './assert-mask.js';

/**
 * Nearest-neighbour interpolation of a perforated convolution (Figurnov et al., PerforatedCNNs, NIPS 2016, §3.1):
 * the compact outputs [N, P, C] of the P kept positions (`mask.kept` order, as {@link perforatedConv2dCompact}
 * returns them) → the full map [N, OH, OW, C], position q holding row `mask.nearest[q]` (kept positions hold
 * their own value). One gather of whole rows; differentiable (the gradient of a kept position sums those of
 * the positions that copy it, as in the paper's backward pass).
 *
 * Complexity: O(N·OH·OW·C) copies (an N·OH·OW index built on the host), 5 kernels (7 on wasm).
 *
 * @throws Error naming `nearestFill` and the argument: `compact` not a float32 tensor [N, P, C] with P =
 *   mask.kept.length, or `mask` not a PerforationMask.
 * @example
 * const full = nearestFill(perforatedConv2dCompact(x, w, mask, { pad: 'same' }), mask); // = perforatedConv2d
 */
export function nearestFill(compact: tf.Tensor3D, mask: PerforationMask): tf.Tensor4D {
  const fn = 'nearestFill';
  const checked = assertMask(mask, fn);
  const p = checked.kept.length;
  if (
    !(compact instanceof tf.Tensor) ||
    compact.isDisposed ||
    compact.dtype !== 'float32' ||
    compact.rank !== 3 ||
    compact.shape[1] !== p
  ) {
    throw new Error(
      `${fn}: argument 'compact' must be a float32 tensor [N, ${p}, C] (one row per kept position of the mask), got ${shown(compact)}`,
    );
  }
  const [n, , c] = compact.shape;
  return tf.tidy(() => {
    const rows = gatherPositions(tf.reshape(compact, [n, p, 1, c]), checked.nearest);
    return tf.reshape(rows, [n, checked.height, checked.width, c]);
  });
}
