import * as tf from '@tensorflow/tfjs-core';
import { asTensor, extractPatches, padForWindows, windowGeometry } from './spatial.js';

/**
 * `DepthwiseConv2dNativeBackpropFilter` from ops the wasm backend has: im2col by strided slices, then one
 * batched matMul over input channels.
 *
 * dW[kh, kw, c, m] = Σ_{b, oh, ow} x[b, oh·s + kh·d − padTop, ow·s + kw·d − padLeft, c] · dy[b, oh, ow, c·M + m].
 * Inputs x [b, h, w, c] and dy [b, oh, ow, c·M]; output [kh, kw, c, M]. Strides, dilations and all paddings.
 * Cost: a batch of c matMuls [kh·kw, b·oh·ow] × [b·oh·ow, M]: the flops of the forward op.
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
    const [filterHeight, filterWidth, channels, multiplier] = filterShape;
    const taps = filterHeight * filterWidth;
    const rows = x4.shape[0] * g.outHeight * g.outWidth;
    const patches = tf.reshape(tf.stack(extractPatches(padForWindows(x4, g), g)), [taps, rows, channels]);
    const perChannelPatches = tf.transpose(patches, [2, 0, 1]);
    const perChannelDy = tf.transpose(tf.reshape(asTensor(dy), [rows, channels, multiplier]), [1, 0, 2]);
    const gradient = tf.matMul(perChannelPatches, perChannelDy);
    return tf.reshape(tf.transpose(gradient, [1, 0, 2]), filterShape);
  });
};
