import * as tf from '@tensorflow/tfjs-core';
import {
  asTensor,
  extractPatches,
  paddedExtent,
  padForWindows,
  padOrCrop,
  type WindowGeometry,
  windowGeometry,
  zeroInsert,
} from './spatial.js';

/**
 * A correct `MaxPoolGrad` for wasm. The shipped kernel sends the gradient to the first element of a window
 * whose maximum is negative; this one routes it, like the cpu backend, to the first element (row-major)
 * equal to the window's maximum, never to padding, and drops it for windows whose maximum is −∞.
 *
 * Inputs dy [b, oh, ow, c], input [b, h, w, c] (and output, the forward max, which it does not need);
 * output [b, h, w, c]. Built from ops, O(kh·kw·b·oh·ow·c): see the two routing functions.
 *
 * The input is padded with −∞, never NaN: wasm's PadV2 (XNNPACK) caches its operator by pad value and
 * treats NaN as equal to any cached value, so a NaN pad returns stale constants (and poisons later pads).
 */
export const maxPoolGradKernel: tf.KernelFunc = ({ inputs, attrs }) => {
  const { dy, input } = inputs as Record<'dy' | 'input' | 'output', tf.TensorInfo>;
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as tf.MaxPoolGradAttrs;
  return tf.tidy(() => {
    const x4 = asTensor<tf.Rank.R4>(input);
    const info = tf.backend_util.computePool2DInfo(x4.shape, filterSize, strides, 1, pad, dimRoundingMode);
    const g = windowGeometry(info);
    const xPadded = padForWindows(x4, g, Number.NEGATIVE_INFINITY);
    const grid =
      g.strideHeight === g.filterHeight && g.strideWidth === g.filterWidth
        ? routeTiledWindows(xPadded, asTensor(dy), g)
        : routeOverlappingWindows(xPadded, asTensor(dy), g);
    const [, height, width] = x4.shape;
    return padOrCrop(
      grid,
      [-g.padTop, height + g.padTop - grid.shape[1]],
      [-g.padLeft, width + g.padLeft - grid.shape[2]],
    );
  });
};

/**
 * Windows that tile the input (stride = filter size): one transpose gathers them as [b, oh, ow, c, kh·kw],
 * `argMax` picks the first maximum, and the inverse transpose puts the routed gradient back on the grid.
 */
function routeTiledWindows(xPadded: tf.Tensor4D, dy: tf.Tensor, g: WindowGeometry): tf.Tensor4D {
  const [batch, , , channels] = xPadded.shape;
  const { outHeight, outWidth, filterHeight, filterWidth } = g;
  const covered = tf.slice(xPadded, [0, 0, 0, 0], [batch, outHeight * filterHeight, outWidth * filterWidth, channels]);
  const blocks = tf.reshape(covered, [batch, outHeight, filterHeight, outWidth, filterWidth, channels]);
  const windows = tf.reshape(tf.transpose(blocks, [0, 1, 3, 5, 2, 4]), [
    batch,
    outHeight,
    outWidth,
    channels,
    filterHeight * filterWidth,
  ]);
  const hasMax = tf.greater(tf.max(windows, 4), Number.NEGATIVE_INFINITY);
  const dyKept = tf.where(hasMax, dy, tf.zerosLike(dy));
  const routed = tf.mul(tf.oneHot(tf.argMax(windows, 4), filterHeight * filterWidth), tf.expandDims(dyKept, 4));
  const routedBlocks = tf.reshape(routed, [batch, outHeight, outWidth, channels, filterHeight, filterWidth]);
  return tf.reshape(tf.transpose(routedBlocks, [0, 1, 4, 2, 5, 3]), [
    batch,
    outHeight * filterHeight,
    outWidth * filterWidth,
    channels,
  ]);
}

/**
 * Overlapping windows: a running strict maximum over the taps in row-major order keeps the first maximum
 * (as the cpu backend's `>` scan does); each tap's share of dy is then spread onto the grid and summed.
 * Only elementwise ops on [b, oh, ow, c] tensors: wasm's Pack/Unpack along a last axis are very slow.
 */
function routeOverlappingWindows(xPadded: tf.Tensor4D, dy: tf.Tensor, g: WindowGeometry): tf.Tensor4D {
  const taps = extractPatches(xPadded, g);
  let best: tf.Tensor = taps[0]!;
  let bestTap: tf.Tensor = tf.zerosLike(best);
  taps.slice(1).forEach((tap, i) => {
    const better = tf.greater(tap, best);
    best = tf.maximum(best, tap);
    bestTap = tf.where(better, tf.fill(better.shape, i + 1), bestTap);
  });
  const dyKept = tf.where(tf.greater(best, Number.NEGATIVE_INFINITY), dy, tf.zerosLike(dy));
  const [paddedHeight, paddedWidth] = paddedExtent(g);
  const placed = taps.map((_, k) => {
    const share = tf.mul(tf.cast(tf.equal(bestTap, k), 'float32'), dyKept) as tf.Tensor4D;
    const spread = zeroInsert(share, g.strideHeight, g.strideWidth);
    const top = Math.floor(k / g.filterWidth);
    const left = k % g.filterWidth;
    return padOrCrop(spread, [top, paddedHeight - top - spread.shape[1]], [left, paddedWidth - left - spread.shape[2]]);
  });
  return tf.addN(placed);
}
