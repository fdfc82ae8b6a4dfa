import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { klToPrior, logPrior, posterior } from '../src/latent.js';
import {
  createVae,
  disposeVae,
  evaluateBatch,
  logLikelihood,
  objective,
  PIXELS,
  posteriorMeans,
} from '../src/model.js';
import { nearestNeighbourAccuracy } from '../src/neighbours.js';

/** Dense host forward pass of a decoder: features → ReLU hidden → logits. */
function hostLogits(layers: Array<{ weights: number[][]; bias: number[] }>, features: number[]): number[] {
  let h = features;
  for (const [l, { weights, bias }] of layers.entries()) {
    const next = bias.map((b, j) => b + h.reduce((s, v, i) => s + v * weights[i]![j]!, 0));
    h = l < layers.length - 1 ? next.map((v) => Math.max(v, 0)) : next;
  }
  return h;
}

describeBackends('VAE model', () => {
  it('log p(x | z) on the torus equals a dense host computation with (cos z, sin z) features', () => {
    const vae = createVae('vonMises', 2, [3], 5);
    try {
      const z = [0.3, -2.5];
      const x = Array.from({ length: PIXELS }, (_, i) => (i % 3 === 0 ? 1 : 0));
      const layers = vae.decoder.map((l) => ({
        weights: l.weights.arraySync() as number[][],
        bias: l.bias.arraySync() as number[],
      }));
      const logits = hostLogits(layers, [Math.cos(z[0]!), Math.cos(z[1]!), Math.sin(z[0]!), Math.sin(z[1]!)]);
      const expected = logits.reduce((s, l, i) => s + x[i]! * l - Math.log1p(Math.exp(l)), 0);
      tf.tidy(() => {
        expectClose(logLikelihood(vae, tf.tensor2d([x]), tf.tensor2d([z])), [expected], { rtol: 1e-5 });
        // Periodic: z + 2π gives the same likelihood.
        const shifted = tf.tensor2d([[z[0]! + 2 * Math.PI, z[1]!]]);
        expectClose(logLikelihood(vae, tf.tensor2d([x]), shifted), [expected], { rtol: 1e-4 });
      });
    } finally {
      disposeVae(vae);
    }
  });

  it('the torus prior is −d·log 2π and KL(vM ‖ uniform) is 0 at κ → 0 and log 2π − H at κ > 0', () => {
    tf.tidy(() => {
      expectClose(
        logPrior('vonMises', tf.zeros([4, 2])),
        [1, 1, 1, 1].map(() => -2 * Math.log(2 * Math.PI)),
      );
      expectClose(logPrior('normal', tf.tensor2d([[1, 0]])), [-Math.log(2 * Math.PI) - 0.5], { rtol: 1e-6 });
      // spread −20: κ = softplus(−20) + 1e-3 ≈ 1e-3, KL ≈ κ²/4 per coordinate (≈ 5e-7): numerically 0.
      const q = posterior('vonMises', tf.zeros([1, 2]), tf.fill([1, 2], -20));
      expectClose(klToPrior('vonMises', q), [0], { atol: 1e-5 });
      // κ = 1 in both coordinates: KL = κ I₁(κ)/I₀(κ) − log I₀(κ) per coordinate (I₀(1), I₁(1) from A&S table 9.8).
      const [i0, i1] = [1.2660658777520082, 0.5651591039924851];
      const one = posterior('vonMises', tf.zeros([1, 2]), tf.fill([1, 2], Math.log(Math.expm1(1 - 1e-3))));
      expectClose(klToPrior('vonMises', one), [2 * (i1 / i0 - Math.log(i0))], { rtol: 1e-5 });
    });
  });

  it('objective, evaluation and posterior means are memory-neutral; the means lie in [−π, π)', async () => {
    const vae = createVae('vonMises', 2, [8], 1);
    const x = tf.tensor2d(
      Array.from({ length: 3 * PIXELS }, (_, i) => (i % 7 === 0 ? 1 : 0)),
      [3, PIXELS],
    );
    try {
      await expectNoLeaks(() => {
        tf.dispose(objective(vae, 'implicit', x, 3));
        tf.dispose(objective(vae, 'scoreFunction', x, 3));
        const { elboSum, logLikelihoodSum } = evaluateBatch(vae, x, 4, 9);
        expect(Number.isFinite(elboSum) && Number.isFinite(logLikelihoodSum)).toBe(true);
        const means = posteriorMeans(vae, x);
        expect(means.every((m) => m >= -Math.PI && m < Math.PI)).toBe(true);
      });
    } finally {
      x.dispose();
      disposeVae(vae);
    }
  });

  it('the score-function and implicit objectives have the same ELBO value from the same draws', () => {
    const vae = createVae('vonMises', 2, [8], 2);
    try {
      tf.tidy(() => {
        const x = tf.tensor2d(
          Array.from({ length: 2 * PIXELS }, (_, i) => (i % 5 === 0 ? 1 : 0)),
          [2, PIXELS],
        );
        const implicit = objective(vae, 'implicit', x, 4);
        expectClose(implicit.surrogate, implicit.elbo.dataSync()[0]!);
        expect(Number.isFinite(objective(vae, 'scoreFunction', x, 4).elbo.dataSync()[0]!)).toBe(true);
      });
    } finally {
      disposeVae(vae);
    }
  });
});

describe('nearestNeighbourAccuracy', () => {
  it('uses circular distances on the torus', () => {
    // Points at θ = −3.1 and 3.1 are 0.08 apart on the circle; 0 is 3.1 away from both.
    const points = [-3.1, 0, 3.1, 0, 0, 0, 0.1, 0];
    const labels = [1, 1, 0, 0];
    expect(nearestNeighbourAccuracy(points, labels, 2, true)).toBe(1);
    // On the plane −3.1's nearest neighbour is 0 (label 0): it and 3.1 are misclassified.
    expect(nearestNeighbourAccuracy(points, labels, 2, false)).toBe(0.5);
    expect(() => nearestNeighbourAccuracy([1], labels, 2, true)).toThrow("nearestNeighbourAccuracy: argument 'points'");
  });
});
