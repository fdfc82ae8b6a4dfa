import { normal } from '@proj/core/distributions';
import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import type { BaselineContext } from './baselines/baseline.js';
import { movingAverageBaseline } from './baselines/moving-average-baseline.js';
import { optimalBaseline } from './baselines/optimal-baseline.js';
import { deltaMethod } from './control-variates/delta-method.js';
import { scoreFunction } from './score-function.js';

const gaussian = ({ loc, scale }: { loc: tf.Tensor; scale: tf.Tensor }) => normal({ loc, scale });
const square = (x: tf.Tensor) => tf.square(tf.sub(x, 2));

describeBackends(
  'scoreFunction',
  () => {
    describe('scoreFunction', () => {
      it('per-sample estimates are f(x)·s(x) with the Gaussian scores (x − μ)/σ² and ((x − μ)² − σ²)/σ³', () => {
        const params = { loc: tf.scalar(0.5), scale: tf.scalar(1.5) };
        const seed = 4;
        const { perSample } = scoreFunction({
          cost: square,
          distribution: gaussian,
          params,
          numSamples: 6,
          seed,
          perSample: true,
        });
        // The same seed gives the same draws: recover x from the score of the mean, s_μ·σ² + μ = x.
        const { perSample: scores } = scoreFunction({
          cost: (x) => tf.onesLike(x),
          distribution: gaussian,
          params,
          numSamples: 6,
          seed,
          perSample: true,
        });
        const x = tf.add(tf.mul(scores!.loc, 1.5 ** 2), 0.5);
        const f = square(x);
        expectClose(perSample!.loc, tf.mul(f, tf.div(tf.sub(x, 0.5), 1.5 ** 2)), { rtol: 1e-5, atol: 1e-5 });
        const z2 = tf.square(tf.sub(x, 0.5));
        expectClose(perSample!.scale, tf.mul(f, tf.div(tf.sub(z2, 1.5 ** 2), 1.5 ** 3)), { rtol: 1e-4, atol: 1e-4 });
      });

      it('the surrogate’s gradient is the mean of the per-sample estimates, also through a transform', () => {
        const loc = tf.tensor1d([0.5, -1]);
        const logScale = tf.tensor1d([0.2, -0.3]);
        const run = (l: tf.Tensor, s: tf.Tensor, perSample: boolean) =>
          scoreFunction({
            cost: (x) => tf.sum(tf.square(x), 1),
            distribution: gaussian,
            params: { loc: l, scale: tf.exp(s) },
            numSamples: 50,
            seed: 9,
            perSample,
          });
        const [dLoc, dLogScale] = tf.grads((l, s) => run(l!, s!, false).surrogate)([loc, logScale]);
        const { perSample } = run(loc, logScale, true);
        expect(perSample!.loc.shape).toEqual([50, 2]);
        expectClose(dLoc!, tf.mean(perSample!.loc, 0), { rtol: 1e-5, atol: 1e-6 });
        // Chain rule: ∂/∂ log σ = σ·∂/∂σ.
        expectClose(dLogScale!, tf.mul(tf.mean(perSample!.scale, 0), tf.exp(logScale)), { rtol: 1e-5, atol: 1e-6 });
      });

      it('broadcasts parameters of different ranks: one scalar scale shared by three coordinates', () => {
        const params = { loc: tf.tensor1d([1, 2, 3]), scale: tf.scalar(0.5) };
        const { perSample } = scoreFunction({
          cost: (x) => tf.sum(x, 1),
          distribution: gaussian,
          params,
          numSamples: 4,
          seed: 1,
          perSample: true,
        });
        expect(perSample!.loc.shape).toEqual([4, 3]);
        expect(perSample!.scale.shape).toEqual([4]);
      });

      it('leaks nothing, with baselines, a control variate and per-sample estimates', async () => {
        const params = { loc: tf.scalar(1), scale: tf.scalar(1) };
        const baseline = movingAverageBaseline();
        await expectNoLeaks(() => [
          scoreFunction({
            cost: square,
            distribution: gaussian,
            params,
            numSamples: 8,
            seed: 1,
            baseline,
            perSample: true,
          }),
          scoreFunction({
            cost: square,
            distribution: gaussian,
            params,
            numSamples: 8,
            seed: 2,
            baseline: optimalBaseline(),
          }),
          scoreFunction({
            cost: square,
            distribution: gaussian,
            params,
            numSamples: 8,
            seed: 3,
            controlVariate: deltaMethod(),
          }),
        ]);
        tf.dispose([params.loc, params.scale]);
      });

      it.each([
        [{ numSamples: 0 }, "scoreFunction: argument 'numSamples' must be a positive integer, got 0"],
        [{ seed: -1 }, "scoreFunction: argument 'seed' must be an integer in [0, 4294967295], got -1"],
        [{ cost: 3 }, "scoreFunction: argument 'cost' must be a function"],
        [{ params: {} }, "scoreFunction: argument 'params' must be an object of named parameter tensors"],
        [{ params: { loc: [1], scale: 1 } }, "scoreFunction: parameter 'loc' must be a float32 tensor, got object"],
        [{ baseline: 'optimal' }, "scoreFunction: argument 'baseline' must be a Baseline"],
        [
          { cost: (x: tf.Tensor) => tf.stack([x, x], 1) },
          "scoreFunction: argument 'cost' must map samples of shape [5] to per-sample costs [5], got shape [5,2]",
        ],
        [
          { distribution: () => normal({ loc: [0, 0], scale: 1 }) },
          "scoreFunction: argument 'distribution' built from parameters broadcast over 5 samples must have batch shape [5, ...], got Normal with batch shape [2]",
        ],
      ])('rejects bad input %#', (change, message) => {
        const params = { loc: tf.scalar(1), scale: tf.scalar(1) };
        const before = tf.memory().numTensors;
        expect(() =>
          scoreFunction({
            cost: square,
            distribution: gaussian,
            params,
            numSamples: 5,
            seed: 0,
            ...(change as object),
          }),
        ).toThrow(message);
        expect(tf.memory().numTensors).toBe(before);
      });
    });

    describe('baselines', () => {
      const context = (values: number[][], scores: number[][]): BaselineContext<'theta'> => ({
        costs: values.map(() => (x: tf.Tensor) => x),
        names: ['theta'],
        seed: 0,
        draw: () => ({ costs: values.map((v) => tf.tensor1d(v)), scores: { theta: tf.tensor2d(scores) } }),
      });

      it('optimal: b_i = Σ f·s_i² / Σ s_i² per cost and component, 0 where every score is 0', () => {
        const f = [1, 2, 3];
        const scores = [
          [1, 0],
          [2, 0],
          [-1, 0],
        ];
        const [b] = optimalBaseline({ numSamples: 3 }).values(context([f], scores));
        // (1·1 + 2·4 + 3·1)/(1 + 4 + 1) = 2.
        expectClose(b!.theta, [2, 0], { rtol: 1e-6 });
      });

      it('moving average: the first batch sets b, later ones b ← decay·b + (1 − decay)·mean f; reset forgets', () => {
        const baseline = movingAverageBaseline({ decay: 0.75 });
        expect(baseline.value).toBeUndefined();
        expectClose(baseline.values(context([[0]], [[1]]))[0]!.theta, 0);
        baseline.observe!(tf.tensor1d([2, 4]));
        expect(baseline.value).toBe(3);
        baseline.observe!(tf.tensor1d([7]));
        expect(baseline.value).toBe(0.75 * 3 + 0.25 * 7);
        expectClose(baseline.values(context([[0], [0]], [[1]]))[1]!.theta, 4);
        baseline.reset();
        expect(baseline.value).toBeUndefined();
      });

      it('moving average: the estimator observes the main batch only, once per call', () => {
        const baseline = movingAverageBaseline({ decay: 0.5 });
        const params = { loc: tf.scalar(0), scale: tf.scalar(1) };
        const options = {
          cost: (x: tf.Tensor) => tf.onesLike(x),
          distribution: gaussian,
          params,
          numSamples: 4,
          baseline,
        };
        tf.dispose(scoreFunction({ ...options, seed: 1, controlVariate: deltaMethod() }).surrogate);
        expect(baseline.value).toBe(1);
      });

      it.each([
        [() => movingAverageBaseline({ decay: 1 }), "movingAverageBaseline: argument 'decay' must be in [0, 1), got 1"],
        [
          () => optimalBaseline({ numSamples: 0.5 }),
          "optimalBaseline: argument 'numSamples' must be a positive integer, got 0.5",
        ],
      ])('rejects bad options %#', (build, message) => {
        expect(build).toThrow(message);
      });
    });
  },
  { backends: ['cpu'] },
);
