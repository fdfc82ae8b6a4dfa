import { randomExponential, type Seed, splitSeed } from '@proj/core';
import { type Gamma, gamma } from '@proj/core/distributions';
import * as tf from '@tensorflow/tfjs-core';
import type { WeakDerivative } from './weak-derivative.js';

/**
 * Gamma(a, β), rate β: c = a/β, p⁺ = Gamma(a, β), p⁻ = Gamma(a + 1, β), since
 * ∂β p(x) = (a/β)·p(x) − x·p(x) and (β/a)·x·p(x) is the Gamma(a + 1, β) density. Coupled: x⁻ = x⁺ + E/β with
 * E standard exponential (a Gamma(a) plus an independent Exp(β) is Gamma(a + 1)).
 */
export const gammaRate: WeakDerivative<Gamma> = {
  constant: (d) => tf.div(d.params.concentration, d.params.rate),
  sample: (d, n, seed, coupling) =>
    tf.tidy(() => {
      const { concentration, rate } = d.params;
      const [plusSeed, minusSeed] = splitSeed(seed, 2) as [Seed, Seed];
      const positive = gamma({ concentration, rate }, { validateArgs: false }).sample([n], plusSeed);
      const negative = coupling
        ? tf.add(positive, tf.div(randomExponential(positive.shape, minusSeed), rate))
        : gamma({ concentration: tf.add(concentration, 1), rate }, { validateArgs: false }).sample([n], minusSeed);
      return { positive, negative };
    }),
};
