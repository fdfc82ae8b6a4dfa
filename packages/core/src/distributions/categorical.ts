import * as tf from '@tensorflow/tfjs-core';
import { stopGradient } from '../ops/stop-gradient.js';
import { toTfjsSeed } from '../random/random-ops.js';
import type { Seed } from '../random/seed.js';
import { Distribution, type DistributionOptions } from './distribution.js';
import { assertParamsObject, checkParam, isProbability, prepareParams, readDistributionOptions } from './params.js';

/** Parameters of {@link categorical}: exactly one of `logits` [..., K] or `probs` [..., K] (summing to 1). */
export type CategoricalParams =
  | { readonly logits: tf.Tensor | tf.TensorLike }
  | { readonly probs: tf.Tensor | tf.TensorLike };

/**
 * The categorical distribution over classes {0, ..., K−1} given unnormalized `logits` [..., K] (or `probs`):
 * batch shape [...], scalar events, samples as int32 class indices. log p(k) = logSoftmax(logits)[k];
 * classes outside [0, K) or non-integers have log probability −∞. Not reparameterized. `mean` and
 * `variance` are not defined (classes are labels); `mode` is the most likely class.
 */
export class Categorical extends Distribution<{ logits: tf.Tensor }> {
  static override readonly family: string = 'Categorical';
  readonly reparameterization = 'none';
  /** Number of classes K. */
  readonly numClasses: number;

  constructor(values: CategoricalParams, options: DistributionOptions = {}) {
    const { logits, owned } = toLogits(values, readDistributionOptions('Categorical', options));
    super({ logits }, [], logits.shape.slice(0, -1), owned);
    this.numClasses = logits.shape[logits.rank - 1]!;
  }

  /** softmax(logits), shape [...batch, K]. */
  probs(): tf.Tensor {
    return tf.softmax(this.params.logits);
  }

  protected sampleN(shape: number[], seed: Seed): tf.Tensor {
    const batchSize = this.batchShape.reduce((a, b) => a * b, 1);
    const draws = shape.reduce((a, b) => a * b, 1) / Math.max(batchSize, 1);
    if (draws === 0 || batchSize === 0) return tf.zeros(shape, 'int32');
    const flatLogits = tf.reshape(this.params.logits, [batchSize, this.numClasses]) as tf.Tensor2D;
    const perBatch = tf.multinomial(flatLogits, draws, toTfjsSeed(seed, 'Categorical.sample'), false) as tf.Tensor2D;
    return tf.reshape(tf.transpose(perBatch), shape);
  }

  /**
   * logSoftmax(logits)[k], read by a gather (not a one-hot mask times the log-probabilities, which is
   * 0·(−∞) = NaN in every row that has an impossible class). O(size of the result) after the logSoftmax.
   */
  protected logProbOf(x: tf.Tensor): tf.Tensor {
    const k = stopGradient(x);
    const valid = tf.logicalAnd(
      tf.logicalAnd(tf.greaterEqual(k, 0), tf.less(k, this.numClasses)),
      tf.equal(k, tf.floor(k)),
    );
    const shape = tf.backend_util.assertAndGetBroadcastShape(k.shape, [...this.batchShape]);
    const size = shape.reduce((a, b) => a * b, 1);
    const index = tf.reshape(tf.broadcastTo(tf.cast(tf.where(valid, k, tf.zerosLike(k)), 'int32'), shape), [size]);
    const logProbs = tf.reshape(tf.broadcastTo(tf.logSoftmax(this.params.logits), [...shape, this.numClasses]), [
      size * this.numClasses,
    ]);
    const rows = tf.mul(tf.range(0, size, 1, 'int32'), tf.scalar(this.numClasses, 'int32'));
    const picked = tf.reshape(tf.gather(logProbs, tf.add(rows, index)), shape);
    return tf.where(tf.broadcastTo(valid, shape), picked, tf.fill(shape, Number.NEGATIVE_INFINITY));
  }

  protected override modeOf(): tf.Tensor {
    return tf.argMax(stopGradient(this.params.logits), -1);
  }

  /**
   * −Σ p log p, with 0·log 0 = 0 for impossible classes (masked before the product, so that their gradient is
   * 0 rather than 0·∞ = NaN).
   */
  protected override entropyOf(): tf.Tensor {
    const logProbs = tf.logSoftmax(this.params.logits);
    const possible = tf.isFinite(stopGradient(logProbs));
    const zeros = tf.zerosLike(logProbs);
    const safe = tf.where(possible, logProbs, zeros);
    return tf.neg(tf.sum(tf.where(possible, tf.mul(tf.exp(safe), safe), zeros), -1));
  }
}

function toLogits(values: unknown, validate: boolean): { logits: tf.Tensor; owned: tf.Tensor[] } {
  const family = 'Categorical';
  assertParamsObject(family, values, ['logits', 'probs']);
  if ((values.logits === undefined) === (values.probs === undefined)) {
    throw new Error("Categorical: pass exactly one of 'logits' or 'probs'");
  }
  const needsClassAxis = (t: tf.Tensor, name: string) => {
    if (t.rank < 1 || t.shape[t.rank - 1] === 0) {
      throw new Error(
        `Categorical: parameter '${name}' must have a last axis of at least one class, got [${t.shape.join(',')}]`,
      );
    }
  };
  if (values.logits !== undefined) {
    const { params, owned } = prepareParams(family, { logits: values.logits }, ['logits'], ({ logits }) => {
      needsClassAxis(logits, 'logits');
      if (!validate) return;
      checkParam(
        family,
        'logits',
        logits,
        'a number or −Infinity',
        (x) => !Number.isNaN(x) && x !== Number.POSITIVE_INFINITY,
      );
      // A row of −∞ only has no distribution: its log-normalizer is −∞ − (−∞) = NaN.
      const rowMaxima = tf.tidy(() => tf.max(logits, -1));
      try {
        checkParam(
          family,
          'logits',
          rowMaxima,
          'above −Infinity for at least one class of each row',
          (x) => x > Number.NEGATIVE_INFINITY,
        );
      } finally {
        rowMaxima.dispose();
      }
    });
    return { logits: params.logits, owned };
  }
  const { params, owned } = prepareParams(family, { probs: values.probs }, ['probs'], ({ probs }) => {
    needsClassAxis(probs, 'probs');
    if (!validate) return;
    checkParam(family, 'probs', probs, 'in [0, 1]', isProbability);
    const totals = tf.tidy(() => tf.sum(probs, -1));
    try {
      checkParam(family, 'probs', totals, 'summing to 1 over the last axis (±1e-4)', (x) => Math.abs(x - 1) <= 1e-4);
    } finally {
      totals.dispose();
    }
  });
  const logits = tf.tidy(() => tf.log(params.probs));
  return { logits, owned: [...owned, logits] };
}

/** Categorical over {0, ..., K−1}; see {@link Categorical}. */
export function categorical(params: CategoricalParams, options?: DistributionOptions): Categorical {
  return new Categorical(params, options);
}
