import type { MnistSet } from '@proj/mnist';
import * as tf from '@tensorflow/tfjs-core';

/** Digit classes. */
export const CLASSES = 10;
/** Image side in pixels. */
export const SIDE = 28;

/** A set of digits on the backend as the networks take them. */
export interface Digits {
  /** [n, 28, 28, 1], pixels in [0, 1]. */
  readonly x: tf.Tensor4D;
  /** [n, 10] one-hot labels. */
  readonly y: tf.Tensor2D;
  readonly labels: Int32Array;
  readonly n: number;
}

/** Uploads `set` as NHWC images and one-hot labels. O(n · 784); free with {@link disposeDigits}. */
export function toDigits(set: MnistSet): Digits {
  return tf.tidy(() => ({
    x: tf.tensor4d(set.images, [set.n, SIDE, SIDE, 1]),
    y: tf.cast(tf.oneHot(tf.tensor1d(set.labels, 'int32'), CLASSES), 'float32') as tf.Tensor2D,
    labels: set.labels,
    n: set.n,
  }));
}

/** The digits [start, start + size) of `digits` (tensors sliced: free with {@link disposeDigits}). */
export function sliceDigits(digits: Digits, start: number, size: number): Digits {
  const end = Math.min(start + size, digits.n);
  return {
    x: tf.slice(digits.x, [start, 0, 0, 0], [end - start, -1, -1, -1]),
    y: tf.slice(digits.y, [start, 0], [end - start, -1]),
    labels: digits.labels.subarray(start, end),
    n: end - start,
  };
}

/** Frees the tensors of {@link toDigits} or {@link sliceDigits}. */
export function disposeDigits(digits: Digits): void {
  tf.dispose([digits.x, digits.y]);
}
