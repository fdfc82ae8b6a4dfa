import { IMAGE_SIZE, type MnistSet } from '@proj/mnist';
import * as tf from '@tensorflow/tfjs-core';

/** Digit classes. */
export const CLASSES = 10;

/** A set of digits on the backend as the networks take them. */
export interface DigitTensors {
  /** [n, 784], pixels scaled to [−1, 1] as in the tutorial (x / 127.5 − 1). */
  readonly x: tf.Tensor2D;
  /** [n, 10] one-hot labels. */
  readonly y: tf.Tensor2D;
  readonly labels: Int32Array;
  readonly n: number;
}

/** Uploads `set` (pixels in [0, 1]) as 2x − 1 and one-hot labels. O(n · 784); the caller disposes x and y. */
export function toTensors(set: MnistSet): DigitTensors {
  return tf.tidy(() => ({
    x: tf.sub(tf.mul(tf.tensor2d(set.images, [set.n, IMAGE_SIZE]), 2), 1) as tf.Tensor2D,
    y: tf.cast(tf.oneHot(tf.tensor1d(set.labels, 'int32'), CLASSES), 'float32') as tf.Tensor2D,
    labels: set.labels,
    n: set.n,
  }));
}

/** Frees the tensors of {@link toTensors}. */
export function disposeTensors(data: DigitTensors): void {
  tf.dispose([data.x, data.y]);
}
