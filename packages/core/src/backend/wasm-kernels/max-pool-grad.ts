import * as tf from '@tensorflow/tfjs-core';

/** The part of tfjs-backend-wasm's `BackendWasm` that a kernel written in JS over the wasm heap uses. */
interface WasmHeapBackend {
  /** Allocates a tensor on the wasm heap (may grow the heap, which detaches earlier views: allocate first). */
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  /** A view of a tensor's data in the wasm heap, no copy. */
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

/**
 * A correct `MaxPoolGrad` for wasm. The shipped kernel sends the gradient to the first element of a window
 * whose maximum is negative; this one routes it, like the cpu backend, to the first element (row-major)
 * equal to the window's maximum (NaN never is), never to padding, and drops it for windows of only −∞ or NaN.
 *
 * Written by hand in JS over the wasm heap (views of the tensors' memory, no copies): no tfjs op routes dy
 * through the argmax of each window in one pass. Composed of ops (argMax over windows gathered by transposes,
 * one-hot products, and the inverse transposes) it took 15-40 kernels and was 4-5x slower on a small CNN's
 * pools; wasm's own `MaxPoolWithArgmax` is no faster and picks the last of tied maxima.
 *
 * Inputs dy [b, oh, ow, c], input [b, h, w, c] (and output, the forward max, which it does not need);
 * output [b, h, w, c]. One pass: O(b·oh·ow·kh·kw·c) reads, b·oh·ow·c scattered adds.
 */
export const maxPoolGradKernel: tf.KernelFunc = ({ inputs, attrs, backend }) => {
  const { dy, input } = inputs as Record<'dy' | 'input' | 'output', tf.TensorInfo>;
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as tf.MaxPoolGradAttrs;
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const heap = backend as unknown as WasmHeapBackend;
  const out = heap.makeOutput(input.shape, 'float32');
  const dx = heap.typedArrayFromHeap(out) as Float32Array;
  dx.fill(0);
  routeToFirstMaxima(
    heap.typedArrayFromHeap(input) as Float32Array,
    heap.typedArrayFromHeap(dy) as Float32Array,
    dx,
    info,
  );
  return out;
};

/**
 * dx[first argmax of window (b, oh, ow, c)] += dy[b, oh, ow, c], over the in-bounds taps of each window in
 * row-major order with a strict `>` from −∞ (the cpu backend's `maxPoolPositions`). `dx` must be zeroed.
 * Per window, the offsets of its in-bounds taps are listed once; then each channel scans them with its
 * running maximum in locals.
 */
function routeToFirstMaxima(x: Float32Array, dy: Float32Array, dx: Float32Array, info: tf.backend_util.Conv2DInfo) {
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
  const { strideHeight, strideWidth, filterHeight, filterWidth } = info;
  const { top, left } = info.padInfo;
  const taps = new Int32Array(filterHeight * filterWidth);
  let o = 0;
  for (let b = 0; b < batchSize; b++) {
    const imageStart = b * inHeight * inWidth * channels;
    for (let oh = 0; oh < outHeight; oh++) {
      const rowStart = oh * strideHeight - top;
      const rowEnd = Math.min(inHeight, rowStart + filterHeight);
      for (let ow = 0; ow < outWidth; ow++, o += channels) {
        const colStart = ow * strideWidth - left;
        const colEnd = Math.min(inWidth, colStart + filterWidth);
        let count = 0;
        for (let r = Math.max(0, rowStart); r < rowEnd; r++) {
          for (let col = Math.max(0, colStart); col < colEnd; col++)
            taps[count++] = imageStart + (r * inWidth + col) * channels;
        }
        if (count === 4) routeWindowOfFour(x, dy, dx, taps, o, channels);
        else {
          for (let c = 0; c < channels; c++) {
            let best = Number.NEGATIVE_INFINITY;
            let bestAt = -1;
            for (let t = 0; t < count; t++) {
              const value = x[taps[t]! + c]!;
              if (value > best) {
                best = value;
                bestAt = taps[t]! + c;
              }
            }
            if (bestAt >= 0) dx[bestAt]! += dy[o + c]!;
          }
        }
      }
    }
  }
}

/**
 * {@link routeToFirstMaxima} for a window of four in-bounds taps (2×2 pools, by far the most common), unrolled:
 * about 1.3x faster than the loop over taps. dy of the window starts at `o`.
 */
function routeWindowOfFour(
  x: Float32Array,
  dy: Float32Array,
  dx: Float32Array,
  taps: Int32Array,
  o: number,
  channels: number,
) {
  const t0 = taps[0]!;
  const t1 = taps[1]!;
  const t2 = taps[2]!;
  const t3 = taps[3]!;
  for (let c = 0; c < channels; c++) {
    let best = Number.NEGATIVE_INFINITY;
    let bestAt = -1;
    const v0 = x[t0 + c]!;
    if (v0 > best) {
      best = v0;
      bestAt = t0 + c;
    }
    const v1 = x[t1 + c]!;
    if (v1 > best) {
      best = v1;
      bestAt = t1 + c;
    }
    const v2 = x[t2 + c]!;
    if (v2 > best) {
      best = v2;
      bestAt = t2 + c;
    }
    if (x[t3 + c]! > best) bestAt = t3 + c;
    if (bestAt >= 0) dx[bestAt]! += dy[o + c]!;
  }
}
