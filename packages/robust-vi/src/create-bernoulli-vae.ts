import { randomNormal, randomUniform, type Seed, splitSeed } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import { BernoulliVae, type BernoulliVaeOptions } from './bernoulli-vae.js';
import { layerWidths, vaeOptions } from './internal/vae-arguments.js';

/** Weights and biases of dense layers of `widths`: He-normal (std √(2/in)) for relu, else Glorot-uniform. */
function initLayers(widths: readonly number[], relu: boolean, seed: Seed): tf.Variable[] {
  const seeds = splitSeed(seed, widths.length - 1);
  // The initial values are freed by the tidy; the variables keep their data.
  return tf.tidy(() =>
    widths.slice(1).flatMap((out, i) => {
      const inputs = widths[i]!;
      const limit = Math.sqrt(6 / (inputs + out));
      const weights = relu
        ? randomNormal([inputs, out], seeds[i]!, { stddev: Math.sqrt(2 / inputs) })
        : randomUniform([inputs, out], seeds[i]!, { min: -limit, max: limit });
      return [tf.variable(weights), tf.variable(tf.zeros([out]))];
    }),
  );
}

/**
 * A {@link BernoulliVae} with fresh weights, deterministic for `options.seed`: He-normal (std √(2/fan-in)) for
 * relu, Glorot-uniform (±√(6/(fan-in + fan-out))) for tanh and softplus; biases 0 (so σ = 1 initially). The caller
 * frees it with `vae.dispose()`. O(number of weights).
 *
 * @param options `inputDim`, `latentDim`, `hidden` (e.g. [200]), `activation` (default 'tanh'), `seed`.
 * @throws Error naming `createBernoulliVae` and the option: dimensions that are not integers ≥ 1, a weight matrix
 *   beyond 2³¹ − 1 elements, an unknown activation or option key, a bad seed.
 * @example
 * const vae = createBernoulliVae({ inputDim: 784, latentDim: 20, hidden: [200], activation: 'tanh', seed: 1 });
 * @see He et al., "Delving Deep into Rectifiers", ICCV 2015; Glorot, Bengio, AISTATS 2010.
 * @category VAE
 */
export function createBernoulliVae(options: BernoulliVaeOptions): BernoulliVae {
  const checked = vaeOptions('createBernoulliVae', options);
  const widths = layerWidths(checked);
  const [encoderSeed, decoderSeed] = splitSeed(checked.seed, 2) as [Seed, Seed];
  const relu = checked.activation === 'relu';
  return new BernoulliVae(
    checked,
    initLayers(widths.encoder, relu, encoderSeed),
    initLayers(widths.decoder, relu, decoderSeed),
  );
}
