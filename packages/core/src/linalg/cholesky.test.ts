import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { checkGradients } from '../testing/check-gradients.js';
import { expectClose } from '../testing/expect-close.js';
import { expectNoLeaks } from '../testing/expect-no-leaks.js';
import { describeBackends } from '../vitest/describe-backends.js';
import { cholesky } from './cholesky.js';

const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../../test/fixtures/linalg/${name}.json`, import.meta.url), 'utf8')) as T;
/** numpy's Cholesky factors of random SPD matrices. */
const cases = fixture<{ name: string; x: number[][]; l: number[][] }[]>('cholesky');
/** d/da of Σ w ⊙ cholesky((a + aᵀ)/2), central differences in float64 (tools/fixtures/linalg.py). */
const gradient = fixture<{ name: string; inputs: number[][][]; weights: number[][]; grads: number[][][] }[]>(
  'gradients',
).find((c) => c.name.startsWith('cholesky'))!;

const symmetrize = (a: tf.Tensor) => tf.div(tf.add(a, tf.transpose(a, [0, 2, 1])), 2);

describeBackends('cholesky', () => {
  it.each(cases)('matches numpy on $name, lower triangular with a positive diagonal', async (c) => {
    const l = cholesky(c.x);
    expectClose(l, c.l, { rtol: 1e-5, atol: 1e-6 });
    const n = l.shape[l.rank - 1]!;
    l.dataSync().forEach((value, i) => {
      const [row, col] = [Math.floor(i / n) % n, i % n];
      if (row < col) expect(value).toBe(0);
      if (row === col) expect(value).toBeGreaterThan(0);
    });
    expectClose(tf.matMul(l, l, false, true), c.x, { rtol: 1e-5, atol: 1e-6 });
    l.dispose();
    await expectNoLeaks(() => cholesky(c.x));
  });

  it('has the symmetric gradient of Murray 2016 (fixture derivatives)', async () => {
    const a = tf.tensor(gradient.inputs[0]!);
    const w = tf.tensor(gradient.weights);
    const f = (x: tf.Tensor) => tf.sum(tf.mul(cholesky(symmetrize(x)), w));
    // A float32 GEMM and two triangular solves on well-conditioned 3×3 matrices: errors of a few 1e-7.
    expectClose(tf.grad(f)(a), gradient.grads[0]!, { rtol: 1e-4, atol: 1e-5 });
    // The gradient itself is the symmetric one: the same without the symmetrizing wrapper.
    const direct = (x: tf.Tensor) => tf.sum(tf.mul(cholesky(x), w));
    expectClose(tf.grad(direct)(a), gradient.grads[0]!, { rtol: 1e-4, atol: 1e-5 });
    await expectNoLeaks(() => tf.grad(f)(a));
    tf.dispose([a, w]);
  });
});

describeBackends(
  'cholesky',
  () => {
    it('reads only the lower triangle', () => {
      expectClose(
        cholesky([
          [4, 99],
          [2, 5],
        ]),
        [
          [2, 0],
          [1, 2],
        ],
      );
    });

    it('passes central differences on a batch, to second order (checkGradients)', () => {
      const a = tf.tensor3d([5, 1, 0.5, 1, 4, -1, 0.5, -1, 3, 2, 0.3, 0.1, 0.3, 1, 0.2, 0.1, 0.2, 1.5], [2, 3, 3]);
      const w = tf.randomNormal([2, 3, 3], 0, 1, 'float32', 5);
      checkGradients((x) => cholesky(symmetrize(x)), [a]);
      checkGradients((x) => tf.grad((y) => tf.sum(tf.mul(cholesky(symmetrize(y)), w)))(x), [a]);
      tf.dispose([a, w]);
    });

    it('propagates NaN', () => {
      expectClose(
        cholesky([
          [Number.NaN, 0],
          [0, 1],
        ]),
        [
          [Number.NaN, 0],
          [Number.NaN, Number.NaN],
        ],
      );
    });

    it('rejects matrices that are not positive definite, naming the batch index and the minor', () => {
      expect(() =>
        cholesky([
          [1, 2],
          [2, 1],
        ]),
      ).toThrow('cholesky: matrix is not positive definite (its leading minor of order 2 is not positive)');
      expect(() => cholesky([[[[1]], [[0]]]])).toThrow(
        'cholesky: matrix at batch index [0,1] is not positive definite (its leading minor of order 1 is not positive)',
      );
    });

    it('rejects bad input, naming the function and the argument', () => {
      expect(() => cholesky([[1, 2, 3]])).toThrow(
        "cholesky: argument 'x' must hold square matrices [..., n, n], got shape [1,3]",
      );
      expect(() => cholesky([2])).toThrow("cholesky: argument 'x' must have rank ≥ 2");
      expect(() => cholesky('x' as never)).toThrow("cholesky: argument 'x' must be numeric");
    });
  },
  { backends: ['cpu'] },
);
