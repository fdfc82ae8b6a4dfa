import { bernoulli, multivariateNormalDiag, normal } from '@proj/core/distributions';
import { expectClose } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { measureValued } from '../measure-valued.js';
import { pathwise } from '../pathwise.js';
import { scoreFunction } from '../score-function.js';
import { deltaMethod } from './delta-method.js';

const ESTIMATORS = { scoreFunction, pathwise, measureValued } as const;
const gaussian = ({ loc, scaleDiag }: { loc: tf.Tensor; scaleDiag: tf.Tensor }) =>
  multivariateNormalDiag({ loc, scaleDiag });
/** f(x) = Σ_j w_j (x_j − 1)²: E f = Σ_j w_j ((μ_j − 1)² + σ_j²), ∂μ_j = 2w_j(μ_j − 1), ∂σ_j = 2w_jσ_j. */
const weights = [1, -2, 0.5];
const quadratic = (x: tf.Tensor) => tf.sum(tf.mul(tf.tensor1d(weights), tf.square(tf.sub(x, 1))), -1);
const [mu, sigma] = [
  [0.3, -1, 2],
  [1, 0.5, 2],
];
const exact = { loc: weights.map((w, j) => 2 * w * (mu[j]! - 1)), scaleDiag: weights.map((w, j) => 2 * w * sigma[j]!) };

describeBackends(
  'deltaMethod',
  () => {
    describe('deltaMethod', () => {
      it.each(Object.keys(ESTIMATORS) as Array<keyof typeof ESTIMATORS>)(
        '%s: for a quadratic cost h = f, so with β = 1 every per-sample estimate is the exact gradient',
        (name) => {
          const params = { loc: tf.tensor1d(mu), scaleDiag: tf.tensor1d(sigma) };
          const { perSample } = ESTIMATORS[name]({
            cost: quadratic,
            distribution: gaussian,
            params,
            numSamples: 20,
            seed: 5,
            perSample: true,
            controlVariate: deltaMethod({ coefficient: 1 }),
          });
          // The Hessian diagonal comes from central differences of float32 gradients: ~1e-4 relative.
          expectClose(perSample!.loc, tf.broadcastTo(tf.tensor1d(exact.loc), [20, 3]), { rtol: 1e-3, atol: 2e-3 });
          expectClose(perSample!.scaleDiag, tf.broadcastTo(tf.tensor1d(exact.scaleDiag), [20, 3]), {
            rtol: 1e-3,
            atol: 2e-3,
          });
        },
      );

      it('estimates β ≈ 1 for a quadratic cost (ε = 1e-3 aside), and averages it across calls', () => {
        const params = { loc: tf.tensor1d(mu), scaleDiag: tf.tensor1d(sigma) };
        const options = { cost: quadratic, distribution: gaussian, params, numSamples: 10 };
        const fresh = deltaMethod();
        tf.dispose(pathwise({ ...options, seed: 1, controlVariate: fresh }).surrogate);
        const first = { ...fresh.coefficients };
        expect(first.loc).toBeCloseTo(1, 2);
        expect(first.scaleDiag).toBeCloseTo(1, 2);
        tf.dispose(pathwise({ ...options, seed: 2, controlVariate: fresh }).surrogate);
        const second = { ...fresh.coefficients };
        const averaged = deltaMethod({ decay: 0.75 });
        tf.dispose(pathwise({ ...options, seed: 1, controlVariate: averaged }).surrogate);
        tf.dispose(pathwise({ ...options, seed: 2, controlVariate: averaged }).surrogate);
        expect(averaged.coefficients.loc).toBeCloseTo(0.75 * first.loc! + 0.25 * second.loc!, 6);
        averaged.reset();
        expect(averaged.coefficients).toEqual({});
      });

      it('lowers the variance of smooth costs for every estimator and keeps the mean (cos x under N(0.3, 0.5²))', () => {
        const params = { loc: tf.scalar(0.3), scale: tf.scalar(0.5) };
        const options = {
          cost: (x: tf.Tensor) => tf.cos(x),
          distribution: ({ loc, scale }: Record<'loc' | 'scale', tf.Tensor>) => normal({ loc, scale }),
          params,
          numSamples: 4000,
          seed: 6,
          perSample: true,
        };
        const damping = Math.exp(-0.125);
        for (const estimator of Object.values(ESTIMATORS)) {
          const plain = estimator(options).perSample!;
          const controlled = estimator({ ...options, controlVariate: deltaMethod() }).perSample!;
          for (const [param, gradient] of [
            ['loc', -Math.sin(0.3) * damping],
            ['scale', -0.5 * Math.cos(0.3) * damping],
          ] as const) {
            const variance = tf.moments(controlled[param]).variance.dataSync()[0]!;
            expect(variance).toBeLessThan(0.5 * tf.moments(plain[param]).variance.dataSync()[0]!);
            const mean = tf.mean(controlled[param]).dataSync()[0]!;
            expect(Math.abs(mean - gradient)).toBeLessThan(5 * Math.sqrt(variance / 4000));
          }
        }
      });

      it('works for a discrete family through its mean and variance (Bernoulli probs, score function)', () => {
        const probs = tf.scalar(0.3);
        const { perSample } = scoreFunction({
          cost: (x) => tf.square(tf.sub(x, 0.2)),
          distribution: (p) => bernoulli({ probs: p.probs }),
          params: { probs },
          numSamples: 2000,
          seed: 7,
          perSample: true,
          controlVariate: deltaMethod({ coefficient: 1 }),
        });
        // f is quadratic, so h = f and every estimate is f(1) − f(0) = 0.6.
        expectClose(perSample!.probs, tf.fill([2000], 0.6), { rtol: 1e-3, atol: 1e-4 });
      });

      it.each([
        [
          { coefficient: Number.NaN },
          "deltaMethod: argument 'coefficient' must be 'estimate' or a finite number, got NaN",
        ],
        [{ numCoefficientSamples: 1 }, "deltaMethod: argument 'numCoefficientSamples' must be an integer ≥ 2, got 1"],
        [{ decay: -0.1 }, "deltaMethod: argument 'decay' must be in [0, 1), got -0.1"],
        [{ epsilon: -1 }, "deltaMethod: argument 'epsilon' must be ≥ 0, got -1"],
      ])('rejects bad options %#', (options, message) => {
        expect(() => deltaMethod(options)).toThrow(message);
      });
    });
  },
  { backends: ['cpu'] },
);
