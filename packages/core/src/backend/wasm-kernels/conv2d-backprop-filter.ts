import * as tf from '@tensorflow/tfjs-core';
import { asTensor, convWithPadding, toChannelsLast, type WindowGeometry, windowGeometry } from './spatial.js';

/**
 * `Conv2DBackpropFilter` (gradient of conv2d with respect to the filter) from ops the wasm backend has, in one of
 * two forms, both built on XNNPACK convolutions:
 *
 * dW[kh, kw, ci, co] = Σ_{b, oh, ow} x[b, oh·s + kh − padTop, ow·s + kw − padLeft, ci] · dy[b, oh, ow, co].
 *
 * - few inputs per window (kh·kw·ci ≤ co, e.g. a first layer on 1-channel images): im2col by a forward conv of x
 *   with the identity filter, then one GEMM patchesᵀ · dy ({@link patchesTimesGradient});
 * - otherwise one forward conv with the roles of batch and channels swapped ({@link gradientAsFilter}).
 *
 * Inputs x [b, h, w, ci] and dy [b, oh, ow, co] (or NCHW); output [kh, kw, ci, co]. Strides and all paddings.
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
    const [filterHeight, filterWidth, inChannels, outChannels] = filterShape;
    return filterHeight * filterWidth * inChannels <= outChannels
      ? patchesTimesGradient(x4, dy4, info)
      : gradientAsFilter(x4, dy4, windowGeometry(info));
  });
};

/**
 * dW = patchesᵀ [kh·kw·ci, b·oh·ow] · dy [b·oh·ow, co], where the patches are conv2d(x, I) with the identity
 * filter I [kh, kw, ci, kh·kw·ci] under the forward op's strides and padding (XNNPACK's im2col, exact: products
 * with 1 and 0; a non-finite x spreads NaN to the other taps of its windows). Cost: 2·b·oh·ow·(kh·kw·ci)²
 * flops for the patches, a transpose of them, and a GEMM of the forward op's flops. Pays where the patches
 * are narrow: packing the large filter of {@link gradientAsFilter} (dy, 800k values for a 28×28×16 first
 * layer of batch 64) costs XNNPACK more than the convolution itself.
 */
function patchesTimesGradient(x: tf.Tensor4D, dy: tf.Tensor4D, info: tf.backend_util.Conv2DInfo): tf.Tensor4D {
  const { filterHeight, filterWidth, inChannels, outChannels, padInfo } = info;
  const taps = filterHeight * filterWidth * inChannels;
  const identity = tf.reshape(tf.eye(taps), [filterHeight, filterWidth, inChannels, taps]) as tf.Tensor4D;
  const padding: tf.backend_util.ExplicitPadding = [
    [0, 0],
    [padInfo.top, padInfo.bottom],
    [padInfo.left, padInfo.right],
    [0, 0],
  ];
  const patches = tf.conv2d(x, identity, [info.strideHeight, info.strideWidth], padding);
  const rows = patches.size / taps;
  const gradient = tf.matMul(tf.transpose(tf.reshape(patches, [rows, taps])), tf.reshape(dy, [rows, outChannels]));
  return tf.reshape(gradient, [filterHeight, filterWidth, inChannels, outChannels]);
}

/**
 * dy as the filter: dW = conv2d(xpᵀ [ci, hp, wp, b], dyᵀ [oh, ow, b, co], stride 1, dilation s)ᵀ, where xp is x
 * padded as the forward op pads it (the conv's own padding, no copy) and cropped to the rows and columns
 * windows reach. Cost: the flops of the forward conv in one XNNPACK convolution, plus transposes of x and dy.
 */
function gradientAsFilter(x: tf.Tensor4D, dy: tf.Tensor4D, g: WindowGeometry): tf.Tensor4D {
  const [, height, width] = x.shape;
  const bottom = (g.outHeight - 1) * g.strideHeight + g.filterHeight - height - g.padTop;
  const right = (g.outWidth - 1) * g.strideWidth + g.filterWidth - width - g.padLeft;
  const channelsAsBatch = tf.transpose(x, [3, 1, 2, 0]) as tf.Tensor4D;
  const dyAsFilter = tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D;
  const gradient = convWithPadding(
    channelsAsBatch,
    dyAsFilter,
    [g.padTop, bottom],
    [g.padLeft, right],
    [g.strideHeight, g.strideWidth],
  );
  return tf.transpose(gradient, [1, 2, 0, 3]);
}
