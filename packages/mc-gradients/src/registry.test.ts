import { Uniform, uniform } from '@proj/core/distributions';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { measureValued } from './measure-valued.js';
import { pathwise } from './pathwise.js';
import { ESTIMATORS, estimatorByName } from './registry.js';
import { scoreFunction } from './score-function.js';
import { registerWeakDerivative } from './weak-derivatives/registry.js';

describeBackends(
  'estimator registry',
  () => {
    describe('ESTIMATORS', () => {
      it('lists the three estimators by name and finds each', () => {
        expect(Object.keys(ESTIMATORS)).toEqual(['scoreFunction', 'pathwise', 'measureValued']);
        expect(estimatorByName('pathwise')).toBe(pathwise);
        expect(estimatorByName('scoreFunction')).toBe(scoreFunction);
        expect(estimatorByName('measureValued')).toBe(measureValued);
      });

      it('rejects an unknown name, listing the known ones', () => {
        expect(() => estimatorByName('reinforce')).toThrow(
          "estimatorByName: unknown estimator 'reinforce'; use one of scoreFunction, pathwise, measureValued",
        );
        expect(() => estimatorByName('toString')).toThrow('unknown estimator');
      });
    });

    describe('registerWeakDerivative', () => {
      it('adds a weak derivative: Uniform(0, θ) in θ, c = 1/θ, p⁺ = δ_θ, p⁻ = U(0, θ)', () => {
        registerWeakDerivative(Uniform, 'high', {
          constant: (d) => tf.reciprocal(d.params.high),
          sample: (d, n, seed) =>
            tf.tidy(() => ({
              positive: tf.broadcastTo(d.params.high, [n, ...d.batchShape]),
              negative: d.sample([n], seed),
            })),
        });
        // E[x²] = θ²/3 under U(0, θ), so ∂θ E = 2θ/3.
        const high = tf.scalar(1.5);
        const { perSample } = measureValued({
          cost: tf.square,
          distribution: (p) => uniform({ low: 0, high: p.high }),
          params: { high },
          numSamples: 20000,
          seed: 3,
          perSample: true,
        });
        const { mean, variance } = tf.moments(perSample!.high);
        expect(Math.abs(mean.dataSync()[0]! - 1)).toBeLessThan(5 * Math.sqrt(variance.dataSync()[0]! / 20000));
      });
    });
  },
  { backends: ['cpu'] },
);
