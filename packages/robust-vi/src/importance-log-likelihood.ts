import { assertOptions, foldIn, type Seed } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import { BernoulliVae } from './bernoulli-vae.js';
import { logMeanExp } from './internal/log-mean-exp.js';
import { logWeights } from './internal/log-weights.js';
import { assertData, assertSampleCount, assertVae, seedOption, widest } from './internal/vae-arguments.js';
import { assertInteger, assertOptionsObject, MAX_ELEMENTS } from './internal/validate.js';

/** Options of {@link importanceLogLikelihood}. Unknown keys are an error. */
export interface ImportanceLogLikelihoodOptions {
  /** Importance samples K per object (e.g. 200, the paper's evaluation; 5000 in IWAE's). */
  readonly samples: number;
  /** Seed of the draws; chunk c uses foldIn(seed, c). */
  readonly seed: Seed;
  /**
   * Objects per chunk; default the most with K·batchSize·(widest layer) ≤ 2²⁴ (64 MiB of float32 activations),
   * at least 1.
   */
  readonly batchSize?: number;
}

/** Elements of the largest activation tensor a default chunk may build (2²⁴ float32 = 64 MiB). */
const CHUNK_ELEMENTS = 2 ** 24;

/**
 * The importance-sampled estimate of every object's log-likelihood, log p̂(x) = log (1/K) Σ_{k≤K} wₖ with wₖ =
 * p(x, zₖ)/q(zₖ | x), zₖ ~ q(z | x) (the IWAE bound with k = K; a lower bound in expectation that tightens as K
 * grows), in log space (logsumexp). Objects are processed in chunks of `batchSize` (draws of chunk c from
 * foldIn(seed, c)), so memory stays bounded whatever B; the result depends on (seed, batchSize) and nothing else.
 * No gradient is intended (evaluation); memory-neutral.
 *
 * Shapes: x [B, inputDim] in {0, 1}; returns [B] in nats. Complexity: O(K·B·(Σ encoder/decoder weights)) time,
 * O(K·batchSize·(widest layer)) memory.
 *
 * @param vae the model.
 * @param x binary data, float32 [B, inputDim].
 * @param options `samples` K (integer ≥ 1), `seed`, `batchSize` (integer ≥ 1).
 * @throws Error naming `importanceLogLikelihood` and the argument: a disposed or foreign `vae`, bad `x`, `samples`
 *   or `batchSize` not an integer ≥ 1 (or too large for one tensor), a bad seed, an unknown option key.
 * @example
 * const ll = importanceLogLikelihood(vae, xTest, { samples: 200, seed: 7 }); // [B]
 * const meanLL = tf.mean(ll).dataSync()[0]; // e.g. ≈ −100 nats on binarized MNIST
 * @see Burda, Grosse, Salakhutdinov, "Importance Weighted Autoencoders", ICLR 2016 (the evaluation protocol);
 *   Figurnov, Struminsky, Vetrov, arXiv:1611.09226 (2016), §4 (200 samples).
 * @category Evaluation
 */
export function importanceLogLikelihood(
  vae: BernoulliVae,
  x: tf.Tensor2D,
  options: ImportanceLogLikelihoodOptions,
): tf.Tensor1D {
  const fn = 'importanceLogLikelihood';
  const model = assertVae(fn, vae, BernoulliVae);
  const data = assertData(fn, model, x);
  assertOptionsObject(fn, options);
  assertOptions(fn, options, ['samples', 'seed', 'batchSize']);
  const width = widest(model);
  const samples = assertSampleCount(fn, 'options.samples', options.samples, 1, width);
  const seed = seedOption(fn, options.seed);
  const batchSize =
    options.batchSize === undefined
      ? Math.max(1, Math.floor(CHUNK_ELEMENTS / (samples * width)))
      : assertInteger(fn, 'options.batchSize', options.batchSize, 1, MAX_ELEMENTS);
  assertSampleCount(fn, 'options.samples', samples, Math.min(batchSize, Math.max(1, data.shape[0])), width);
  const objects = data.shape[0];
  const chunks: tf.Tensor1D[] = [];
  try {
    for (let start = 0, c = 0; start < objects; start += batchSize, c++) {
      const size = Math.min(batchSize, objects - start);
      chunks.push(
        tf.tidy(() => {
          const { logJoint, logQ } = logWeights(
            model,
            tf.slice(data, [start, 0], [size, -1]),
            samples,
            foldIn(seed, c),
          );
          return logMeanExp(tf.sub(logJoint, logQ), 0) as tf.Tensor1D;
        }),
      );
    }
    return chunks.length === 0 ? tf.zeros([0]) : chunks.length === 1 ? chunks[0]! : tf.concat(chunks);
  } finally {
    if (chunks.length > 1) tf.dispose(chunks);
  }
}
