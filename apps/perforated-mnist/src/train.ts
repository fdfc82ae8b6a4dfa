import { foldIn, type Seed } from '@proj/core';
import { seededPermutation } from '@proj/mnist';
import * as tf from '@tensorflow/tfjs-core';
import type { Digits } from './data.js';
import { forward, type Masks, type Network, networkVariables } from './network.js';

/** How a network is trained: `steps` Adam steps on batches of `batchSize`. */
export interface TrainingOptions {
  readonly steps: number;
  readonly batchSize: number;
  readonly learningRate: number;
}

/** A stretch of training (an epoch, or the whole of a short fine-tuning): its last step and mean loss. */
export interface TrainingRecord {
  readonly step: number;
  /** Mean training cross-entropy over the stretch's batches (nats). */
  readonly loss: number;
}

/** The mean softmax cross-entropy of `logits` against one-hot `y` (nats). */
export function crossEntropy(logits: tf.Tensor2D, y: tf.Tensor2D): tf.Scalar {
  return tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar;
}

/**
 * Trains `net` in place with Adam on the mean cross-entropy, through the perforated convolutions of `masks`
 * (empty: the base network). Batches follow a fresh {@link seededPermutation} of the digits per pass, from
 * `seed` and the pass only. Calls `onRecord` every `recordEvery` steps and after the last; reads back only then.
 *
 * @returns the mean wall time per step in ms.
 */
export async function trainNetwork(
  net: Network,
  digits: Digits,
  masks: Masks,
  options: TrainingOptions,
  seed: Seed,
  hooks: {
    readonly checkpoint: () => Promise<void>;
    readonly recordEvery: number;
    readonly onRecord: (record: TrainingRecord) => void;
  },
): Promise<number> {
  const { steps, batchSize, learningRate } = options;
  const perPass = Math.ceil(digits.n / batchSize);
  const optimizer = tf.train.adam(learningRate);
  const variables = networkVariables(net);
  let order = seededPermutation(digits.n, foldIn(seed, 0));
  let sum: tf.Scalar = tf.scalar(0);
  let since = 0;
  let ms = 0;
  try {
    for (let step = 1; step <= steps; step++) {
      await hooks.checkpoint();
      const started = performance.now();
      const b = (step - 1) % perPass;
      if (b === 0 && step > 1) order = seededPermutation(digits.n, foldIn(seed, (step - 1) / perPass));
      const rows = order.subarray(b * batchSize, Math.min((b + 1) * batchSize, digits.n));
      const previous = sum;
      sum = tf.tidy(() => {
        const index = tf.tensor1d(rows, 'int32');
        const x = tf.gather(digits.x, index) as tf.Tensor4D;
        const y = tf.gather(digits.y, index) as tf.Tensor2D;
        const loss = optimizer.minimize(() => crossEntropy(forward(net, x, masks), y), true, variables)!;
        return tf.add(previous, loss) as tf.Scalar;
      });
      previous.dispose();
      since++;
      ms += performance.now() - started;
      if (step % hooks.recordEvery === 0 || step === steps) {
        hooks.onRecord({ step, loss: (await sum.data())[0]! / since });
        sum.dispose();
        sum = tf.scalar(0);
        since = 0;
      }
    }
    return ms / steps;
  } finally {
    sum.dispose();
    optimizer.dispose();
  }
}

/** Test error and mean cross-entropy of a network on a set of digits. */
export interface Evaluation {
  /** Fraction of digits misclassified. */
  readonly error: number;
  /** Mean cross-entropy (nats). */
  readonly loss: number;
}

/**
 * The error and mean cross-entropy of `logitsOf` (e.g. the network under masks) on `digits`, in batches of
 * `batch`. One (synchronous) read-back.
 */
export function evaluateLogits(digits: Digits, batch: number, logitsOf: (x: tf.Tensor4D) => tf.Tensor2D): Evaluation {
  let totals: tf.Tensor1D = tf.zeros([2]);
  for (let start = 0; start < digits.n; start += batch) {
    const previous = totals;
    totals = tf.tidy(() => {
      const size = Math.min(batch, digits.n - start);
      const x = tf.slice(digits.x, [start, 0, 0, 0], [size, -1, -1, -1]);
      const y = tf.slice(digits.y, [start, 0], [size, -1]);
      const logits = logitsOf(x);
      const wrong = tf.sum(tf.cast(tf.notEqual(tf.argMax(logits, 1), tf.argMax(y, 1)), 'float32'));
      const loss = tf.losses.softmaxCrossEntropy(y, logits, undefined, undefined, tf.Reduction.SUM);
      return tf.add(previous, tf.stack([wrong, loss])) as tf.Tensor1D;
    });
    previous.dispose();
  }
  const [wrong, loss] = totals.dataSync();
  totals.dispose();
  return { error: wrong! / digits.n, loss: loss! / digits.n };
}

/** {@link evaluateLogits} of `net` under `masks`. */
export function evaluateNetwork(net: Network, digits: Digits, masks: Masks, batch: number): Evaluation {
  return evaluateLogits(digits, batch, (x) => forward(net, x, masks));
}
