import { convImpact, nearestFill, type PerforationMask, perforatedConv2dCompact } from '@proj/perforated-cnn';
import * as tf from '@tensorflow/tfjs-core';
import type { Digits } from './data.js';
import { convPreActivation, headFrom, inputOf, type Network } from './network.js';

/** The summed cross-entropy of `logits` against one-hot `y` (the impact's loss, summed over the images). */
const summedCrossEntropy = (logits: tf.Tensor2D, y: tf.Tensor2D) =>
  tf.losses.softmaxCrossEntropy(y, logits, undefined, undefined, tf.Reduction.SUM) as tf.Scalar;

/**
 * The impact of every output position of conv layer `i` (paper §3.2, `convImpact`): the mean over `digits` of
 * Σ_c |∂L/∂V · V| with V the layer's output before its ReLU and L the summed cross-entropy of the rest of the
 * network, in batches of `batch` → Float32Array(H·W).
 *
 * With `mask` (iterative impact) the layer is perforated: V is its compact output at the kept positions, which
 * the rest of the network reads through the nearest-neighbour fill, so a kept position's gradient sums those of
 * the positions that copy it (the authors' implicit interpolation); skipped positions get impact −1, below any
 * kept one, so that the next, smaller mask keeps only positions kept so far.
 */
export function layerImpact(
  net: Network,
  i: number,
  digits: Digits,
  batch: number,
  mask: PerforationMask | null,
): Float32Array {
  const { outHeight, outWidth } = net.convs[i]!.geometry;
  const total = new Float64Array(mask === null ? outHeight * outWidth : mask.kept.length);
  for (let start = 0; start < digits.n; start += batch) {
    const size = Math.min(batch, digits.n - start);
    const [x, y, v] = tf.tidy(() => {
      const xs = tf.slice(digits.x, [start, 0, 0, 0], [size, -1, -1, -1]);
      const ys = tf.slice(digits.y, [start, 0], [size, -1]);
      const h = inputOf(net, i, xs, {});
      if (mask === null) return [xs, ys, convPreActivation(net, i, h, {})];
      const compact = tf.add(
        perforatedConv2dCompact(h, net.convs[i]!.kernel, mask, { pad: 'same' }),
        net.convs[i]!.bias,
      );
      return [xs, ys, tf.expandDims(compact, 1) as tf.Tensor4D];
    });
    try {
      const head = (value: tf.Tensor4D) => {
        const full = mask === null ? value : nearestFill(tf.squeeze(value, [1]) as tf.Tensor3D, mask);
        return summedCrossEntropy(headFrom(net, i, full, {}), y);
      };
      const impact = convImpact(v, head);
      for (let p = 0; p < total.length; p++) total[p]! += impact[p]! * size;
    } finally {
      tf.dispose([x, y, v]);
    }
  }
  const mean = new Float32Array(outHeight * outWidth);
  if (mask === null) {
    for (let p = 0; p < mean.length; p++) mean[p] = total[p]! / digits.n;
  } else {
    mean.fill(-1);
    for (const [p, position] of mask.kept.entries()) mean[position] = total[p]! / digits.n;
  }
  return mean;
}
