import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { expectClose } from '../testing/expect-close.js';
import { expectNoLeaks } from '../testing/expect-no-leaks.js';
import { describeBackends } from '../vitest/describe-backends.js';
import type { SvdResult } from './svd.js';
import { truncatedSvd } from './truncated-svd.js';

interface SvdCase {
  readonly name: string;
  readonly x: number[][];
  readonly u: number[][];
  readonly s: number[];
  readonly v: number[][];
}
const cases = JSON.parse(
  readFileSync(new URL('../../test/fixtures/linalg/svd.json', import.meta.url), 'utf8'),
) as SvdCase[];
const tall = cases.find((c) => c.name === 'tall 7x3')!;

/** ‖x − u·diag(s)·vᵀ‖_F and ‖x‖_F of each matrix of x [..., m, n], in float64 from float32 values. */
function errors(x: tf.Tensor, { u, s, v }: SvdResult): { error: number; norm: number }[] {
  return tf.tidy(() => {
    const [m, n] = x.shape.slice(-2) as [number, number];
    const approximation = tf.matMul(tf.mul(u, tf.expandDims(s, -2)), v, false, true);
    const residual = tf.reshape(tf.sub(x, approximation), [-1, m * n]).arraySync() as number[][];
    const values = tf.reshape(x, [-1, m * n]).arraySync() as number[][];
    return residual.map((r, i) => ({ error: Math.hypot(...r), norm: Math.hypot(...values[i]!) }));
  });
}

describeBackends('truncatedSvd', () => {
  it('keeps the leading triplets of the full SVD (numpy fixture, maxRank 2 of 3)', async () => {
    const { u, s, v } = truncatedSvd(tall.x, { maxRank: 2 });
    expect(u.shape).toEqual([7, 2]);
    expectClose(s, tall.s.slice(0, 2), { rtol: 1e-5 });
    expectClose(
      u,
      tall.u.map((row) => row.slice(0, 2)),
      { rtol: 1e-4, atol: 2e-6 },
    );
    expectClose(
      v,
      tall.v.map((row) => row.slice(0, 2)),
      { rtol: 1e-4, atol: 2e-6 },
    );
    tf.dispose([u, s, v]);
    await expectNoLeaks(() => truncatedSvd(tall.x, { relTol: 0.3 }));
  });

  it('meets relTol on every matrix of a batch with the fewest ranks that do', () => {
    // Singular values decaying like 2^-j, so that the tolerance picks a rank inside the range.
    const decay = tf.tensor1d(Array.from({ length: 8 }, (_, j) => 2 ** -j));
    const x = tf.mul(tf.randomNormal([3, 12, 8], 0, 1, 'float32', 11), decay);
    const relTol = 0.05;
    const result = truncatedSvd(x, { relTol });
    const rank = result.s.shape[1]!;
    expect(rank).toBeGreaterThan(1);
    expect(rank).toBeLessThan(8);
    for (const { error, norm } of errors(x, result)) expect(error).toBeLessThanOrEqual(relTol * norm * (1 + 1e-5));
    const fewer = errors(x, truncatedSvd(x, { maxRank: rank - 1 }));
    expect(fewer.some(({ error, norm }) => error > relTol * norm)).toBe(true);
  });

  it('meets an absolute budget, as a TT-SVD step does', () => {
    // s = (3.1458, 2.0582, 1.0218) (numpy), ‖x‖_F = 3.8957; a 3-core TT-SVD with ε = 0.5 gives each step
    // δ = ε‖x‖_F/√2 = 1.3774: the tail 1.0218 fits, the tail √(2.0582² + 1.0218²) = 2.2979 does not.
    const budget = (0.5 * Math.hypot(...tall.s)) / Math.sqrt(2);
    const result = truncatedSvd(tall.x, { absTol: budget });
    expect(result.s.shape).toEqual([2]);
    expectClose(errors(tf.tensor2d(tall.x), result)[0]!.error, tall.s[2]!, { rtol: 1e-5 });
    expect(truncatedSvd(tall.x, { absTol: 1.0218 }).s.shape).toEqual([3]);
  });
});

describeBackends(
  'truncatedSvd',
  () => {
    it('is not differentiable, saying so', () => {
      const x = tf.tensor2d([1, 2, 3, 4], [2, 2]);
      expect(() => tf.grad((a) => tf.sum(truncatedSvd(a, { maxRank: 1 }).u))(x)).toThrow(
        'truncatedSvd: not differentiable',
      );
    });

    it('rejects bad options and input, naming them', () => {
      expect(() => truncatedSvd(tall.x, { maxRank: -2 })).toThrow(
        "truncatedSvd: option 'maxRank' must be a positive integer, got -2",
      );
      expect(() => truncatedSvd(tall.x, { relTol: Number.POSITIVE_INFINITY })).toThrow(
        "truncatedSvd: option 'relTol' must be a finite non-negative number, got Infinity",
      );
      expect(() => truncatedSvd([1, 2])).toThrow("truncatedSvd: argument 'x' must have rank ≥ 2");
    });
  },
  { backends: ['cpu'] },
);
