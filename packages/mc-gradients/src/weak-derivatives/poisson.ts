import { type Seed, splitSeed } from '@proj/core';
import { type Poisson, poisson } from '@proj/core/distributions';
import * as tf from '@tensorflow/tfjs-core';
import type { WeakDerivative } from './weak-derivative.js';

/**
 * Poisson(λ), rate λ: c = 1, p⁺ = K + 1 (a shifted Poisson), p⁻ = K, K ~ Poisson(λ), since
 * ∂λ p(k) = p(k − 1) − p(k). Coupled: the same K in both parts, so x⁺ − x⁻ = 1.
 */
export const poissonRate: WeakDerivative<Poisson> = {
  constant: () => tf.scalar(1),
  sample: (d, n, seed, coupling) =>
    tf.tidy(() => {
      const [minusSeed, plusSeed] = splitSeed(seed, 2) as [Seed, Seed];
      const counts = poisson({ rate: d.params.rate }, { validateArgs: false });
      const negative = counts.sample([n], minusSeed);
      return { positive: tf.add(coupling ? negative : counts.sample([n], plusSeed), 1), negative };
    }),
};
