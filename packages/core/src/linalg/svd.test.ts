import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { expectClose } from '../testing/expect-close.js';
import { expectNoLeaks } from '../testing/expect-no-leaks.js';
import { describeBackends } from '../vitest/describe-backends.js';
import { type SvdResult, svd } from './svd.js';

interface SvdCase {
  readonly name: string;
  readonly x: number[][];
  readonly u: number[][];
  readonly s: number[];
  readonly v: number[][];
}
/** numpy's SVDs with the same sign convention (tools/fixtures/linalg.py). */
const cases = JSON.parse(
  readFileSync(new URL('../../test/fixtures/linalg/svd.json', import.meta.url), 'utf8'),
) as SvdCase[];

/** Orthonormal columns of u and v, u·diag(s)·vᵀ = x, s descending and ≥ 0. */
function expectValidSvd(x: tf.Tensor, { u, s, v }: SvdResult, atol = 1e-5): void {
  tf.tidy(() => {
    const k = s.shape[s.rank - 1]!;
    const eye = tf.broadcastTo(tf.eye(k), [...s.shape.slice(0, -1), k, k]);
    // Float32 GEMMs of k terms: errors of a few k·2⁻²⁴.
    expectClose(tf.matMul(u, u, true, false), eye, { atol });
    expectClose(tf.matMul(v, v, true, false), eye, { atol });
    const scale = tf.max(tf.abs(x)).dataSync()[0]!;
    expectClose(tf.matMul(tf.mul(u, tf.expandDims(s, -2)), v, false, true), x, { atol: atol * scale });
    const values = s.dataSync();
    for (let i = 0; i < values.length; i++) {
      expect(values[i]).toBeGreaterThanOrEqual(0);
      if (i % k > 0) expect(values[i]).toBeLessThanOrEqual(values[i - 1]!);
    }
  });
}

describeBackends('svd', () => {
  it.each(cases)('matches numpy on $name', async (c) => {
    const x = tf.tensor(c.x);
    const result = svd(x);
    expectClose(result.s, c.s, { rtol: 1e-5, atol: 1e-6 });
    // The vectors of distinct singular values, to float32 rounding plus the Q·U_R GEMM.
    expectClose(result.u, c.u, { rtol: 1e-4, atol: 2e-6 });
    expectClose(result.v, c.v, { rtol: 1e-4, atol: 2e-6 });
    expectValidSvd(x, result);
    tf.dispose([x, result.u, result.s, result.v]);
    await expectNoLeaks(() => svd(c.x));
  });

  it('factors larger tall and wide batches (the QR-first path)', () => {
    const tall = tf.randomNormal([3, 60, 17], 0, 1, 'float32', 7);
    const wide = tf.transpose(tall, [0, 2, 1]);
    const ofTall = svd(tall);
    const ofWide = svd(wide);
    expect(ofTall.u.shape).toEqual([3, 60, 17]);
    expect(ofWide.v.shape).toEqual([3, 60, 17]);
    expectValidSvd(tall, ofTall);
    expectValidSvd(wide, ofWide);
    // The transpose swaps the factors exactly: the sign convention fixes v for m ≥ n and u for m < n.
    expectClose(ofWide.u, ofTall.v, { atol: 1e-6 });
    expectClose(ofWide.v, ofTall.u, { atol: 1e-6 });
    tf.dispose([tall, wide, ...Object.values(ofTall), ...Object.values(ofWide)]);
  });
});

describeBackends(
  'svd',
  () => {
    it('fixes signs: the largest-magnitude entry of each column of v (m ≥ n) or u (m < n) is positive', () => {
      const { u, v } = svd([
        [1, -4],
        [-2, -3],
        [0.5, 1],
      ]);
      for (const [factor, rows] of [
        [v.arraySync() as number[][], 2],
        [svd([[1, -4, 0.5, 2]]).u.arraySync() as number[][], 1],
      ] as const) {
        for (let j = 0; j < factor[0]!.length; j++) {
          const column = factor.slice(0, rows).map((row) => row[j]!);
          const largest = column.reduce((best, value) => (Math.abs(value) > Math.abs(best) ? value : best));
          expect(largest).toBeGreaterThan(0);
        }
      }
      tf.dispose([u, v]);
    });

    it('handles rank-deficient and zero matrices', () => {
      const rankOne = tf.tensor2d([1, 2, 3, 2, 4, 6, -1, -2, -3, 0.5, 1, 1.5], [4, 3]);
      const result = svd(rankOne);
      // ‖x‖_F = √(14·(1 + 4 + 1 + 0.25)) = √87.5; the other singular values vanish to float32 rounding.
      expectClose(result.s, [Math.sqrt(87.5), 0, 0], { rtol: 1e-6, atol: 1e-6 });
      expectValidSvd(rankOne, result);
      const zero = svd(tf.zeros([2, 3, 2]));
      expectClose(zero.s, 0);
      expectValidSvd(tf.zeros([2, 3, 2]), zero);
    });

    it('gives NaN factors for a matrix with a NaN or infinite entry, leaving the rest of the batch intact', () => {
      const x = tf.tensor3d([1, 0, 0, 1, Number.NaN, 0, 0, 1, 2, 0, 0, Number.POSITIVE_INFINITY], [3, 2, 2]);
      const { u, s, v } = svd(x);
      expectClose(s, [
        [1, 1],
        [Number.NaN, Number.NaN],
        [Number.NaN, Number.NaN],
      ]);
      expect(Array.from(u.dataSync().slice(4))).toEqual(Array(8).fill(Number.NaN));
      expect(Array.from(v.dataSync().slice(4))).toEqual(Array(8).fill(Number.NaN));
    });

    it('is not differentiable, saying so', () => {
      const x = tf.tensor2d([1, 2, 3, 4], [2, 2]);
      expect(() => tf.grad((a) => tf.sum(svd(a).s))(x)).toThrow(
        'svd: not differentiable; its gradient is not implemented (compute it outside the function passed to tf.grad)',
      );
      expect(() => tf.grad((a) => tf.sum(svd(a).u))(x)).toThrow('svd: not differentiable');
    });

    it('rejects bad input, naming the function and the argument', () => {
      expect(() => svd([1, 2, 3])).toThrow(
        "svd: argument 'x' must have rank ≥ 2 (a matrix [m, n] or a batch [..., m, n]), got shape [3]",
      );
      expect(() => svd(tf.zeros([2, 0, 3]))).toThrow(
        "svd: argument 'x' must hold non-empty matrices, got shape [2,0,3]",
      );
      expect(() => svd([['a']] as never)).toThrow("svd: argument 'x' must be numeric");
    });
  },
  { backends: ['cpu'] },
);
