import { randomNormal, randomUniform, type Seed, splitSeed } from '@proj/core';
import type { MultivariateNormalDiag, Normal } from '@proj/core/distributions';
import * as tf from '@tensorflow/tfjs-core';
import { sampleDoubleSidedMaxwell } from '../samplers/double-sided-maxwell.js';
import { sampleRayleigh } from '../samplers/rayleigh.js';
import { drawShape } from './draw-shape.js';
import type { WeakDerivative } from './weak-derivative.js';

const INV_SQRT_TWO_PI = 1 / Math.sqrt(2 * Math.PI);

type Gaussian = Normal | MultivariateNormalDiag;
const scaleOf = (d: Gaussian): tf.Tensor => ('scale' in d.params ? d.params.scale : d.params.scaleDiag);

/**
 * Normal N(μ, σ²), mean μ: c = 1/(σ√(2π)), p⁺ = μ + σW, p⁻ = μ − σW with W standard Rayleigh (density
 * w·e^(−w²/2)). Coupled: the same W in both parts, so x⁺ and x⁻ mirror each other about μ.
 */
export const normalLoc: WeakDerivative<Gaussian> = {
  constant: (d) => tf.div(INV_SQRT_TWO_PI, scaleOf(d)),
  sample: (d, n, seed, coupling) =>
    tf.tidy(() => {
      const shape = drawShape(d, n);
      const [plusSeed, minusSeed] = splitSeed(seed, 2) as [Seed, Seed];
      const plus = sampleRayleigh(shape, plusSeed);
      const minus = coupling ? plus : sampleRayleigh(shape, minusSeed);
      const scale = scaleOf(d);
      return {
        positive: tf.add(d.params.loc, tf.mul(scale, plus)),
        negative: tf.sub(d.params.loc, tf.mul(scale, minus)),
      };
    }),
};

/**
 * Normal N(μ, σ²), standard deviation σ: c = 1/σ, p⁺ = μ + σM with M standard double-sided Maxwell (density
 * m²φ(m)), p⁻ = N(μ, σ²). Coupled: x⁻ = μ + σ·M·U with U ~ U(0, 1) (M·U is standard normal).
 */
export const normalScale: WeakDerivative<Gaussian> = {
  constant: (d) => tf.reciprocal(scaleOf(d)),
  sample: (d, n, seed, coupling) =>
    tf.tidy(() => {
      const shape = drawShape(d, n);
      const [plusSeed, minusSeed] = splitSeed(seed, 2) as [Seed, Seed];
      const maxwell = sampleDoubleSidedMaxwell(shape, plusSeed);
      const standard = coupling ? tf.mul(maxwell, randomUniform(shape, minusSeed)) : randomNormal(shape, minusSeed);
      const scale = scaleOf(d);
      return {
        positive: tf.add(d.params.loc, tf.mul(scale, maxwell)),
        negative: tf.add(d.params.loc, tf.mul(scale, standard)),
      };
    }),
};
