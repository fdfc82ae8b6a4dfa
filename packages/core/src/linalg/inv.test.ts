import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { checkGradients } from '../testing/check-gradients.js';
import { expectClose } from '../testing/expect-close.js';
import { expectNoLeaks } from '../testing/expect-no-leaks.js';
import { describeBackends } from '../vitest/describe-backends.js';
import { inv } from './inv.js';

const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../../test/fixtures/linalg/${name}.json`, import.meta.url), 'utf8')) as T;
/** numpy's inverses of random matrices. */
const cases = fixture<{ name: string; x: number[][]; inv: number[][] }[]>('determinants');
/** d/dx of Σ w ⊙ inv(x), central differences in float64. */
const gradient = fixture<{ name: string; inputs: number[][][][]; weights: number[][][]; grads: number[][][][] }[]>(
  'gradients',
).find((c) => c.name.startsWith('inv'))!;

describeBackends('inv', () => {
  it.each(cases)('matches numpy on $name, and x·inv(x) = I', async (c) => {
    const x = tf.tensor(c.x);
    const y = inv(x);
    // Random (not diagonally dominant) matrices: the float32 rounding of x⁻¹ is amplified by cond(x) ≲ 100.
    expectClose(y, c.inv, { rtol: 1e-5, atol: 1e-5 });
    const n = x.shape[x.rank - 1]!;
    expectClose(tf.matMul(x, y), tf.broadcastTo(tf.eye(n), x.shape), { atol: 1e-5 });
    tf.dispose([x, y]);
    await expectNoLeaks(() => inv(c.x));
  });

  it('has the gradient −x⁻ᵀ·ȳ·x⁻ᵀ (fixture derivatives)', async () => {
    const x = tf.tensor(gradient.inputs[0]!);
    const w = tf.tensor(gradient.weights);
    const f = (a: tf.Tensor) => tf.sum(tf.mul(inv(a), w));
    // Two float32 GEMMs of 3×3 matrices: relative errors of a few 1e-7.
    expectClose(tf.grad(f)(x), gradient.grads[0]!, { rtol: 1e-4, atol: 1e-5 });
    await expectNoLeaks(() => tf.grad(f)(x));
    tf.dispose([x, w]);
  });
});

describeBackends(
  'inv',
  () => {
    it('passes central differences, to second order (checkGradients)', () => {
      const x = tf.tensor2d([3, 1, 0, 1, 4, 1, 0.5, 0, 2], [3, 3]);
      const w = tf.tensor2d([1, -2, 0.5, 0.3, 1, 2, -1, 0.7, 1.1], [3, 3]);
      checkGradients((a) => inv(a), [x]);
      checkGradients((a) => tf.grad((b) => tf.sum(tf.mul(inv(b), w)))(a), [x]);
      tf.dispose([x, w]);
    });

    it('rejects a singular matrix, naming its batch index', () => {
      expect(() =>
        inv([
          [1, 2],
          [2, 4],
        ]),
      ).toThrow('inv: matrix is singular');
      expect(() => inv(tf.stack([tf.eye(3), tf.zeros([3, 3])]))).toThrow('inv: matrix at batch index [1] is singular');
    });

    it('rejects bad input, naming the function and the argument', () => {
      expect(() => inv([[1, 2]])).toThrow("inv: argument 'x' must hold square matrices [..., n, n], got shape [1,2]");
      expect(() => inv([3])).toThrow("inv: argument 'x' must have rank ≥ 2");
      expect(() => inv([['a']] as never)).toThrow("inv: argument 'x' must be numeric");
    });
  },
  { backends: ['cpu'] },
);
