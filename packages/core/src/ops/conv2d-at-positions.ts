import * as tf from '@tensorflow/tfjs-core';
import { describeValue, MAX_ELEMENTS } from '../validation/assert-args.js';
import { assertOptions } from '../validation/assert-options.js';
import { backendProfile } from './backend-profile.js';
import { batchRows, gatherPositions, type Positions, positionIndices } from './positions.js';

/** Options of {@link conv2dAtPositions}: those of `tf.conv2d` (NHWC). */
export interface Conv2dAtPositionsOptions {
  /** Stride [sh, sw] or one number for both; default 1. */
  readonly strides?: number | readonly [number, number];
  /** `same` (output ⌈H/s⌉ × ⌈W/s⌉, TF's padding) or `valid`; default `same`. */
  readonly pad?: 'same' | 'valid';
  /** Dilation [dh, dw] or one number for both; default 1. */
  readonly dilations?: number | readonly [number, number];
}

const OPTION_KEYS = ['strides', 'pad', 'dilations'];

/**
 * The outputs of `tf.conv2d(x, filter, strides, pad, 'NHWC', dilations)` at some output positions only:
 * x [N, H, W, Cin], filter [KH, KW, Cin, Cout] → [N, P, Cout], row p the output at `positions[p]` = oh·OW + ow
 * of the OH × OW output grid. The cost scales with P, the computed positions (PerforatedCNNs, Figurnov et
 * al., NIPS 2016: im2row of the P patches, then one GEMM; also the active positions of spatially adaptive
 * computation, CVPR 2017). Differentiable in x and filter.
 *
 * Strategy per backend ({@link backendProfile}): above a measured fraction of the grid a dense convolution
 * followed by a gather is faster (the GEMM of the patches runs no faster per flop than the convolution, and the
 * gather adds its copies); below it, one pad, one gather of the N·P·KH·KW input pixels as whole rows of Cin
 * values (axis 0, the batch folded into the index) and one matMul.
 *
 * Complexity: 2·N·P·KH·KW·Cin·Cout flops and N·P·KH·KW·Cin gathered values (an N·P·KH·KW index built on the
 * host); 4-7 kernels (2 more on wasm, whose row gathers run as GatherNd).
 *
 * @throws Error naming `conv2dAtPositions` and the argument for tensors that are not float32 of rank 4,
 *   channels that do not match, bad options (unknown keys too), a padded input of more than 2³¹ − 1 elements
 *   (a huge dilation), or positions outside [0, OH·OW).
 * @example
 * const y = conv2dAtPositions(x, w, [0, 5, 10]); // [N, 3, Cout]: 3 outputs of the same-padded convolution
 */
export function conv2dAtPositions(
  x: tf.Tensor,
  filter: tf.Tensor,
  positions: Positions,
  options: Conv2dAtPositionsOptions = {},
): tf.Tensor {
  const fn = 'conv2dAtPositions';
  const geometry = convGeometry(x, filter, options, fn);
  const indices = positionIndices(positions, geometry.outHeight * geometry.outWidth, fn);
  const fraction = indices.length / (geometry.outHeight * geometry.outWidth);
  return convAtPositions(x, filter, indices, geometry, fraction >= backendProfile().denseConvFraction);
}

/** Either strategy of {@link conv2dAtPositions}, chosen by the caller (the benchmark times both). */
export function convAtPositions(
  x: tf.Tensor,
  filter: tf.Tensor,
  indices: Int32Array,
  geometry: ConvGeometry,
  dense: boolean,
): tf.Tensor {
  return tf.tidy(() => {
    if (dense) {
      const y = tf.conv2d(
        x as tf.Tensor4D,
        filter as tf.Tensor4D,
        geometry.strides,
        geometry.pad,
        'NHWC',
        geometry.dilations,
      );
      return gatherPositions(y, indices);
    }
    return patchProduct(x, filter, indices, geometry);
  });
}

/** Output grid and padding of a convolution. */
export interface ConvGeometry {
  readonly strides: [number, number];
  readonly dilations: [number, number];
  readonly pad: 'same' | 'valid';
  readonly outHeight: number;
  readonly outWidth: number;
  /** Zero padding [top, bottom, left, right] that makes the convolution 'valid'. */
  readonly padding: [number, number, number, number];
}

function pair(value: unknown, name: string, fn: string): [number, number] {
  const values = typeof value === 'number' ? [value, value] : value;
  if (!Array.isArray(values) || values.length !== 2 || !values.every((v) => Number.isInteger(v) && v > 0)) {
    throw new Error(`${fn}: option '${name}' must be a positive integer or two of them, got ${JSON.stringify(value)}`);
  }
  return values as [number, number];
}

/**
 * Checks the arguments of a convolution as `tf.conv2d` takes them (x [N, H, W, Cin], filter
 * [KH, KW, Cin, Cout], NHWC options as in {@link Conv2dAtPositionsOptions}) and computes its OH × OW output grid
 * and the zero padding that makes it 'valid'. For layers built on {@link conv2dAtPositions} that must check
 * their inputs against the output grid (e.g. a perforation mask) before computing. O(1), no kernels.
 *
 * @param fn the name errors start with (the caller's function).
 * @throws Error naming `fn` and the argument, as {@link conv2dAtPositions} does (naming `convGeometry` for an
 *   `fn` that is not a non-empty string).
 * @example
 * convGeometry(x, w, { strides: 2 }, 'myConv').outHeight; // ⌈H / 2⌉
 */
export function convGeometry(
  x: tf.Tensor,
  filter: tf.Tensor,
  options: Conv2dAtPositionsOptions,
  fn: string,
): ConvGeometry {
  if (typeof fn !== 'string' || fn === '') {
    throw new Error(
      `convGeometry: argument 'fn' must be a non-empty string (the caller's name), got ${describeValue(fn)}`,
    );
  }
  if (!(x instanceof tf.Tensor) || x.isDisposed || x.dtype !== 'float32' || x.rank !== 4) {
    throw new Error(`${fn}: argument 'x' must be a rank-4 tensor [N, H, W, Cin], got ${describe(x)} (float32)`);
  }
  if (
    !(filter instanceof tf.Tensor) ||
    filter.isDisposed ||
    filter.dtype !== 'float32' ||
    filter.rank !== 4 ||
    filter.shape[2] !== x.shape[3]
  ) {
    throw new Error(
      `${fn}: argument 'filter' must be a rank-4 tensor [KH, KW, ${x.shape[3]}, Cout] (Cin of x), got ${describe(filter)}`,
    );
  }
  assertOptions(fn, options, OPTION_KEYS);
  const strides = pair(options.strides ?? 1, 'strides', fn);
  const dilations = pair(options.dilations ?? 1, 'dilations', fn);
  const pad = options.pad ?? 'same';
  if (pad !== 'same' && pad !== 'valid') {
    throw new Error(`${fn}: option 'pad' must be 'same' or 'valid', got ${JSON.stringify(pad)}`);
  }
  const [, h, w] = x.shape as [number, number, number, number];
  const [kh, kw] = filter.shape as [number, number, number, number];
  const extent = [(kh - 1) * dilations[0] + 1, (kw - 1) * dilations[1] + 1] as const;
  const out = (size: number, k: number, s: number) =>
    pad === 'same' ? Math.ceil(size / s) : Math.floor((size - k) / s) + 1;
  const [outHeight, outWidth] = [out(h, extent[0], strides[0]), out(w, extent[1], strides[1])];
  if (outHeight < 1 || outWidth < 1) {
    throw new Error(
      `${fn}: the ${extent[0]}×${extent[1]} (dilated) filter does not fit the ${h}×${w} input with pad 'valid'`,
    );
  }
  // TF's 'same': the total padding max((out − 1)·s + extent − size, 0), the smaller half on top/left.
  const total = (size: number, o: number, k: number, s: number) => Math.max((o - 1) * s + k - size, 0);
  const [th, tw] = [total(h, outHeight, extent[0], strides[0]), total(w, outWidth, extent[1], strides[1])];
  const padding: [number, number, number, number] =
    pad === 'same'
      ? [Math.floor(th / 2), th - Math.floor(th / 2), Math.floor(tw / 2), tw - Math.floor(tw / 2)]
      : [0, 0, 0, 0];
  const [n, , , cin] = x.shape as [number, number, number, number];
  const paddedSize = n * (h + padding[0] + padding[1]) * (w + padding[2] + padding[3]) * cin;
  if (paddedSize > MAX_ELEMENTS) {
    throw new Error(
      `${fn}: the ${extent[0]}×${extent[1]} (dilated) filter needs a padded input of ${paddedSize} elements, more than ${MAX_ELEMENTS}`,
    );
  }
  return { strides, dilations, pad, outHeight, outWidth, padding };
}

function describe(value: unknown): string {
  return value instanceof tf.Tensor && !value.isDisposed && value.dtype === 'float32'
    ? `shape [${value.shape.join(',')}]`
    : describeValue(value);
}

/** im2row of the P patches (one gather from the padded input) and one GEMM with the filter. */
function patchProduct(x: tf.Tensor, filter: tf.Tensor, positions: Int32Array, geometry: ConvGeometry): tf.Tensor {
  const [n, h, w, cin] = x.shape as [number, number, number, number];
  const [kh, kw, , cout] = filter.shape as [number, number, number, number];
  const [top, bottom, left, right] = geometry.padding;
  const paddedWidth = w + left + right;
  const taps = kh * kw;
  // Input pixel of tap (i, j) of output (oh, ow): (oh·sh + i·dh, ow·sw + j·dw) in padded coordinates.
  const source = new Int32Array(positions.length * taps);
  positions.forEach((position, p) => {
    const [oh, ow] = [Math.floor(position / geometry.outWidth), position % geometry.outWidth];
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        const row = oh * geometry.strides[0] + i * geometry.dilations[0];
        const column = ow * geometry.strides[1] + j * geometry.dilations[1];
        source[p * taps + i * kw + j] = row * paddedWidth + column;
      }
    }
  });
  const padded =
    top + bottom + left + right === 0
      ? x
      : tf.pad(x, [
          [0, 0],
          [top, bottom],
          [left, right],
          [0, 0],
        ]);
  // One gather of whole pixel rows (axis 0, the batch folded into the index), the fast path of every backend.
  const pixels = (h + top + bottom) * paddedWidth;
  const flat = tf.reshape(padded, [n * pixels, cin]);
  const rows = tf.tensor1d(batchRows(n, pixels, source), 'int32');
  const patches = tf.reshape(tf.gather(flat, rows), [n * positions.length, taps * cin]);
  const product = tf.matMul(patches as tf.Tensor2D, tf.reshape(filter, [taps * cin, cout]) as tf.Tensor2D);
  return tf.reshape(product, [n, positions.length, cout]);
}
