import * as tf from '@tensorflow/tfjs-core';
import { asTensor, convWithPadding, toChannelsLast, windowGeometry, zeroInsert } from './spatial.js';

/**
 * `Conv2DBackpropInput` (gradient of conv2d with respect to its input) for wasm, as ONE forward conv2d, which
 * XNNPACK runs about 6x faster than the shipped direct loop (~20 vs 3.6 GFLOP/s on the second layer of a small
 * CNN; see bench/wasm-kernels.bench.ts):
 *
 * dx[b, h, w, ci] = Σ_{kh, kw, co : h = oh·s + kh − padTop, w = ow·s + kw − padLeft} W[kh, kw, ci, co] · dy[b, oh, ow, co]
 *                 = conv2d(spread(dy), flip(W)ᵀ, stride 1)[b, h, w, ci],
 * where spread(dy) puts dy on the input grid with s − 1 zeros between rows and columns (strides > 1 only) and
 * flip(W)ᵀ [kh, kw, co, ci] is the filter reversed along both spatial axes with its channel axes swapped. The
 * forward conv pads spread(dy) by kh − 1 − padTop rows on top (and so on), passed to XNNPACK as explicit
 * padding (no copy); negative amounts crop instead. tfjs's conv2d gradient has no dilations (it refuses them).
 *
 * Inputs dy [b, oh, ow, co] and filter [kh, kw, ci, co] (dy NCHW when dataFormat is NCHW); output
 * [b, h, w, ci] (attr `inputShape`, NCHW likewise). Cost: the flops of the forward conv times stride²
 * (the zeros), plus a filter-sized transpose; for stride 1 no copy of dy.
 */
export const conv2dBackpropInputKernel: tf.KernelFunc = ({ inputs, attrs }) => {
  const { dy, filter } = inputs as Record<'dy' | 'filter', tf.TensorInfo>;
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs as unknown as tf.Conv2DBackpropInputAttrs;
  return tf.tidy(() => {
    const channelsFirst = dataFormat === 'NCHW';
    const w4 = asTensor<tf.Rank.R4>(filter);
    const [batch, height, width, channels] = channelsFirst
      ? [inputShape[0], inputShape[2], inputShape[3], inputShape[1]]
      : inputShape;
    const info = tf.backend_util.computeConv2DInfo(
      [batch, height, width, channels],
      w4.shape,
      strides,
      1,
      pad,
      dimRoundingMode,
      false,
      'channelsLast',
    );
    const g = windowGeometry(info);
    const spread = zeroInsert(toChannelsLast(asTensor<tf.Rank.R4>(dy), channelsFirst), g.strideHeight, g.strideWidth);
    // spread(dy) ends with s − 1 zero rows (columns) after the last dy row; they count as padding below (right).
    const top = g.filterHeight - 1 - g.padTop;
    const left = g.filterWidth - 1 - g.padLeft;
    const bottom = height + g.filterHeight - 1 - top - spread.shape[1];
    const right = width + g.filterWidth - 1 - left - spread.shape[2];
    const flipped = tf.transpose(tf.reverse(w4, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D;
    const dx = convWithPadding(spread, flipped, [top, bottom], [left, right], [1, 1]);
    return channelsFirst ? tf.transpose(dx, [0, 3, 1, 2]) : dx;
  });
};
