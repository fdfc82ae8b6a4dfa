import * as tf from '@tensorflow/tfjs-core';
import {
  asTensor,
  extractPatches,
  paddedExtent,
  padForWindows,
  padOrCrop,
  windowGeometry,
  zeroInsert,
} from './spatial.js';

/**
 * A correct `MaxPoolGrad` for wasm. The shipped kernel sends the gradient to the first element of a window
 * whose maximum is negative; this one routes it, like the cpu backend, to the first element (row-major)
 * equal to the window's maximum, never to padding, and drops it for windows whose maximum is −∞.
 *
 * Inputs dy [b, oh, ow, c], input [b, h, w, c], output [b, oh, ow, c] (the forward max); output [b, h, w, c].
 * The input is padded with −∞, never NaN: wasm's PadV2 (XNNPACK) caches its operator by pad value and
 * treats NaN as equal to any cached value, so a NaN pad returns stale constants (and poisons later pads).
 * Built from ops: kh·kw strided slices mark the maximum of each window, an exclusive cumulative sum keeps
 * the first one, and the routed gradients are added back onto the input grid (a transpose when windows
 * tile the input, else one zero-spread and kh·kw pads). Cost: O(kh·kw·b·oh·ow·c).
 */
export const maxPoolGradKernel: tf.KernelFunc = ({ inputs, attrs }) => {
  const { dy, input, output } = inputs as Record<'dy' | 'input' | 'output', tf.TensorInfo>;
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as tf.MaxPoolGradAttrs;
  return tf.tidy(() => {
    const x4 = asTensor<tf.Rank.R4>(input);
    const info = tf.backend_util.computePool2DInfo(x4.shape, filterSize, strides, 1, pad, dimRoundingMode);
    const g = windowGeometry(info);
    const windows = tf.stack(extractPatches(padForWindows(x4, g, Number.NEGATIVE_INFINITY), g));
    const isMax = tf.logicalAnd(tf.equal(windows, asTensor(output)), tf.greater(windows, Number.NEGATIVE_INFINITY));
    const earlierMaxima = tf.cumsum(tf.cast(isMax, 'int32'), 0, true);
    const isFirstMax = tf.logicalAnd(isMax, tf.equal(earlierMaxima, 0));
    const routed = tf.mul(tf.cast(isFirstMax, 'float32'), asTensor(dy)) as tf.Tensor5D;
    return addWindowsBack(routed, g, x4.shape);
  });
};

/**
 * col2im: adds the per-tap values [taps, b, oh, ow, c] back onto the (unpadded) input grid [b, h, w, c].
 */
function addWindowsBack(
  routed: tf.Tensor5D,
  g: ReturnType<typeof windowGeometry>,
  [batch, height, width, channels]: readonly [number, number, number, number],
): tf.Tensor4D {
  const [paddedHeight, paddedWidth] = paddedExtent(g);
  const cropToInput = (grid: tf.Tensor4D) =>
    padOrCrop(grid, [-g.padTop, height + g.padTop - grid.shape[1]], [-g.padLeft, width + g.padLeft - grid.shape[2]]);
  const [, , outHeight, outWidth] = routed.shape;
  if (g.strideHeight === g.filterHeight && g.strideWidth === g.filterWidth) {
    const tiles = tf.reshape(routed, [g.filterHeight, g.filterWidth, batch, outHeight, outWidth, channels]);
    const grid = tf.reshape(tf.transpose(tiles, [2, 3, 0, 4, 1, 5]), [
      batch,
      outHeight * g.filterHeight,
      outWidth * g.filterWidth,
      channels,
    ]);
    return cropToInput(grid as tf.Tensor4D);
  }
  const taps = g.filterHeight * g.filterWidth;
  const spread = zeroInsert(
    tf.reshape(routed, [taps * batch, outHeight, outWidth, channels]),
    g.strideHeight,
    g.strideWidth,
  );
  const perTap = tf.unstack(tf.reshape(spread, [taps, batch, spread.shape[1], spread.shape[2], channels]));
  const placed = perTap.map((tap, k) => {
    const top = Math.floor(k / g.filterWidth);
    const left = k % g.filterWidth;
    return padOrCrop(
      tap as tf.Tensor4D,
      [top, paddedHeight - top - spread.shape[1]],
      [left, paddedWidth - left - spread.shape[2]],
    );
  });
  return cropToInput(tf.addN(placed));
}
