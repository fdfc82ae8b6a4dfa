import { randomExponential, type Seed, splitSeed } from '@proj/core';
import type { Weibull } from '@proj/core/distributions';
import * as tf from '@tensorflow/tfjs-core';
import { drawShape } from './draw-shape.js';
import type { WeakDerivative } from './weak-derivative.js';

/**
 * Weibull(k, λ), scale λ. The survey's table gives the rate form θ = λ^(−k): c = 1/θ, p⁺ = Weibull,
 * p⁻ = Y^(1/k) with Y ~ Gamma(2, rate θ). Through dθ/dλ = −kθ/λ this becomes c = k/λ, p⁺ = λ·G^(1/k) with
 * G ~ Gamma(2, 1), p⁻ = Weibull(k, λ) = λ·E^(1/k) with E standard exponential. Drawn with G = E₁ + E₂;
 * coupled: E = E₁ (so x⁻ < x⁺), else a third independent E₃.
 */
export const weibullScale: WeakDerivative<Weibull> = {
  constant: (d) => tf.div(d.params.concentration, d.params.scale),
  sample: (d, n, seed, coupling) =>
    tf.tidy(() => {
      const shape = drawShape(d, n);
      const [a, b, c] = splitSeed(seed, 3) as [Seed, Seed, Seed];
      const first = randomExponential(shape, a);
      const power = tf.reciprocal(d.params.concentration);
      const transform = (e: tf.Tensor) => tf.mul(d.params.scale, tf.pow(e, power));
      return {
        positive: transform(tf.add(first, randomExponential(shape, b))),
        negative: transform(coupling ? first : randomExponential(shape, c)),
      };
    }),
};
