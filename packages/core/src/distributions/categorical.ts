import * as tf from '@tensorflow/tfjs-core';
import { stopGradient } from '../ops/stop-gradient.js';
import { toTfjsSeed } from '../random/random-ops.js';
import type { Seed } from '../random/seed.js';
import { Distribution, type DistributionOptions } from './distribution.js';
import { checkParam, isProbability, prepareParams } from './params.js';

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
  static override readonly family = 'Categorical';
  readonly reparameterization = 'none';
  /** Number of classes K. */
  readonly numClasses: number;

  constructor(values: CategoricalParams, options: DistributionOptions = {}) {
    const { logits, owned } = toLogits(values, options.validateArgs ?? true);
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

  protected logProbOf(x: tf.Tensor): tf.Tensor {
    const k = stopGradient(x);
    const valid = tf.logicalAnd(
      tf.logicalAnd(tf.greaterEqual(k, 0), tf.less(k, this.numClasses)),
      tf.equal(k, tf.floor(k)),
    );
    const index = tf.cast(tf.where(valid, k, tf.zerosLike(k)), 'int32');
    const logProbs = tf.logSoftmax(this.params.logits);
    const picked = tf.sum(tf.mul(tf.oneHot(index, this.numClasses), logProbs), -1);
    return tf.where(valid, picked, tf.fill(picked.shape, Number.NEGATIVE_INFINITY));
  }

  protected override modeOf(): tf.Tensor {
    return tf.argMax(stopGradient(this.params.logits), -1);
  }

  /** −Σ p log p, with 0·log 0 = 0 for impossible classes. */
  protected override entropyOf(): tf.Tensor {
    const logProbs = tf.logSoftmax(this.params.logits);
    const terms = tf.mul(tf.exp(logProbs), logProbs);
    return tf.neg(tf.sum(tf.where(tf.isFinite(stopGradient(logProbs)), terms, tf.zerosLike(terms)), -1));
  }
}

function toLogits(values: CategoricalParams, validate: boolean): { logits: tf.Tensor; owned: tf.Tensor[] } {
  if ('logits' in values === 'probs' in values) throw new Error("Categorical: pass exactly one of 'logits' or 'probs'");
  const needsClassAxis = (t: tf.Tensor, name: string) => {
    if (t.rank < 1 || t.shape[t.rank - 1] === 0) {
      throw new Error(
        `Categorical: parameter '${name}' must have a last axis of at least one class, got [${t.shape.join(',')}]`,
      );
    }
  };
  if ('logits' in values) {
    const { params, owned } = prepareParams('Categorical', { logits: values.logits }, ({ logits }) => {
      needsClassAxis(logits, 'logits');
      if (validate) {
        checkParam(
          'Categorical',
          'logits',
          logits,
          'a number or −Infinity',
          (x) => !Number.isNaN(x) && x !== Number.POSITIVE_INFINITY,
        );
      }
    });
    return { logits: params.logits, owned };
  }
  const { params, owned } = prepareParams('Categorical', { probs: values.probs }, ({ probs }) => {
    needsClassAxis(probs, 'probs');
    if (!validate) return;
    checkParam('Categorical', 'probs', probs, 'in [0, 1]', isProbability);
    const totals = tf.tidy(() => tf.sum(probs, -1));
    try {
      checkParam(
        'Categorical',
        'probs',
        totals,
        'summing to 1 over the last axis (±1e-4)',
        (x) => Math.abs(x - 1) <= 1e-4,
      );
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
