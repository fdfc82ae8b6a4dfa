import { foldIn, type Seed } from '@proj/core';
import { seededPermutation } from '@proj/mnist';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { TrainingConfig } from './config.js';
import type { DigitTensors } from './data.js';

/** One epoch of training, as it is appended to metrics.jsonl. */
export interface EpochRecord {
  readonly epoch: number;
  /** Mean softmax cross-entropy over the epoch's mini-batches (null for epoch 0, before training). */
  readonly trainLoss: number | null;
  /** Test accuracy in % after the epoch. */
  readonly testAccuracy: number;
  /** Wall time of the epoch's training steps (one read-back, at the end), without the evaluation. */
  readonly epochSeconds: number;
}

/** What {@link train} reports. */
export interface TrainingRun {
  readonly records: readonly EpochRecord[];
  readonly steps: number;
  /** Training wall time over all epochs, evaluations excluded. */
  readonly trainingSeconds: number;
}

/** Hooks of {@link train}: yield to the event loop between steps, report each epoch. */
export interface TrainingHooks {
  readonly checkpoint: () => Promise<void>;
  readonly onEpoch: (record: EpochRecord) => void;
}

/**
 * Test accuracy of `model` in % (argmax of its logits against the labels), in batches of `batchSize`; one
 * read-back. O(n · forward pass).
 */
export function accuracy(model: tfl.LayersModel, data: DigitTensors, batchSize: number): number {
  const correct = tf.tidy(() => {
    let sum: tf.Tensor = tf.scalar(0, 'int32');
    for (let start = 0; start < data.n; start += batchSize) {
      const size = Math.min(batchSize, data.n - start);
      const logits = model.predict(tf.slice(data.x, [start, 0], [size, -1])) as tf.Tensor2D;
      const truth = tf.argMax(tf.slice(data.y, [start, 0], [size, -1]), 1);
      sum = tf.add(sum, tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), truth), 'int32')));
    }
    return sum;
  });
  const value = correct.dataSync()[0]!;
  correct.dispose();
  return (100 * value) / data.n;
}

/**
 * Adam on the softmax cross-entropy of `model`'s logits over all its trainable weights, in mini-batches of a
 * seeded permutation per epoch (foldIn(seed, 'batches/' + epoch)); evaluates the test accuracy before training
 * and after every epoch. The loss is summed on the backend and read once per epoch.
 */
export async function train(
  model: tfl.LayersModel,
  trainSet: DigitTensors,
  testSet: DigitTensors,
  config: TrainingConfig,
  seed: Seed,
  evaluationBatchSize: number,
  hooks: TrainingHooks,
): Promise<TrainingRun> {
  const optimizer = tf.train.adam(config.learningRate);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const { batchSize } = config;
  const stepsPerEpoch = Math.ceil(trainSet.n / batchSize);
  const records: EpochRecord[] = [];
  const first: EpochRecord = {
    epoch: 0,
    trainLoss: null,
    testAccuracy: accuracy(model, testSet, evaluationBatchSize),
    epochSeconds: 0,
  };
  records.push(first);
  hooks.onEpoch(first);
  let trainingSeconds = 0;
  let lossSum: tf.Scalar = tf.scalar(0);
  try {
    for (let epoch = 1; epoch <= config.epochs; epoch++) {
      const order = seededPermutation(trainSet.n, foldIn(seed, `batches/${epoch}`));
      lossSum.dispose();
      lossSum = tf.scalar(0);
      let seconds = 0;
      for (let b = 0; b < stepsPerEpoch; b++) {
        await hooks.checkpoint();
        const started = performance.now();
        const rows = order.subarray(b * batchSize, Math.min((b + 1) * batchSize, trainSet.n));
        const previous: tf.Scalar = lossSum;
        lossSum = tf.tidy((): tf.Scalar => {
          const index = tf.tensor1d(rows, 'int32');
          const x = tf.gather(trainSet.x, index);
          const y = tf.gather(trainSet.y, index);
          const loss = optimizer.minimize(
            () => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor2D),
            true,
            variables,
          )!;
          return tf.add(previous, loss) as tf.Scalar;
        });
        previous.dispose();
        seconds += (performance.now() - started) / 1000;
      }
      const readStarted = performance.now();
      const trainLoss = lossSum.dataSync()[0]! / stepsPerEpoch;
      seconds += (performance.now() - readStarted) / 1000;
      trainingSeconds += seconds;
      const record: EpochRecord = {
        epoch,
        trainLoss,
        testAccuracy: accuracy(model, testSet, evaluationBatchSize),
        epochSeconds: seconds,
      };
      records.push(record);
      hooks.onEpoch(record);
    }
    return { records, steps: stepsPerEpoch * config.epochs, trainingSeconds };
  } finally {
    lossSum.dispose();
    optimizer.dispose();
  }
}
