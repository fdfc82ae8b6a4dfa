import { foldIn, type Seed } from '@proj/core';
import { IMAGE_SIZE } from '@proj/mnist';
import { type BernoulliVae, importanceLogLikelihood, robustWeights, samplePrior, vaeLogWeights } from '@proj/robust-vi';
import * as tf from '@tensorflow/tfjs-core';

/**
 * Mean over the objects x [n, 784] of the importance-sampled log-likelihood log (1/K) Σ_k w_k, K = `samples`
 * (Burda et al. 2016; @proj/robust-vi's `importanceLogLikelihood`, in batches of `batchSize`). Reads back once.
 */
export function meanLogLikelihood(
  vae: BernoulliVae,
  x: tf.Tensor2D,
  samples: number,
  batchSize: number,
  seed: Seed,
): number {
  return tf.tidy(() => tf.mean(importanceLogLikelihood(vae, x, { samples, seed, batchSize })).dataSync()[0]!);
}

/** Mean over x [n, 784] of the one-sample ELBO log p(x, z) − log q(z | x), z ~ q, in batches. */
export function meanElbo(vae: BernoulliVae, x: tf.Tensor2D, batchSize: number, seed: Seed): number {
  const n = x.shape[0];
  let sum = 0;
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    sum += tf.tidy(() => {
      const { logJoint, logQ } = vaeLogWeights(vae, tf.slice(x, [start, 0], [size, IMAGE_SIZE]), {
        samples: 1,
        seed: foldIn(seed, start),
      });
      return tf.sum(tf.sub(logJoint, logQ)).dataSync()[0]!;
    });
  }
  return sum / n;
}

/**
 * Every object's learned gradient weight sigmoid(log w − log α) at the current parameters (@proj/robust-vi's
 * `robustWeights`, k = 1), averaged over `samples` draws: objects `images` [n, 784] row-major, in batches.
 * Returns [n].
 */
export function objectWeights(
  vae: BernoulliVae,
  images: Float32Array,
  logAlpha: number,
  samples: number,
  batchSize: number,
  seed: Seed,
): Float32Array {
  const n = images.length / IMAGE_SIZE;
  const out = new Float32Array(n);
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    const values = tf.tidy(() => {
      const x = tf.tensor2d(images.subarray(start * IMAGE_SIZE, (start + size) * IMAGE_SIZE), [size, IMAGE_SIZE]);
      const { logJoint, logQ } = vaeLogWeights(vae, x, { samples, seed: foldIn(seed, start) });
      return tf.mean(robustWeights(logJoint, logQ, { logAlpha, k: 1 }), 0).dataSync();
    });
    out.set(values, start);
  }
  return out;
}

/** Decoder means of `count` prior samples z ~ N(0, I): [count · 784] pixel probabilities. */
export function priorMeans(vae: BernoulliVae, count: number, seed: Seed): Float32Array {
  return tf.tidy(() => samplePrior(vae, count, seed).dataSync() as Float32Array);
}
