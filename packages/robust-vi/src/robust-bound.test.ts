import { randomNormal } from '@proj/core';
import { expectClose, expectMeanWithin, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import {
  gaussianExpectation,
  logAddExp64,
  logMeanExp64,
  sigmoid64,
  type Toy,
  toyElbo,
  toyLogEvidence,
  toyLogJoint,
  toyLogQ,
} from '../test/helpers.js';
import { robustBound } from './robust-bound.js';

/** Column b of a row-major [S, B] array. */
const column = (values: ArrayLike<number>, samples: number, objects: number, b: number) =>
  Array.from({ length: samples }, (_, s) => values[s * objects + b]!);

/** The bound of every object in float64, straight from the definition (groups of k consecutive samples). */
function expectedBound(logW: number[], samples: number, objects: number, logAlpha: number, k: number, loose = false) {
  return Array.from({ length: objects }, (_, b) => {
    const col = column(logW, samples, objects, b);
    const groups = Array.from({ length: samples / k }, (_, g) => logMeanExp64(col.slice(g * k, g * k + k)));
    const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    return loose ? logAddExp64(logAlpha, mean(groups)) : mean(groups.map((t) => logAddExp64(logAlpha, t)));
  });
}

/** ∂bound/∂log w in float64: sigmoid(t_g − log α)·softmax_g / (S/k) (Jensen), t_g the group's logmeanexp. */
function expectedGradient(
  logW: number[],
  samples: number,
  objects: number,
  logAlpha: number,
  k: number,
  loose = false,
) {
  const grad = new Array<number>(samples * objects).fill(0);
  const groups = samples / k;
  for (let b = 0; b < objects; b++) {
    const col = column(logW, samples, objects, b);
    const t = Array.from({ length: groups }, (_, g) => logMeanExp64(col.slice(g * k, g * k + k)));
    const meanT = t.reduce((s, x) => s + x, 0) / groups;
    for (let s = 0; s < samples; s++) {
      const g = Math.floor(s / k);
      const softmax = Math.exp(col[s]! - t[g]! - Math.log(k));
      const weight = logAlpha === Number.NEGATIVE_INFINITY ? 1 : sigmoid64((loose ? meanT : t[g]!) - logAlpha);
      grad[s * objects + b] = (weight * softmax) / groups;
    }
  }
  return grad;
}

/** Log weights with a spread of a few nats, [S, B], from a seed (row-major values and the tensor). */
function spreadLogWeights(samples: number, objects: number, seed: number, scale = 2): number[] {
  return tf.tidy(() => Array.from(randomNormal([samples, objects], seed, { mean: -3, stddev: scale }).dataSync()));
}

/** Toy-model log weights of `samples` × `objects` draws z ~ q (every object is the same x), float64 then float32. */
function toyInputs(
  toy: Toy,
  samples: number,
  objects: number,
  seed: number,
): { logJoint: tf.Tensor2D; logQ: tf.Tensor2D } {
  const eps = tf.tidy(() => randomNormal([samples, objects], seed).dataSync());
  const z = Array.from(eps, (e) => toy.qMean + toy.qSd * e);
  return {
    logJoint: tf.tensor2d(
      z.map((v) => toyLogJoint(toy, v)),
      [samples, objects],
    ),
    logQ: tf.tensor2d(
      z.map((v) => toyLogQ(toy, v)),
      [samples, objects],
    ),
  };
}

const meanAndError = (values: ArrayLike<number>) => {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i]! / n;
  let sq = 0;
  for (let i = 0; i < n; i++) sq += (values[i]! - mean) ** 2;
  return { mean, se: Math.sqrt(sq / (n - 1) / n) };
};

describeBackends('robustBound', () => {
  it('equals the ELBO (k = 1) and the IWAE bound (k = S, and groups of k) for log α = −∞ and −1e4', () => {
    const [samples, objects] = [6, 4];
    const logW = spreadLogWeights(samples, objects, 1);
    const logJoint = tf.tensor2d(logW, [samples, objects]);
    const logQ = tf.zeros([samples, objects]);
    for (const logAlpha of [Number.NEGATIVE_INFINITY, -1e4]) {
      for (const k of [1, 2, 6]) {
        const expected = expectedBound(logW, samples, objects, Number.NEGATIVE_INFINITY, k);
        // The ELBO directly: the mean of the log weights; the IWAE bound directly: the group's logmeanexp.
        if (k === 1)
          expectClose(
            expected,
            Array.from(
              { length: objects },
              (_, b) => column(logW, samples, objects, b).reduce((s, v) => s + v, 0) / samples,
            ),
            { rtol: 1e-12 },
          );
        tf.tidy(() => expectClose(robustBound(logJoint, logQ, { logAlpha, k }), expected));
        const grad = tf.grad((t) => tf.sum(robustBound(t, logQ, { logAlpha, k })))(logJoint);
        expectClose(grad, expectedGradient(logW, samples, objects, Number.NEGATIVE_INFINITY, k));
        if (k === 1) expectClose(grad, 1 / samples);
        grad.dispose();
      }
    }
    tf.dispose([logJoint, logQ]);
  });

  it('has the gradient sigmoid(logmeanexp_k(log w) − log α)·softmax / (S/k), in both forms and both inputs', () => {
    const [samples, objects] = [6, 5];
    const logW = spreadLogWeights(samples, objects, 2, 3);
    const logJoint = tf.tensor2d(logW, [samples, objects]);
    const logQ = tf.zeros([samples, objects]);
    for (const logAlpha of [-6, -3, 0]) {
      for (const k of [1, 3, 6]) {
        for (const form of ['jensen', 'loose'] as const) {
          const loose = form === 'loose';
          const [dJoint, dQ] = tf.grads((a, b) => tf.sum(robustBound(a!, b!, { logAlpha, k, form })))([logJoint, logQ]);
          const expected = expectedGradient(logW, samples, objects, logAlpha, k, loose);
          expectClose(dJoint!, expected, { rtol: 1e-5, atol: 1e-7 });
          expectClose(
            dQ!,
            expected.map((g) => -g),
            { rtol: 1e-5, atol: 1e-7 },
          );
          tf.tidy(() =>
            expectClose(
              robustBound(logJoint, logQ, { logAlpha, k, form }),
              expectedBound(logW, samples, objects, logAlpha, k, loose),
            ),
          );
          tf.dispose([dJoint!, dQ!]);
        }
      }
    }
    tf.dispose([logJoint, logQ]);
  });

  it('is finite, with finite gradients, for extreme log weights and log α', () => {
    const logW = [-1e4, -800, 800, 0, -1e4, 800, -800, -5, 3.5, -1e4, 1e3, -800];
    const [samples, objects] = [3, 4];
    const logJoint = tf.tensor2d(logW, [samples, objects]);
    const logQ = tf.zeros([samples, objects]);
    for (const logAlpha of [Number.NEGATIVE_INFINITY, -1e4, -1e3, 0, 1e3]) {
      for (const k of [1, 3]) {
        for (const form of ['jensen', 'loose'] as const) {
          const loose = form === 'loose';
          const bound = robustBound(logJoint, logQ, { logAlpha, k, form });
          const grad = tf.grad((t) => tf.sum(robustBound(t, logQ, { logAlpha, k, form })))(logJoint);
          expect(Array.from(bound.dataSync()).every(Number.isFinite)).toBe(true);
          expect(Array.from(grad.dataSync()).every(Number.isFinite)).toBe(true);
          expectClose(bound, expectedBound(logW, samples, objects, logAlpha, k, loose));
          // log w and log α of ±1e3 are float32 numbers good to ±3e-5 (half an ulp at 1e3), so the sigmoid factor
          // sigmoid(t − log α) is good to about 1e-5 relative, not to float32's 6e-8.
          expectClose(grad, expectedGradient(logW, samples, objects, logAlpha, k, loose), { rtol: 1e-4, atol: 1e-7 });
          tf.dispose([bound, grad]);
        }
      }
    }
    tf.dispose([logJoint, logQ]);
  });

  it('gives log α and a zero gradient for objects with p(x, z) = 0 (log w = −∞)', () => {
    const logJoint = tf.tensor2d([
      [Number.NEGATIVE_INFINITY, -2],
      [Number.NEGATIVE_INFINITY, -4],
    ]);
    const logQ = tf.zeros([2, 2]);
    for (const k of [1, 2]) {
      const [bound, grad] = tf.tidy(() => [
        robustBound(logJoint, logQ, { logAlpha: -3, k }),
        tf.grad((t) => tf.sum(robustBound(t, logQ, { logAlpha: -3, k })))(logJoint),
      ]);
      expectClose(bound, expectedBound([Number.NEGATIVE_INFINITY, -2, Number.NEGATIVE_INFINITY, -4], 2, 2, -3, k));
      expectClose(tf.slice(grad!, [0, 0], [2, 1]), 0);
      expect(Array.from(grad!.dataSync()).every(Number.isFinite)).toBe(true);
      tf.dispose([bound!, grad!]);
    }
    tf.dispose([logJoint, logQ]);
  });

  it('is non-decreasing in k on the same samples (nested groups), and the loose form is never above the Jensen form', () => {
    const [samples, objects] = [16, 40];
    const logW = spreadLogWeights(samples, objects, 3, 3);
    const logJoint = tf.tensor2d(logW, [samples, objects]);
    const logQ = tf.zeros([samples, objects]);
    for (const logAlpha of [Number.NEGATIVE_INFINITY, -6, -3, 0]) {
      const bounds = [1, 2, 4, 8, 16].map((k) =>
        Array.from(tf.tidy(() => robustBound(logJoint, logQ, { logAlpha, k })).dataSync()),
      );
      for (let i = 1; i < bounds.length; i++) {
        bounds[i]!.forEach((v, b) => {
          expect(v).toBeGreaterThanOrEqual(bounds[i - 1]![b]! - 1e-5 * Math.abs(v));
        });
      }
      // Strictly tighter somewhere (the spread of log w is 3 nats).
      expect(bounds[4]!.some((v, b) => v > bounds[0]![b]! + 0.1)).toBe(true);
      for (const k of [1, 4, 16]) {
        const [jensen, loose] = tf.tidy(() => [
          robustBound(logJoint, logQ, { logAlpha, k }).dataSync(),
          robustBound(logJoint, logQ, { logAlpha, k, form: 'loose' }).dataSync(),
        ]);
        jensen!.forEach((v, b) => {
          expect(loose![b]!).toBeLessThanOrEqual(v + 1e-5 * Math.abs(v));
        });
      }
    }
    tf.dispose([logJoint, logQ]);
  });

  it('lies between log α and the robust evidence log(α + p(x)) on a Gaussian model with known p(x)', () => {
    const toy: Toy = { x: 1, qMean: 0.3, qSd: 1.1 };
    const logEvidence = toyLogEvidence(toy);
    for (const logAlpha of [-3, -1.5, 0]) {
      const robustEvidence = logAddExp64(logAlpha, logEvidence);
      // k = 1: one draw per column, so the columns are i.i.d. draws of log(α + w); their mean and sd by quadrature.
      const f = (z: number) => logAddExp64(logAlpha, toyLogJoint(toy, z) - toyLogQ(toy, z));
      const mean = gaussianExpectation(f, toy.qMean, toy.qSd);
      const sd = Math.sqrt(gaussianExpectation((z) => (f(z) - mean) ** 2, toy.qMean, toy.qSd));
      expect(mean).toBeGreaterThan(logAlpha);
      expect(mean).toBeLessThan(robustEvidence);
      const single = toyInputs(toy, 1, 20000, 10);
      const draws = tf.tidy(() => robustBound(single.logJoint, single.logQ, { logAlpha, k: 1 }).dataSync());
      expectMeanWithin(draws, mean, sd);
      const one = meanAndError(draws);
      expect(one.mean - 5 * one.se).toBeGreaterThan(logAlpha);
      expect(one.mean + 5 * one.se).toBeLessThan(robustEvidence);
      // k = 8: not below k = 1 in expectation (the exact k = 1 mean), still below the robust evidence.
      const grouped = toyInputs(toy, 8, 5000, 11);
      const eight = meanAndError(
        tf.tidy(() => robustBound(grouped.logJoint, grouped.logQ, { logAlpha, k: 8 }).dataSync()),
      );
      expect(eight.mean + 5 * eight.se).toBeGreaterThan(mean);
      expect(eight.mean).toBeLessThan(robustEvidence + 5 * eight.se);
      tf.dispose([single.logJoint, single.logQ, grouped.logJoint, grouped.logQ]);
    }
  });

  it('orders ELBO ≤ IWAE ≤ log p(x) on the Gaussian model (log α = −∞), the ELBO matching its closed form', () => {
    const toy: Toy = { x: 1, qMean: 0.3, qSd: 1.1 };
    const logEvidence = toyLogEvidence(toy);
    const single = toyInputs(toy, 1, 20000, 20);
    const elbo = tf.tidy(() =>
      robustBound(single.logJoint, single.logQ, { logAlpha: Number.NEGATIVE_INFINITY }).dataSync(),
    );
    const elboSd = Math.sqrt(
      gaussianExpectation((z) => (toyLogJoint(toy, z) - toyLogQ(toy, z) - toyElbo(toy)) ** 2, toy.qMean, toy.qSd),
    );
    expectMeanWithin(elbo, toyElbo(toy), elboSd);
    const grouped = toyInputs(toy, 8, 5000, 21);
    const iwae = meanAndError(
      tf.tidy(() => robustBound(grouped.logJoint, grouped.logQ, { logAlpha: Number.NEGATIVE_INFINITY }).dataSync()),
    );
    expect(toyElbo(toy)).toBeLessThan(logEvidence);
    expect(iwae.mean - 5 * iwae.se).toBeGreaterThan(toyElbo(toy));
    expect(iwae.mean - 5 * iwae.se).toBeLessThan(logEvidence);
    expect(iwae.mean).toBeLessThan(logEvidence + 5 * iwae.se);
    tf.dispose([single.logJoint, single.logQ, grouped.logJoint, grouped.logQ]);
  });

  it('returns [B] (B = 0 included), rejects bad input naming the argument, and leaves no tensor behind (errors too)', async () => {
    const logJoint = tf.tensor2d([
      [-1, -2],
      [-3, -4],
    ]);
    const logQ = tf.zeros([2, 2]);
    await expectNoLeaks(() => robustBound(logJoint, logQ, { logAlpha: -2 }));
    await expectNoLeaks(() => robustBound(logJoint, logQ, { logAlpha: Number.NEGATIVE_INFINITY, k: 1, form: 'loose' }));
    await expectNoLeaks(() =>
      tf.grads((a, b) => tf.sum(robustBound(a!, b!, { logAlpha: -2, k: 1 })))([logJoint, logQ]),
    );
    const empty = robustBound(tf.zeros([3, 0]), tf.zeros([3, 0]), { logAlpha: 0, k: 3 });
    expect(empty.shape).toEqual([0]);
    tf.dispose(empty);
    const [rank3, ints, wide, three] = [
      tf.zeros([2, 2, 1]),
      tf.zeros([2, 2], 'int32'),
      tf.zeros([2, 3]),
      tf.zeros([3, 2]),
    ];
    const before = tf.memory().numTensors;
    const call = (j: tf.Tensor, q: tf.Tensor, options: object) => () => robustBound(j, q, options as never);
    expect(call(logJoint, logQ, { logAlpha: Number.NaN })).toThrow(/robustBound: option 'logAlpha'.*got NaN/);
    expect(call(logJoint, logQ, { logAlpha: Number.POSITIVE_INFINITY })).toThrow(
      /robustBound: option 'logAlpha'.*got Infinity/,
    );
    expect(call(logJoint, logQ, {})).toThrow(/robustBound: option 'logAlpha'.*got undefined/);
    for (const k of [0, 1.5, 3, -1])
      expect(call(logJoint, logQ, { logAlpha: 0, k })).toThrow(/robustBound: option 'k'/);
    expect(call(three, three, { logAlpha: 0, k: 2 })).toThrow(/divides the number of samples S = 3/);
    expect(call(logJoint, wide, { logAlpha: 0 })).toThrow(
      /robustBound: arguments 'logJoint' \[2,2\] and 'logQ' \[2,3\]/,
    );
    expect(call(rank3, logQ, { logAlpha: 0 })).toThrow(
      /robustBound: argument 'logJoint' must be a float32 tensor of rank 2/,
    );
    expect(call(logJoint, ints, { logAlpha: 0 })).toThrow(/robustBound: argument 'logQ' must be a float32 tensor/);
    expect(call(logJoint, logQ, { logAlpha: 0, form: 'tight' })).toThrow(/robustBound: option 'form'/);
    expect(call(logJoint, logQ, { logalpha: 0 })).toThrow(
      /robustBound: unknown option 'logalpha' \(did you mean 'logAlpha'\?\)/,
    );
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([logJoint, logQ, rank3, ints, wide, three]);
  });
});
