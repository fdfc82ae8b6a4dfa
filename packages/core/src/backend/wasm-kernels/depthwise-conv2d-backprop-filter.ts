import * as tf from '@tensorflow/tfjs-core';
import { asTensor, extractPatches, padForWindows, windowGeometry } from './spatial.js';

/**
 * `DepthwiseConv2dNativeBackpropFilter` from ops the wasm backend has: per filter tap, the input patch
 * times dy, summed over batch and positions by one GEMV with a row of ones (no transposes, no im2col copy).
 *
 * dW[kh, kw, c, m] = Σ_{b, oh, ow} x[b, oh·s + kh·d − padTop, ow·s + kw·d − padLeft, c] · dy[b, oh, ow, c·M + m].
 * Inputs x [b, h, w, c] and dy [b, oh, ow, c·M]; output [kh, kw, c, M]. Strides, dilations and all paddings.
 * Cost: kh·kw · (a slice, a product of b·oh·ow·c·M values and a GEMV of that size): twice the forward flops.
 */
export const depthwiseConv2dBackpropFilterKernel: tf.KernelFunc = ({ inputs, attrs }) => {
  const { x, dy } = inputs as Record<'x' | 'dy', tf.TensorInfo>;
  const { strides, dilations, pad, dimRoundingMode, filterShape } =
    attrs as unknown as tf.DepthwiseConv2dNativeBackpropFilterAttrs;
  return tf.tidy(() => {
    const x4 = asTensor<tf.Rank.R4>(x);
    const info = tf.backend_util.computeConv2DInfo(
      x4.shape,
      filterShape,
      strides,
      dilations,
      pad,
      dimRoundingMode,
      true,
    );
    const g = windowGeometry(info);
    const [, , channels, multiplier] = filterShape;
    const rows = x4.shape[0] * g.outHeight * g.outWidth;
    const dy3 = tf.reshape(asTensor(dy), [rows, channels, multiplier]);
    const ones = tf.ones([1, rows]);
    const perTap = extractPatches(padForWindows(x4, g), g).map((patch) => {
      const products = tf.mul(tf.reshape(patch, [rows, channels, 1]), dy3);
      return tf.matMul(ones, tf.reshape(products, [rows, channels * multiplier]));
    });
    return tf.reshape(tf.concat(perTap, 0), filterShape);
  });
};
