import * as tf from '@tensorflow/tfjs-core';
import { asTensor, padOrCrop, toChannelsLast, windowGeometry } from './spatial.js';

/**
 * `Conv2DBackpropFilter` (gradient of conv2d with respect to the filter) from ops the wasm backend has, as
 * one forward conv2d with the roles of batch and channels swapped:
 *
 * dW[kh, kw, ci, co] = Σ_{b, oh, ow} xp[b, oh·s + kh, ow·s + kw, ci] · dy[b, oh, ow, co]
 *                    = conv2d(xpᵀ [ci, hp, wp, b], dyᵀ [oh, ow, b, co], stride 1, dilation s)[ci, kh, kw, co],
 * where xp is the input padded as the forward op pads it and cropped to the rows and columns windows reach. Inputs x [b, h, w, ci] and dy [b, oh, ow, co]
 * (or NCHW); output [kh, kw, ci, co]. Cost: the flops of the forward conv in one XNNPACK convolution, plus
 * three transposes; no im2col copy.
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
    const [, height, width] = x4.shape;
    const windowsHeight = (g.outHeight - 1) * g.strideHeight + g.filterHeight;
    const windowsWidth = (g.outWidth - 1) * g.strideWidth + g.filterWidth;
    const xPadded = padOrCrop(
      x4,
      [g.padTop, windowsHeight - height - g.padTop],
      [g.padLeft, windowsWidth - width - g.padLeft],
    );
    const channelsAsBatch = tf.transpose(xPadded, [3, 1, 2, 0]) as tf.Tensor4D;
    const dyAsFilter = tf.transpose(dy4, [1, 2, 0, 3]) as tf.Tensor4D;
    const gradient = tf.conv2d(channelsAsBatch, dyAsFilter, 1, 'valid', 'NHWC', [g.strideHeight, g.strideWidth]);
    return tf.transpose(gradient, [1, 2, 0, 3]);
  });
};
