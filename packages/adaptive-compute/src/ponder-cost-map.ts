import * as tf from '@tensorflow/tfjs-core';
import { assertFloatTensor, shown } from './internal/validate.js';

/**
 * The ponder cost map of SACT's figures: each block's ponder cost ρ upsampled to [H, W] by nearest
 * neighbour and summed over blocks → [B, H, W]. A block's ρ is [B, h, w] (SACT: per position) or [B] (ACT,
 * PACT: constant over the image). Pass `stageOutput.numUnits` (cast to float32) instead for the
 * number-of-units map.
 *
 * Complexity: O(blocks·B·H·W), 2-3 kernels per block. Figurnov et al., CVPR 2017, §4 (mfigurnov/sact
 * draw_ponder_maps.py).
 *
 * @throws Error naming `ponderCostMap` and the argument for an empty list, a ρ that is not float32 [B] or
 *   [B, h, w] with the first block's B, or a size that is not two positive integers.
 * @example
 * const map = ponderCostMap(out.stages.map((s) => s.ponderCost), [28, 28]); // [B, 28, 28]
 */
export function ponderCostMap(ponderCosts: readonly tf.Tensor[], size: readonly [number, number]): tf.Tensor {
  const fn = 'ponderCostMap';
  if (!Array.isArray(ponderCosts) || ponderCosts.length === 0) {
    throw new Error(`${fn}: argument 'ponderCosts' must be a non-empty array of tensors, got ${shown(ponderCosts)}`);
  }
  const first = assertFloatTensor(ponderCosts[0], fn, 'ponderCosts[0]', '[B] or [B, h, w]', [1, 3]);
  const batch = first.shape[0]!;
  ponderCosts.forEach((rho, i) => {
    assertFloatTensor(rho, fn, `ponderCosts[${i}]`, `[${batch}] or [${batch}, h, w]`, [1, 3], [batch]);
  });
  if (!Array.isArray(size) || size.length !== 2 || !size.every((n) => Number.isInteger(n) && n > 0 && n <= 2 ** 14)) {
    throw new Error(`${fn}: argument 'size' must be [H, W] of integers in [1, 16384], got ${shown(size)}`);
  }
  const [h, w] = size;
  return tf.tidy(() =>
    tf.addN(
      ponderCosts.map((rho) =>
        rho.rank === 1
          ? tf.tile(tf.reshape(rho, [batch, 1, 1]), [1, h, w])
          : tf.reshape(tf.image.resizeNearestNeighbor(tf.expandDims(rho, 3) as tf.Tensor4D, [h, w]), [batch, h, w]),
      ),
    ),
  );
}
