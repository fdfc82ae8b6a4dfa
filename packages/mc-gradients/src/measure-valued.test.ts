import { gamma, logNormal, multivariateNormalDiag, normal } from '@proj/core/distributions';
import { expectClose, expectMeanWithin, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { deltaMethod } from './control-variates/delta-method.js';
import { measureValued } from './measure-valued.js';

describeBackends(
  'measureValued',
  () => {
    describe('measureValued', () => {
      it('coupled normal mean: per sample (f(μ + σW) − f(μ − σW))/(σ√(2π)), zero for a cost symmetric about μ', () => {
        const params = { loc: tf.scalar(1), scale: tf.scalar(1.3) };
        const { perSample } = measureValued({
          cost: (x) => tf.square(tf.sub(x, 1)),
          distribution: ({ loc, scale }) => normal({ loc, scale }),
          params,
          numSamples: 10,
          seed: 1,
          perSample: true,
        });
        expectClose(perSample!.loc, tf.zeros([10]), { atol: 1e-6 });
      });

      it('factorized: each coordinate is replaced in turn; a scalar scale gets the sum over its coordinates', () => {
        // f(x) = Σ_j c_j x_j² under N(μ_j, σ²): ∂μ_j E f = 2c_jμ_j, ∂σ E f = 2σ Σ_j c_j.
        const weights = tf.tensor1d([1, -2, 0.5]);
        const params = { loc: tf.tensor1d([0.3, -1, 2]), scale: tf.scalar(0.8) };
        const { perSample } = measureValued({
          cost: (x) => tf.sum(tf.mul(weights, tf.square(x)), 1),
          distribution: ({ loc }) => multivariateNormalDiag({ loc, scaleDiag: [0.8, 0.8, 0.8] }),
          params: { loc: params.loc },
          numSamples: 4000,
          seed: 3,
          perSample: true,
        });
        expect(perSample!.loc.shape).toEqual([4000, 3]);
        const sd = Array.from(tf.moments(perSample!.loc, 0).variance.dataSync(), Math.sqrt);
        expectMeanWithin(perSample!.loc, [0.6, 4, 2], sd);
        const shared = measureValued({
          cost: (x) => tf.sum(tf.mul(weights, tf.square(x)), 1),
          distribution: ({ loc, scale }) => normal({ loc, scale }),
          params,
          numSamples: 4000,
          seed: 3,
          perSample: true,
        }).perSample!.scale;
        expect(shared.shape).toEqual([4000]);
        expectMeanWithin(shared, 2 * 0.8 * (1 - 2 + 0.5), Math.sqrt(tf.moments(shared).variance.dataSync()[0]!));
      });

      it('the surrogate’s gradient is the mean of the per-sample estimates', () => {
        const loc = tf.tensor1d([0.2, 0.9]);
        const scale = tf.tensor1d([1, 0.5]);
        const run = (l: tf.Tensor, s: tf.Tensor, perSample: boolean) =>
          measureValued({
            cost: (x) => tf.sum(tf.cos(x), 1),
            distribution: (p) => normal({ loc: p.loc, scale: p.scale }),
            params: { loc: l, scale: s },
            numSamples: 30,
            seed: 4,
            perSample,
          });
        const [dLoc, dScale] = tf.grads((l, s) => run(l!, s!, false).surrogate)([loc, scale]);
        const { perSample } = run(loc, scale, true);
        expectClose(dLoc!, tf.mean(perSample!.loc, 0), { rtol: 1e-5, atol: 1e-6 });
        expectClose(dScale!, tf.mean(perSample!.scale, 0), { rtol: 1e-5, atol: 1e-6 });
      });

      it.each([
        [
          'a parameter without a weak derivative',
          () => gamma({ concentration: 2, rate: 1 }),
          'concentration',
          "measureValued: no weak derivative registered for parameter 'concentration' of Gamma (registered: rate); add one with registerWeakDerivative",
        ],
        [
          'a family without weak derivatives',
          () => logNormal({ loc: 0, scale: 1 }),
          'loc',
          "measureValued: no weak derivative registered for parameter 'loc' of LogNormal (registered: none)",
        ],
      ])('rejects %s, naming the parameter and the family', (_, build, name, message) => {
        const theta = tf.scalar(2);
        expect(() =>
          measureValued({
            cost: (x) => x,
            distribution: () => build(),
            params: { [name]: theta },
            numSamples: 3,
            seed: 0,
          }),
        ).toThrow(message);
        theta.dispose();
      });

      it('rejects a parameter transformed on its way to the family', () => {
        const logScale = tf.scalar(0);
        expect(() =>
          measureValued({
            cost: (x) => x,
            distribution: ({ scale }) => normal({ loc: 0, scale: tf.exp(scale) }),
            params: { scale: logScale },
            numSamples: 3,
            seed: 0,
          }),
        ).toThrow("measureValued: parameter 'scale' must reach Normal unchanged");
      });

      it('leaks nothing', async () => {
        const params = { loc: tf.tensor1d([0, 1]), scale: tf.tensor1d([1, 2]) };
        const distribution = ({ loc, scale }: Record<'loc' | 'scale', tf.Tensor>) => normal({ loc, scale });
        const cost = (x: tf.Tensor) => tf.sum(tf.square(x), 1);
        await expectNoLeaks(() => [
          measureValued({ cost, distribution, params, numSamples: 4, seed: 1, perSample: true }),
          measureValued({ cost, distribution, params, numSamples: 4, seed: 1, coupling: false }),
          measureValued({ cost, distribution, params, numSamples: 4, seed: 1, controlVariate: deltaMethod() }),
        ]);
        tf.dispose([params.loc, params.scale]);
      });
    });
  },
  { backends: ['cpu'] },
);
