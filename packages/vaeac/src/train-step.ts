import type { Seed } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import type { EncodedBatch, LogLikelihood } from './batch.js';
import type { VaeacNets } from './nn/vaeac-nets.js';
import { batchVlbTerms } from './vlb.js';

/**
 * One optimizer step on −mean(VLB) of `batch` (gradients by tf.variableGrads inside a tidy, applied by
 * `optimizer`); returns the loss. Frees everything it made. O(n·depth·width²).
 */
export function trainStep(
  networks: VaeacNets,
  variables: tf.Variable[],
  optimizer: tf.Optimizer,
  batch: EncodedBatch,
  logLikelihood: LogLikelihood,
  seed: Seed,
): number {
  const { value, grads } = tf.tidy(() =>
    tf.variableGrads(
      () => tf.neg(tf.mean(batchVlbTerms(networks, batch, logLikelihood, seed).vlb)) as tf.Scalar,
      variables,
    ),
  );
  try {
    optimizer.applyGradients(grads as Record<string, tf.Variable>);
    return value.dataSync()[0] as number;
  } finally {
    tf.dispose([value, ...Object.values(grads)]);
  }
}
