import * as tf from '@tensorflow/tfjs-core';
import { asTensor, padOrCrop, windowGeometry, zeroInsert } from './spatial.js';

/**
 * `DepthwiseConv2dNativeBackpropInput` from ops the wasm backend has, as one forward depthwise conv:
 * dy is spread over the input grid with zeros between rows/columns (stride), padded so that every input
 * position sees the taps that reached it, and correlated with the spatially flipped filter (dilated like
 * the forward op); the M products per input channel are then summed.
 *
 * dx[b, h, w, c] = Σ_{kh, kw, m : h = oh·s + kh·d − padTop, w = ow·s + kw·d − padLeft} W[kh, kw, c, m] · dy[b, oh, ow, c·M + m].
 * Inputs dy [b, oh, ow, c·M] and filter [kh, kw, c, M]; output [b, h, w, c] (attr `inputShape`).
 * Cost: one depthwise conv over c·M channels of the input's size, about the flops of the forward op
 * (times stride² for the zeros between rows and columns).
 */
export const depthwiseConv2dBackpropInputKernel: tf.KernelFunc = ({ inputs, attrs }) => {
  const { dy, filter } = inputs as Record<'dy' | 'filter', tf.TensorInfo>;
  const { strides, dilations, pad, dimRoundingMode, inputShape } =
    attrs as unknown as tf.DepthwiseConv2dNativeBackpropInputAttrs;
  return tf.tidy(() => {
    const w4 = asTensor<tf.Rank.R4>(filter);
    const info = tf.backend_util.computeConv2DInfo(
      inputShape,
      w4.shape,
      strides,
      dilations,
      pad,
      dimRoundingMode,
      true,
    );
    const g = windowGeometry(info);
    const [batch, height, width, channels] = inputShape;
    const [filterHeight, filterWidth, , multiplier] = w4.shape;
    const effectiveHeight = (filterHeight - 1) * g.dilationHeight + 1;
    const effectiveWidth = (filterWidth - 1) * g.dilationWidth + 1;
    const spread = zeroInsert(asTensor<tf.Rank.R4>(dy), g.strideHeight, g.strideWidth);
    const top = effectiveHeight - 1 - g.padTop;
    const left = effectiveWidth - 1 - g.padLeft;
    const padded = padOrCrop(
      spread,
      [top, height + effectiveHeight - 1 - top - spread.shape[1]],
      [left, width + effectiveWidth - 1 - left - spread.shape[2]],
    );
    const flipped = tf.reshape(tf.reverse(w4, [0, 1]), [filterHeight, filterWidth, channels * multiplier, 1]);
    const perProduct = tf.depthwiseConv2d(padded, flipped as tf.Tensor4D, 1, 'valid', 'NHWC', [
      g.dilationHeight,
      g.dilationWidth,
    ]);
    return tf.sum(tf.reshape(perProduct, [batch, height, width, channels, multiplier]), 4);
  });
};
