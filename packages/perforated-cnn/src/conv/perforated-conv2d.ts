import { type Conv2dAtPositionsOptions, type ConvGeometry, conv2dAtPositions, convGeometry } from '@proj/core/ops';
import * as tf from '@tensorflow/tfjs-core';
import { shown } from '../internal/validate.js';
import type { PerforationMask } from '../mask/perforation-mask.js';
import { assertMask } from './assert-mask.js';
import { nearestFill } from './nearest-fill.js';

/** Options of {@link perforatedConv2d}: those of `tf.conv2d` (NHWC). */
export interface PerforatedConv2dOptions {
  /** Stride [sh, sw] or one number for both; default 1. */
  readonly strides?: number | readonly [number, number];
  /** `same` (output ⌈H/s⌉ × ⌈W/s⌉, TF's padding) or `valid`; default `same`. */
  readonly pad?: 'same' | 'valid';
  /** Dilation [dh, dw] or one number for both; default 1. */
  readonly dilations?: number | readonly [number, number];
}

/**
 * Perforated convolution (Figurnov, Ibraimova, Vetrov, Kohli, "PerforatedCNNs: Acceleration through
 * Elimination of Redundant Convolutions", NIPS 2016, §3.1): x [N, H, W, Cin], kernel [KH, KW, Cin, Cout], a mask
 * over the convolution's OH × OW output grid → [N, OH, OW, Cout]. Kept positions equal
 * `tf.conv2d(x, kernel, strides, pad, 'NHWC', dilations)`, every skipped one copies its nearest kept position
 * (`mask.nearest`). Only the kept positions are computed: {@link perforatedConv2dCompact}, then
 * {@link nearestFill}. Differentiable in x and kernel. A mask that keeps every position is `tf.conv2d` itself.
 *
 * Complexity: 2·N·P·KH·KW·Cin·Cout flops (P = mask.kept.length, theoretical speedup OH·OW / P), plus the
 * gathers of N·P·KH·KW·Cin patch values and N·OH·OW·Cout outputs; 12 kernels (16 on wasm, whose row gathers run
 * as GatherNd).
 *
 * @throws Error naming `perforatedConv2d` and the argument: x or kernel not float32 of rank 4 with matching
 *   channels, bad or unknown options, or a mask that is not a PerforationMask over the OH × OW output grid.
 * @example
 * const mask = gridMask(28, 28, 0.5, 1);
 * const y = perforatedConv2d(x, w, mask, { pad: 'same' }); // [N, 28, 28, Cout] from about half the work
 */
export function perforatedConv2d(
  x: tf.Tensor4D,
  kernel: tf.Tensor4D,
  mask: PerforationMask,
  options: PerforatedConv2dOptions = {},
): tf.Tensor4D {
  const fn = 'perforatedConv2d';
  const { geometry, checked } = checkArguments(x, kernel, mask, options, fn);
  if (checked.kept.length === checked.nearest.length) return dense(x, kernel, geometry);
  return tf.tidy(() => nearestFill(compact(x, kernel, checked, options), checked));
}

/**
 * The compact outputs of a perforated convolution: [N, P, Cout], row p the output of `tf.conv2d` at
 * `mask.kept[p]` (see {@link perforatedConv2d}; the fill is {@link nearestFill}). Keeping the outputs compact
 * lets pointwise layers that follow (bias, ReLU, 1×1 convolutions) run on the P kept positions only (the paper's
 * implicit interpolation). Differentiable in x and kernel.
 *
 * Complexity: 2·N·P·KH·KW·Cin·Cout flops; 7 kernels, 9 on wasm (im2row of the P patches by one gather, one GEMM;
 * near full masks a dense convolution and a gather, whichever @proj/core measured faster on the backend).
 *
 * @throws Error naming `perforatedConv2dCompact` and the argument, as {@link perforatedConv2d}.
 * @example
 * const kept = perforatedConv2dCompact(x, w, mask, { pad: 'same' }); // [N, mask.kept.length, Cout]
 */
export function perforatedConv2dCompact(
  x: tf.Tensor4D,
  kernel: tf.Tensor4D,
  mask: PerforationMask,
  options: PerforatedConv2dOptions = {},
): tf.Tensor3D {
  const fn = 'perforatedConv2dCompact';
  const { geometry, checked } = checkArguments(x, kernel, mask, options, fn);
  if (checked.kept.length === checked.nearest.length) {
    return tf.tidy(() => tf.reshape(dense(x, kernel, geometry), [x.shape[0], checked.kept.length, kernel.shape[3]]));
  }
  return compact(x, kernel, checked, options);
}

function compact(x: tf.Tensor4D, kernel: tf.Tensor4D, mask: PerforationMask, options: PerforatedConv2dOptions) {
  return conv2dAtPositions(x, kernel, mask.kept, options as Conv2dAtPositionsOptions) as tf.Tensor3D;
}

function dense(x: tf.Tensor4D, kernel: tf.Tensor4D, geometry: ConvGeometry): tf.Tensor4D {
  return tf.conv2d(x, kernel, geometry.strides, geometry.pad, 'NHWC', geometry.dilations);
}

/** Checks x, kernel, options and the mask against the output grid, with errors naming `fn`. */
function checkArguments(
  x: tf.Tensor4D,
  kernel: tf.Tensor4D,
  mask: PerforationMask,
  options: PerforatedConv2dOptions,
  fn: string,
) {
  if (x instanceof tf.Tensor && !x.isDisposed && x.rank === 4) {
    if (
      !(kernel instanceof tf.Tensor) ||
      kernel.isDisposed ||
      kernel.dtype !== 'float32' ||
      kernel.rank !== 4 ||
      kernel.shape[2] !== x.shape[3]
    ) {
      throw new Error(
        `${fn}: argument 'kernel' must be a float32 tensor [KH, KW, ${x.shape[3]}, Cout] (Cin of x), got ${shown(kernel)}`,
      );
    }
  }
  const geometry = convGeometry(x, kernel, (options ?? {}) as Conv2dAtPositionsOptions, fn);
  const checked = assertMask(mask, fn, [geometry.outHeight, geometry.outWidth]);
  return { geometry, checked };
}
