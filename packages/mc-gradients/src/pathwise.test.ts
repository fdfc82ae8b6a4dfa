import { bernoulli, normal, poisson } from '@proj/core/distributions';
import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { deltaMethod } from './control-variates/delta-method.js';
import { pathwise } from './pathwise.js';

const gaussian = ({ loc, scale }: { loc: tf.Tensor; scale: tf.Tensor }) => normal({ loc, scale });

describeBackends(
  'pathwise',
  () => {
    describe('pathwise', () => {
      it('per-sample estimates are f′(x)·∂x/∂θ: 2(x − k) and 2(x − k)·ε for (x − k)²', () => {
        const params = { loc: tf.scalar(0.5), scale: tf.scalar(2) };
        const { perSample } = pathwise({
          cost: (x) => tf.square(tf.sub(x, 3)),
          distribution: gaussian,
          params,
          numSamples: 5,
          seed: 8,
          perSample: true,
        });
        // For the linear cost f(x) = x, ∂/∂σ per sample is ε itself: the same draws, since the seed is the same.
        const epsilon = pathwise({
          cost: (x) => x,
          distribution: gaussian,
          params,
          numSamples: 5,
          seed: 8,
          perSample: true,
        }).perSample!.scale;
        const x = tf.add(0.5, tf.mul(2, epsilon));
        expectClose(perSample!.loc, tf.mul(2, tf.sub(x, 3)), { rtol: 1e-5, atol: 1e-5 });
        expectClose(perSample!.scale, tf.mul(tf.mul(2, tf.sub(x, 3)), epsilon), { rtol: 1e-5, atol: 1e-5 });
      });

      it('the surrogate’s gradient is the mean of the per-sample estimates; a shared scale sums its coordinates', () => {
        const loc = tf.tensor1d([0.5, -1, 2]);
        const scale = tf.scalar(0.7);
        const run = (l: tf.Tensor, s: tf.Tensor, perSample: boolean) =>
          pathwise({
            cost: (x) => tf.sum(tf.cos(x), 1),
            distribution: gaussian,
            params: { loc: l, scale: s },
            numSamples: 40,
            seed: 2,
            perSample,
          });
        const [dLoc, dScale] = tf.grads((l, s) => run(l!, s!, false).surrogate)([loc, scale]);
        const { perSample } = run(loc, scale, true);
        expect(perSample!.scale.shape).toEqual([40]);
        expectClose(dLoc!, tf.mean(perSample!.loc, 0), { rtol: 1e-5, atol: 1e-6 });
        expectClose(dScale!, tf.mean(perSample!.scale), { rtol: 1e-5, atol: 1e-6 });
      });

      it.each([
        ['Bernoulli', () => bernoulli({ probs: 0.4 })],
        ['Poisson', () => poisson({ rate: 2 })],
      ])('rejects %s, whose samples carry no gradient, naming it', (name, build) => {
        const before = tf.memory().numTensors;
        const theta = tf.scalar(0.4);
        expect(() =>
          pathwise({ cost: (x) => x, distribution: () => build(), params: { theta }, numSamples: 3, seed: 0 }),
        ).toThrow(
          `pathwise: ${name} has reparameterization 'none': its samples carry no gradient; use scoreFunction or measureValued`,
        );
        theta.dispose();
        expect(tf.memory().numTensors).toBe(before);
      });

      it('leaks nothing', async () => {
        const params = { loc: tf.tensor1d([0, 1]), scale: tf.tensor1d([1, 2]) };
        await expectNoLeaks(() => [
          pathwise({
            cost: (x) => tf.sum(x, 1),
            distribution: gaussian,
            params,
            numSamples: 4,
            seed: 1,
            perSample: true,
          }),
          pathwise({
            cost: (x) => tf.sum(tf.square(x), 1),
            distribution: gaussian,
            params,
            numSamples: 4,
            seed: 1,
            controlVariate: deltaMethod(),
          }),
        ]);
        tf.dispose([params.loc, params.scale]);
      });
    });
  },
  { backends: ['cpu'] },
);
