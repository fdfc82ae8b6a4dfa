import { randomExponential, type Seed, splitSeed } from '@proj/core';
import type { Exponential } from '@proj/core/distributions';
import * as tf from '@tensorflow/tfjs-core';
import { drawShape } from './draw-shape.js';
import type { WeakDerivative } from './weak-derivative.js';

/**
 * Exponential(λ), rate λ: c = 1/λ, p⁺ = Exp(λ), p⁻ = Erlang(2, λ) = Gamma(2, rate λ), since
 * ∂λ(λe^(−λx)) = (1/λ)(λe^(−λx) − λ²xe^(−λx)). Drawn as x⁺ = E₁/λ and x⁻ = (E₃ + E₄)/λ from standard
 * exponentials; coupled: x⁻ = (E₁ + E₂)/λ = x⁺ + E₂/λ.
 */
export const exponentialRate: WeakDerivative<Exponential> = {
  constant: (d) => tf.reciprocal(d.params.rate),
  sample: (d, n, seed, coupling) =>
    tf.tidy(() => {
      const shape = drawShape(d, n);
      const [a, b, c] = splitSeed(seed, 3) as [Seed, Seed, Seed];
      const first = randomExponential(shape, a);
      const erlang = tf.add(coupling ? first : randomExponential(shape, c), randomExponential(shape, b));
      return { positive: tf.div(first, d.params.rate), negative: tf.div(erlang, d.params.rate) };
    }),
};
