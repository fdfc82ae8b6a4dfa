import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { expectClose } from '../testing/expect-close.js';
import { expectNoLeaks } from '../testing/expect-no-leaks.js';
import { describeBackends } from '../vitest/describe-backends.js';
import { type QrResult, qr } from './qr.js';

interface QrCase {
  readonly name: string;
  readonly x: number[][];
  readonly q: number[][];
  readonly r: number[][];
}
/** numpy's QRs with diag(r) ≥ 0 (tools/fixtures/linalg.py). */
const cases = JSON.parse(
  readFileSync(new URL('../../test/fixtures/linalg/qr.json', import.meta.url), 'utf8'),
) as QrCase[];

/** Orthonormal columns of q, r upper triangular (exact zeros) with diag ≥ 0, q·r = x. */
function expectValidQr(x: tf.Tensor, { q, r }: QrResult): void {
  tf.tidy(() => {
    const [k, n] = r.shape.slice(-2) as [number, number];
    expectClose(tf.matMul(q, q, true, false), tf.broadcastTo(tf.eye(k), [...q.shape.slice(0, -2), k, k]), {
      atol: 1e-6,
    });
    const scale = tf.max(tf.abs(x)).dataSync()[0]!;
    expectClose(tf.matMul(q, r), x, { atol: 1e-6 * scale });
    const values = r.dataSync();
    values.forEach((value, i) => {
      const [row, col] = [Math.floor(i / n) % k, i % n];
      if (row > col) expect(value).toBe(0);
      if (row === col) expect(value).toBeGreaterThanOrEqual(0);
    });
  });
}

describeBackends('qr', () => {
  it.each(cases)('matches numpy on $name', async (c) => {
    const x = tf.tensor(c.x);
    const result = qr(x);
    expectClose(result.q, c.q, { rtol: 1e-5, atol: 1e-6 });
    expectClose(result.r, c.r, { rtol: 1e-5, atol: 1e-6 });
    expectValidQr(x, result);
    tf.dispose([x, result.q, result.r]);
    await expectNoLeaks(() => qr(c.x));
  });
});

describeBackends(
  'qr',
  () => {
    it('factors a batch with a zero column and a NaN matrix', () => {
      const x = tf.tensor3d([0, 1, 0, 2, 0, 2, 1, Number.NaN, 3, 4, 5, 6], [2, 3, 2]);
      const { q, r } = qr(x);
      expect(q.shape).toEqual([2, 3, 2]);
      expect(r.shape).toEqual([2, 2, 2]);
      // Matrix 0 = [[0, 1], [0, 2], [0, 2]]: column 0 is zero, so no reflection is taken (r_00 = 0, q_0 = e_0)
      // and column 1 keeps r_01 = 1, its rows 1-2 (2, 2) giving r_11 = √8.
      expectClose(tf.slice(r, [0, 0, 0], [1, 2, 2]), [0, 1, 0, Math.sqrt(8)], { rtol: 1e-6 });
      expectValidQr(tf.slice(x, [0, 0, 0], [1, 3, 2]), {
        q: tf.slice(q, [0, 0, 0], [1, 3, 2]),
        r: tf.slice(r, [0, 0, 0], [1, 2, 2]),
      });
      expectClose(tf.slice(q, [1, 0, 0], [1, 3, 2]), Number.NaN);
      expectClose(tf.slice(r, [1, 0, 0], [1, 2, 2]), Number.NaN);
      tf.dispose([x, q, r]);
    });

    it('is not differentiable, saying so', () => {
      const x = tf.tensor2d([1, 2, 3, 4], [2, 2]);
      expect(() => tf.grad((a) => tf.sum(qr(a).r))(x)).toThrow('qr: not differentiable');
      expect(() => tf.grad((a) => tf.sum(qr(a).q))(x)).toThrow('qr: not differentiable');
    });

    it('rejects bad input, naming the function and the argument', () => {
      expect(() => qr(tf.scalar(1))).toThrow("qr: argument 'x' must have rank ≥ 2");
      expect(() => qr(tf.zeros([0, 2]))).toThrow("qr: argument 'x' must hold non-empty matrices, got shape [0,2]");
      expect(() => qr(tf.tensor([['1']], undefined, 'string'))).toThrow(
        "qr: argument 'x' must be numeric, got dtype string",
      );
    });
  },
  { backends: ['cpu'] },
);
