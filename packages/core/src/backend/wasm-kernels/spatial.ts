import * as tf from '@tensorflow/tfjs-core';

/** Geometry of a sliding window over the two spatial axes of an NHWC tensor. */
export interface WindowGeometry {
  readonly filterHeight: number;
  readonly filterWidth: number;
  readonly strideHeight: number;
  readonly strideWidth: number;
  readonly dilationHeight: number;
  readonly dilationWidth: number;
  readonly outHeight: number;
  readonly outWidth: number;
  readonly padTop: number;
  readonly padLeft: number;
}

/** Reads the window geometry out of tfjs's `Conv2DInfo`. */
export function windowGeometry(info: tf.backend_util.Conv2DInfo): WindowGeometry {
  return {
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    dilationHeight: info.dilationHeight,
    dilationWidth: info.dilationWidth,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
}

/**
 * Height and width of the padded input: every window fits, plus stride − 1 rows and columns so that the
 * strided gather of {@link extractPatches} can read whole stride blocks.
 */
export function paddedExtent(g: WindowGeometry): [number, number] {
  return [
    g.outHeight * g.strideHeight + (g.filterHeight - 1) * g.dilationHeight,
    g.outWidth * g.strideWidth + (g.filterWidth - 1) * g.dilationWidth,
  ];
}

/** Pads with zeros (positive amounts) or crops (negative amounts) the spatial axes of an NHWC tensor. */
export function padOrCrop(
  x: tf.Tensor4D,
  [top, bottom]: readonly [number, number],
  [left, right]: readonly [number, number],
): tf.Tensor4D {
  const [batch, height, width, channels] = x.shape;
  const cropTop = Math.max(0, -top);
  const cropLeft = Math.max(0, -left);
  const keptHeight = height - cropTop - Math.max(0, -bottom);
  const keptWidth = width - cropLeft - Math.max(0, -right);
  const cropped =
    cropTop === 0 && cropLeft === 0 && keptHeight === height && keptWidth === width
      ? x
      : tf.slice(x, [0, cropTop, cropLeft, 0], [batch, keptHeight, keptWidth, channels]);
  const padding: Array<[number, number]> = [
    [0, 0],
    [Math.max(0, top), Math.max(0, bottom)],
    [Math.max(0, left), Math.max(0, right)],
    [0, 0],
  ];
  return padding.every(([a, b]) => a === 0 && b === 0) ? cropped : tf.pad(cropped, padding);
}

/**
 * Pads the input of a windowed op to {@link paddedExtent}, so that window (oh, ow) starts at
 * (oh·stride, ow·stride). Rows and columns no window reaches are cropped.
 */
export function padForWindows(x: tf.Tensor4D, g: WindowGeometry): tf.Tensor4D {
  const [paddedHeight, paddedWidth] = paddedExtent(g);
  const [, height, width] = x.shape;
  return padOrCrop(x, [g.padTop, paddedHeight - height - g.padTop], [g.padLeft, paddedWidth - width - g.padLeft]);
}

/**
 * The inputs seen by each filter tap (im2col): for tap (kh, kw), in row-major order, the
 * [batch, outHeight, outWidth, channels] tensor xp[:, kh·d + oh·s, kw·d + ow·s, :] of the padded input.
 *
 * Strided access is one contiguous slice of whole stride blocks, then a slice of the first row and
 * column of every block in a rank-4 view: wasm's StridedSlice and rank-6 Slice are 10-40x slower.
 * Cost: 2 slices per tap.
 */
export function extractPatches(xPadded: tf.Tensor4D, g: WindowGeometry): tf.Tensor4D[] {
  const [batch, , , channels] = xPadded.shape;
  const patches: tf.Tensor4D[] = [];
  for (let kh = 0; kh < g.filterHeight; kh++) {
    for (let kw = 0; kw < g.filterWidth; kw++) {
      const blocks = tf.slice(
        xPadded,
        [0, kh * g.dilationHeight, kw * g.dilationWidth, 0],
        [batch, g.outHeight * g.strideHeight, g.outWidth * g.strideWidth, channels],
      );
      if (g.strideHeight === 1 && g.strideWidth === 1) {
        patches.push(blocks);
        continue;
      }
      const view = tf.reshape(blocks, [batch * g.outHeight, g.strideHeight, g.outWidth, g.strideWidth * channels]);
      const firsts = tf.slice(view, [0, 0, 0, 0], [batch * g.outHeight, 1, g.outWidth, channels]);
      patches.push(tf.reshape(firsts, [batch, g.outHeight, g.outWidth, channels]));
    }
  }
  return patches;
}

/**
 * Spreads an NHWC tensor over a grid `stride` times finer, with zeros in between:
 * out[n, i·sh, j·sw, c] = x[n, i, j, c]; the result is [n, h·sh, w·sw, c]. Two rank-4 pads.
 */
export function zeroInsert(x: tf.Tensor4D, strideHeight: number, strideWidth: number): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  const rows =
    strideHeight === 1
      ? x
      : tf.pad(tf.reshape(x, [n * h, 1, w, c]), [
          [0, 0],
          [0, strideHeight - 1],
          [0, 0],
          [0, 0],
        ]);
  if (strideWidth === 1) return tf.reshape(rows, [n, h * strideHeight, w, c]);
  const columns = tf.pad(tf.reshape(rows, [n * h * strideHeight, w, 1, c]), [
    [0, 0],
    [0, 0],
    [0, strideWidth - 1],
    [0, 0],
  ]);
  return tf.reshape(columns, [n, h * strideHeight, w * strideWidth, c]);
}

/**
 * conv2d (stride 1, the given dilations) of an NHWC `x` padded by the given rows and columns: positive amounts
 * are the conv's own padding (XNNPACK pads on the fly, no copy), negative amounts crop `x` first.
 */
export function convWithPadding(
  x: tf.Tensor4D,
  filter: tf.Tensor4D,
  [top, bottom]: readonly [number, number],
  [left, right]: readonly [number, number],
  dilations: [number, number],
): tf.Tensor4D {
  const cropped = padOrCrop(x, [Math.min(0, top), Math.min(0, bottom)], [Math.min(0, left), Math.min(0, right)]);
  const padding: tf.backend_util.ExplicitPadding = [
    [0, 0],
    [Math.max(0, top), Math.max(0, bottom)],
    [Math.max(0, left), Math.max(0, right)],
    [0, 0],
  ];
  return tf.conv2d(cropped, filter, 1, padding, 'NHWC', dilations);
}

/** NCHW → NHWC when `channelsFirst`. */
export function toChannelsLast<T extends tf.Tensor4D>(x: T, channelsFirst: boolean): T {
  return channelsFirst ? (tf.transpose(x, [0, 2, 3, 1]) as T) : x;
}

/**
 * A kernel input as a Tensor, so that ops accept it. Inputs from the engine already are Tensors; a bare
 * TensorInfo is wrapped with its own reference on the data (so disposing the wrapper leaves the input alive).
 */
export function asTensor<R extends tf.Rank>(info: tf.TensorInfo): tf.Tensor<R> {
  if (info instanceof tf.Tensor) return info as tf.Tensor<R>;
  const engine = tf.engine();
  engine.backend.incRef(info.dataId);
  return engine.makeTensorFromTensorInfo(info) as tf.Tensor<R>;
}
