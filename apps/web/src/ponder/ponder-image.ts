import { type AdaptiveResNetParams, adaptiveResNet, ponderCostMap } from '@proj/adaptive-compute';
import * as tf from '@tensorflow/tfjs-core';

/** What {@link ponderImage} computes for one canvas. */
export interface PonderResult {
  /** [S, S] ponder-cost map: each stage's per-position ρ nearest-upsampled to the canvas, summed over stages. */
  readonly map: Float32Array;
  /** [classes] softmax probabilities. */
  readonly probabilities: Float32Array;
  /** Per stage, the mean ρ over its positions. */
  readonly stagePonder: number[];
}

/**
 * One cluttered canvas through a SACT network at inference (moving BN statistics, halting at 1 − ε, dense
 * computation so that every backend runs the same kernels): the ponder-cost map of SACT's figures
 * (`ponderCostMap`), the class probabilities and each stage's mean ponder cost. Memory-neutral.
 * O(network FLOPs on one S × S image). Figurnov et al., CVPR 2017.
 *
 * @param image S² gray levels in [0, 1], row-major.
 * @throws Error naming `ponderImage` when `image` is not S² values.
 */
export function ponderImage(net: AdaptiveResNetParams, image: Float32Array, side: number): PonderResult {
  if (image.length !== side * side) {
    throw new Error(`ponderImage: argument 'image' must hold ${side} × ${side} values, got ${image.length}`);
  }
  const [map, probabilities, stageMeans] = tf.tidy(() => {
    const out = adaptiveResNet(net, tf.tensor4d(image, [1, side, side, 1]), { computation: 'dense' });
    const rho = out.stages.map((s) => s.ponderCost);
    return [ponderCostMap(rho, [side, side]), tf.softmax(out.logits), tf.stack(rho.map((r) => tf.mean(r)))];
  });
  try {
    return {
      map: map.dataSync() as Float32Array,
      probabilities: probabilities.dataSync() as Float32Array,
      stagePonder: Array.from(stageMeans.dataSync()),
    };
  } finally {
    tf.dispose([map, probabilities, stageMeans]);
  }
}
