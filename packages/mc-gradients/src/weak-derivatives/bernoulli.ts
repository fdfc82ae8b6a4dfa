import type { Bernoulli } from '@proj/core/distributions';
import * as tf from '@tensorflow/tfjs-core';
import { drawShape } from './draw-shape.js';
import type { WeakDerivative } from './weak-derivative.js';

/** Both parts are point masses: x⁺ = 1, x⁻ = 0 (no randomness, so coupling changes nothing). */
const pointMasses = (d: Bernoulli, n: number) => {
  const shape = drawShape(d, n);
  return { positive: tf.ones(shape), negative: tf.zeros(shape) };
};

/** Bernoulli(p), probability p: c = 1, p⁺ = δ₁, p⁻ = δ₀ (∂p E[f] = f(1) − f(0) exactly). */
export const bernoulliProbs: WeakDerivative<Bernoulli> = {
  constant: () => tf.scalar(1),
  sample: (d, n) => pointMasses(d, n),
};

/** Bernoulli with log-odds l, p = σ(l): c = p(1 − p) = dp/dl, p⁺ = δ₁, p⁻ = δ₀. */
export const bernoulliLogits: WeakDerivative<Bernoulli> = {
  constant: (d) => tf.tidy(() => tf.mul(tf.sigmoid(d.params.logits), tf.sigmoid(tf.neg(d.params.logits)))),
  sample: (d, n) => pointMasses(d, n),
};
