import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { expectClose } from '../testing/expect-close.js';
import { expectNoLeaks } from '../testing/expect-no-leaks.js';
import { describeBackends } from '../vitest/describe-backends.js';
import { inv } from './inv.js';
import { slogdet } from './slogdet.js';

const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../../test/fixtures/linalg/${name}.json`, import.meta.url), 'utf8')) as T;
/** numpy's slogdet of random matrices. */
const cases =
  fixture<{ name: string; x: number[][]; sign: number | number[]; logAbsDet: number | number[] }[]>('determinants');
/** d/dx of w·log|det x|, central differences in float64. */
const gradient = fixture<{ name: string; inputs: number[][][]; weights: number; grads: number[][][] }[]>(
  'gradients',
).find((c) => c.name.startsWith('slogdet'))!;

describeBackends('slogdet', () => {
  it.each(cases)('matches numpy on $name', async (c) => {
    const { sign, logAbsDet } = slogdet(c.x);
    expectClose(sign, c.sign);
    expectClose(logAbsDet, c.logAbsDet, { rtol: 1e-5, atol: 1e-6 });
    tf.dispose([sign, logAbsDet]);
    await expectNoLeaks(() => slogdet(c.x));
  });

  it('has the gradient x⁻ᵀ for logAbsDet (fixture derivatives) and zero for sign', async () => {
    const x = tf.tensor(gradient.inputs[0]!);
    const f = (a: tf.Tensor) => tf.mul(slogdet(a).logAbsDet, gradient.weights);
    // An LU inverse rounded to float32: relative errors of a few 1e-7.
    expectClose(tf.grad(f)(x), gradient.grads[0]!, { rtol: 1e-4, atol: 1e-5 });
    expectClose(tf.grad((a) => slogdet(a).sign)(x), 0);
    await expectNoLeaks(() => tf.grad(f)(x));
    x.dispose();
  });
});

describeBackends(
  'slogdet',
  () => {
    it('gives sign 0 and −∞ for a singular matrix, and does not overflow where det does', () => {
      const { sign, logAbsDet } = slogdet([
        [1, 2],
        [2, 4],
      ]);
      expectClose(sign, 0);
      expectClose(logAbsDet, Number.NEGATIVE_INFINITY);
      const large = slogdet(tf.mul(tf.eye(40), -10));
      expectClose(large.sign, 1);
      expectClose(large.logAbsDet, 40 * Math.log(10), { rtol: 1e-6 });
      expect(() => tf.grad((a) => slogdet(a).logAbsDet)(tf.tensor2d([1, 2, 2, 4], [2, 2]))).toThrow(
        'slogdet: no gradient at a singular matrix (it needs A⁻¹; inv: matrix is singular)',
      );
    });

    it('has second derivatives: that of Σ x⁻ᵀ is −x⁻ᵀ·J·x⁻ᵀ (J all ones)', () => {
      const x = tf.tensor2d([3, 1, 0, 1, 4, 1, 0.5, 0, 2], [3, 3]);
      const y = tf.transpose(inv(x));
      const expected = tf.neg(tf.matMul(tf.matMul(y, tf.ones([3, 3])), y));
      expectClose(tf.grad((a) => tf.sum(tf.grad((b) => slogdet(b).logAbsDet)(a)))(x), expected, {
        rtol: 1e-5,
        atol: 1e-6,
      });
      tf.dispose([x, y, expected]);
    });

    it('rejects bad input, naming the function and the argument', () => {
      expect(() => slogdet(tf.zeros([2, 3, 4]))).toThrow(
        "slogdet: argument 'x' must hold square matrices [..., n, n], got shape [2,3,4]",
      );
      expect(() => slogdet(tf.scalar(2))).toThrow("slogdet: argument 'x' must have rank ≥ 2");
    });
  },
  { backends: ['cpu'] },
);
