import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { geometricSpread, withSingularValues } from '../../../test/matrices.js';
import { expectClose } from '../../testing/expect-close.js';
import { expectNoLeaks } from '../../testing/expect-no-leaks.js';
import { describeBackends } from '../../vitest/describe-backends.js';
import { qr } from '../qr.js';
import { svd } from '../svd.js';
import { truncatedSvd } from '../truncated-svd.js';
import { type BackendQr, choleskyQr2 } from './cholesky-qr.js';
import { householderQr } from './householder-qr.js';
import { readColumns } from './matrix-batch.js';

/** Householder QR in float64 of the row-major m×n matrix: the independent reference, q and r row-major. */
function reference(values: Float32Array, m: number, n: number): { q: number[]; r: number[] } {
  const columns = new Float64Array(m * n);
  readColumns(values, 0, m, n, columns);
  const factors = householderQr(columns, m, n);
  const q = Array.from({ length: m * n }, (_, e) => factors.q[(e % n) * m + Math.floor(e / n)]!);
  const r = Array.from({ length: n * n }, (_, e) => factors.r[(e % n) * n + Math.floor(e / n)]!);
  return { q, r };
}

/** QᵀQ = I, Q·R = x to float32 accuracy, R upper triangular with diag ≥ 0. */
function expectValidQr(x: tf.Tensor, q: tf.Tensor, r: tf.Tensor): void {
  tf.tidy(() => {
    const n = r.shape[r.rank - 1]!;
    expectClose(tf.matMul(q, q, true, false), tf.broadcastTo(tf.eye(n), [...q.shape.slice(0, -2), n, n]), {
      atol: 3e-6,
    });
    expectClose(tf.matMul(q, r), x, { atol: 3e-6 * tf.max(tf.abs(x)).dataSync()[0]! });
    r.dataSync().forEach((value, i) => {
      const [row, col] = [Math.floor(i / n) % n, i % n];
      if (row > col) expect(value).toBe(0);
      if (row === col) expect(value).toBeGreaterThanOrEqual(0);
    });
  });
}

/** {@link choleskyQr2} inside a tidy that keeps q and r; null when it declines. */
function factor(x: tf.Tensor3D): BackendQr | null {
  let rHost: Float64Array = new Float64Array(0);
  const kept = tf.tidy(() => {
    const result = choleskyQr2(x);
    if (result === null) return [];
    rHost = result.rHost;
    return [result.q, result.r];
  });
  return kept.length === 0 ? null : { q: kept[0]!, r: kept[1]!, rHost };
}

describeBackends('choleskyQr2', () => {
  it('matches Householder QR on well-conditioned tall matrices (κ = 1, 10, 100)', () => {
    for (const condition of [1, 10, 100]) {
      const values = withSingularValues(300, geometricSpread(20, 1 / condition));
      const x = tf.tensor3d(values, [1, 300, 20]);
      const result = factor(x);
      expect(result).not.toBeNull();
      const expected = reference(values, 300, 20);
      expectClose(result!.q, expected.q, { atol: 2e-6 * condition });
      expectClose(result!.r, expected.r, { rtol: 1e-5, atol: 1e-6 });
      expectClose(result!.rHost, expected.r, { rtol: 1e-5, atol: 1e-6 });
      expectValidQr(x, result!.q, result!.r);
      tf.dispose([x, result!.q, result!.r]);
    }
  });

  it('factors every matrix of a batch', () => {
    const x = tf.stack([
      tf.tensor2d(withSingularValues(120, geometricSpread(12, 0.2)), [120, 12]),
      tf.tensor2d(withSingularValues(120, geometricSpread(12, 0.02)), [120, 12]),
    ]) as tf.Tensor3D;
    const result = factor(x)!;
    const values = x.dataSync() as Float32Array;
    for (const b of [0, 1]) {
      const expected = reference(values.subarray(b * 1440, (b + 1) * 1440), 120, 12);
      expectClose(
        tf.tidy(() => tf.slice(result.q, [b, 0, 0], [1, 120, 12])),
        expected.q,
        { atol: 1e-5 },
      );
      expectClose(
        tf.tidy(() => tf.slice(result.r, [b, 0, 0], [1, 12, 12])),
        expected.r,
        { rtol: 1e-5, atol: 1e-6 },
      );
    }
    tf.dispose([x, result.q, result.r]);
  });

  it('declines ill-conditioned, rank-deficient and non-finite input (the caller falls back)', () => {
    const cases = [
      withSingularValues(300, geometricSpread(20, 1e-4)),
      withSingularValues(300, [...geometricSpread(19, 0.1), 0]),
      withSingularValues(300, geometricSpread(20, 1)).fill(Number.NaN, 5, 6),
    ];
    for (const values of cases) {
      const x = tf.tensor3d(values, [1, 300, 20]);
      const before = tf.memory().numTensors;
      expect(factor(x)).toBeNull();
      expect(tf.memory().numTensors).toBe(before);
      x.dispose();
    }
  });
});

describeBackends('qr and svd of large tall-skinny matrices (CholeskyQR2 on backends that profit)', () => {
  it('qr: valid factors matching Householder QR, well and ill conditioned (fallback)', async () => {
    for (const condition of [10, 1e5]) {
      const values = withSingularValues(1000, geometricSpread(12, 1 / condition));
      const x = tf.tensor2d(values, [1000, 12]);
      const { q, r } = qr(x);
      const expected = reference(values, 1000, 12);
      expectClose(r, expected.r, { rtol: 1e-5, atol: 1e-6 });
      expectClose(q, expected.q, { atol: condition > 100 ? 1e-4 : 2e-5 });
      expectValidQr(x, q, r);
      tf.dispose([q, r]);
      await expectNoLeaks(() => qr(x));
      x.dispose();
    }
  });

  it('qr: a batch with one ill-conditioned matrix falls back as a whole, leaking nothing', async () => {
    const values = [geometricSpread(12, 0.1), geometricSpread(12, 1e-6)].map((s) => withSingularValues(1000, s));
    const x = tf.tensor3d(Float32Array.from([...values[0]!, ...values[1]!]), [2, 1000, 12]);
    const { q, r } = qr(x);
    for (const b of [0, 1]) {
      const expected = reference(values[b]!, 1000, 12);
      expectClose(
        tf.tidy(() => tf.slice(r, [b, 0, 0], [1, 12, 12])),
        expected.r,
        { rtol: 1e-5, atol: 1e-6 },
      );
    }
    tf.tidy(() => {
      const first = (t: tf.Tensor, rows: number) => tf.slice(t, [0, 0, 0], [1, rows, 12]);
      expectValidQr(first(x, 1000), first(q, 1000), first(r, 12));
    });
    tf.dispose([q, r]);
    await expectNoLeaks(() => qr(x));
    x.dispose();
  });

  it('svd and truncatedSvd of a wide batch: closed-form singular values, orthonormal factors', async () => {
    const s = geometricSpread(12, 1 / 30);
    const x = tf.tidy(() =>
      tf.stack([0, 1].map((b) => tf.transpose(tf.mul(tf.tensor2d(withSingularValues(800, s), [800, 12]), b + 1)))),
    );
    const result = svd(x);
    expectClose(result.s, [...s, ...s.map((value) => 2 * value)], { rtol: 1e-5 });
    tf.tidy(() => {
      expectClose(tf.matMul(result.u, result.u, true), tf.broadcastTo(tf.eye(12), [2, 12, 12]), { atol: 1e-5 });
      expectClose(tf.matMul(result.v, result.v, true), tf.broadcastTo(tf.eye(12), [2, 12, 12]), { atol: 1e-5 });
      const rebuilt = tf.matMul(tf.mul(result.u, tf.expandDims(result.s, 1)), result.v, false, true);
      expectClose(rebuilt, x, { atol: 2e-6 });
    });
    const truncated = truncatedSvd(x, { maxRank: 3 });
    expectClose(
      truncated.s,
      tf.tidy(() => tf.slice(result.s, [0, 0], [2, 3])),
      { rtol: 1e-6 },
    );
    // The DCT factors tie their largest entries in magnitude, so compare the sign-free rank-3 approximations.
    tf.tidy(() => {
      const approximation = (u: tf.Tensor, s: tf.Tensor, v: tf.Tensor) =>
        tf.matMul(tf.mul(u, tf.expandDims(s, 1)), v, false, true);
      const leading = (t: tf.Tensor) => tf.slice(t, 0, [...t.shape.slice(0, -1), 3]);
      expectClose(
        approximation(truncated.u, truncated.s, truncated.v),
        approximation(leading(result.u), leading(result.s), leading(result.v)),
        { atol: 1e-6 },
      );
    });
    tf.dispose([result.u, result.s, result.v, truncated.u, truncated.s, truncated.v]);
    await expectNoLeaks(() => truncatedSvd(x, { relTol: 0.01 }));
    x.dispose();
  });
});
