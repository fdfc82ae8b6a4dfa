import * as tf from '@tensorflow/tfjs-core';
import { asTensor, extractPatches, padForWindows, toChannelsLast, windowGeometry } from './spatial.js';

/**
 * `Conv2DBackpropFilter` (gradient of conv2d with respect to the filter) from ops the wasm backend has:
 * im2col by strided slices, then one GEMM.
 *
 * dW[kh, kw, ci, co] = Σ_{b, oh, ow} x[b, oh·s + kh − padTop, ow·s + kw − padLeft, ci] · dy[b, oh, ow, co].
 * Inputs x [b, h, w, ci] and dy [b, oh, ow, co] (or NCHW); output [kh, kw, ci, co].
 * Cost: one [kh·kw·ci, b·oh·ow] × [b·oh·ow, co] matMul (the flops of the forward conv), plus kh·kw slices;
 * memory: the im2col matrix, kh·kw times the input.
 */
export const conv2dBackpropFilterKernel: tf.KernelFunc = ({ inputs, attrs }) => {
  const { x, dy } = inputs as Record<'x' | 'dy', tf.TensorInfo>;
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  return tf.tidy(() => {
    const channelsFirst = dataFormat === 'NCHW';
    const x4 = toChannelsLast(asTensor<tf.Rank.R4>(x), channelsFirst);
    const dy4 = toChannelsLast(asTensor<tf.Rank.R4>(dy), channelsFirst);
    const info = tf.backend_util.computeConv2DInfo(
      x4.shape,
      filterShape,
      strides,
      1,
      pad,
      dimRoundingMode,
      false,
      'channelsLast',
    );
    const g = windowGeometry(info);
    const [filterHeight, filterWidth, inChannels, outChannels] = filterShape;
    const rows = x4.shape[0] * g.outHeight * g.outWidth;
    const columns = tf.reshape(tf.stack(extractPatches(padForWindows(x4, g), g), 3), [
      rows,
      filterHeight * filterWidth * inChannels,
    ]);
    const gradient = tf.matMul(columns, tf.reshape(dy4, [rows, outChannels]), true, false);
    return tf.reshape(gradient, filterShape);
  });
};
