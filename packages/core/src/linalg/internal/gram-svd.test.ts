import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { dct, geometricSpread, withSingularValues } from '../../../test/matrices.js';
import { expectClose } from '../../testing/expect-close.js';
import { expectNoLeaks } from '../../testing/expect-no-leaks.js';
import { describeBackends } from '../../vitest/describe-backends.js';
import { svd } from '../svd.js';
import { truncatedSvd } from '../truncated-svd.js';
import { gramSvdBatch } from './gram-svd.js';
import { symmetricEigen } from './symmetric-eigen.js';

describeBackends(
  'symmetricEigen',
  () => {
    it('diagonalizes Q·diag(λ)·Qᵀ with repeated, zero and negative eigenvalues (closed form)', () => {
      const lambda = [5, 2, 2, -1, 0, 3, 2, 1e-9];
      const n = lambda.length;
      const q = dct(n, n);
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          for (let p = 0; p < n; p++) a[j * n + i]! += q[i * n + p]! * lambda[p]! * q[j * n + p]!;
        }
      }
      const original = a.slice();
      const eigen = symmetricEigen(a, n, 'test');
      const { d } = eigen;
      const v = eigen.vectors(n);
      expectClose(
        d,
        [...lambda].sort((x, y) => y - x),
        { rtol: 1e-12, atol: 1e-13 },
      );
      expectClose(eigen.vectors(3), v.subarray(0, 3 * n), { rtol: 0, atol: 1e-15 });
      for (let j = 0; j < n; j++) {
        for (let i = 0; i < n; i++) {
          let av = 0;
          let vv = 0;
          for (let p = 0; p < n; p++) {
            av += original[p * n + i]! * v[j * n + p]!;
            vv += v[i * n + p]! * v[j * n + p]!;
          }
          expect(Math.abs(av - d[j]! * v[j * n + i]!)).toBeLessThan(1e-13);
          expect(Math.abs(vv - (i === j ? 1 : 0))).toBeLessThan(1e-13);
        }
      }
    });

    it('handles 1×1 and zero matrices', () => {
      const single = symmetricEigen(Float64Array.of(-3), 1, 'test');
      expect(Array.from(single.d)).toEqual([-3]);
      expect(Array.from(single.vectors(1))).toEqual([1]);
      const zero = symmetricEigen(new Float64Array(9), 3, 'test');
      expect(Array.from(zero.d)).toEqual([0, 0, 0]);
      expectClose(zero.vectors(3), [1, 0, 0, 0, 1, 0, 0, 0, 1]);
    });
  },
  { backends: ['cpu'] },
);

describeBackends('truncatedSvd through the Gram matrix', () => {
  it('gives the closed-form leading triplets and agrees with the full SVD (Golub–Kahan)', async () => {
    const s = geometricSpread(40, 1e-2);
    const values = withSingularValues(60, s);
    const batch = { batchShape: [], batchSize: 1, rows: 60, cols: 40 };
    expect(gramSvdBatch(values, batch, { maxRank: 5 }, 'test')?.rank).toBe(5);
    const x = tf.tensor2d(values, [60, 40]);
    const wide = tf.transpose(x);
    for (const input of [x, wide]) {
      const truncated = truncatedSvd(input, { maxRank: 5 });
      const full = svd(input);
      expectClose(truncated.s, s.slice(0, 5), { rtol: 1e-5 });
      tf.tidy(() => {
        expectClose(tf.matMul(truncated.u, truncated.u, true), tf.eye(5), { atol: 1e-6 });
        expectClose(tf.matMul(truncated.v, truncated.v, true), tf.eye(5), { atol: 1e-6 });
        const leading = (t: tf.Tensor) => tf.slice(t, [0, 0], [t.shape[0]!, 5]);
        const rebuilt = tf.matMul(tf.mul(truncated.u, truncated.s), truncated.v, false, true);
        const reference = tf.matMul(tf.mul(leading(full.u), tf.slice(full.s, 0, 5)), leading(full.v), false, true);
        expectClose(rebuilt, reference, { atol: 1e-6 });
      });
      tf.dispose([truncated.u, truncated.s, truncated.v, full.u, full.s, full.v]);
    }
    await expectNoLeaks(() => truncatedSvd(wide, { relTol: 0.1 }));
    tf.dispose([x, wide]);
  });

  it('falls back to Golub–Kahan for rank-deficient, ill-conditioned and non-finite input', () => {
    const batch = { batchShape: [], batchSize: 1, rows: 30, cols: 8 };
    const deficient = withSingularValues(30, [1, 0.5, 0.25, 0, 0, 0, 0, 0]);
    const illConditioned = withSingularValues(30, geometricSpread(8, 1e-5));
    const nonFinite = withSingularValues(30, geometricSpread(8, 0.5)).fill(Number.NaN, 3, 4);
    expect(gramSvdBatch(deficient, batch, { maxRank: 5 }, 'test')).toBeNull();
    expect(gramSvdBatch(illConditioned, batch, { relTol: 1e-7 }, 'test')).toBeNull();
    expect(gramSvdBatch(nonFinite, batch, { maxRank: 2 }, 'test')).toBeNull();
    tf.tidy(() => {
      // The zero singular values kept by maxRank 5 still come with orthonormal vectors (Golub–Kahan).
      const { u, s, v } = truncatedSvd(tf.tensor2d(deficient, [30, 8]), { maxRank: 5 });
      expectClose(s, [1, 0.5, 0.25, 0, 0], { atol: 1e-6 });
      expectClose(tf.matMul(u, u, true), tf.eye(5), { atol: 1e-6 });
      expectClose(tf.matMul(v, v, true), tf.eye(5), { atol: 1e-6 });
      const smallest = truncatedSvd(tf.tensor2d(illConditioned, [30, 8]), { relTol: 1e-7 });
      expectClose(smallest.s, geometricSpread(8, 1e-5), { rtol: 1e-4, atol: 1e-7 });
    });
  });
});
