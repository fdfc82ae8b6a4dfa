import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { expectClose } from '../testing/expect-close.js';
import { expectNoLeaks } from '../testing/expect-no-leaks.js';
import { describeBackends } from '../vitest/describe-backends.js';
import { det } from './det.js';

const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../../test/fixtures/linalg/${name}.json`, import.meta.url), 'utf8')) as T;
/** numpy's det of random matrices. */
const cases = fixture<{ name: string; x: number[][]; det: number | number[] }[]>('determinants');
/** d/dx of Σ w ⊙ det(x), central differences in float64. */
const gradient = fixture<{ name: string; inputs: number[][][][]; weights: number[]; grads: number[][][][] }[]>(
  'gradients',
).find((c) => c.name.startsWith('det'))!;

describeBackends('det', () => {
  it.each(cases)('matches numpy on $name', async (c) => {
    const d = det(c.x);
    expectClose(d, c.det, { rtol: 1e-5, atol: 1e-6 });
    d.dispose();
    await expectNoLeaks(() => det(c.x));
  });

  it('has the gradient det(x)·x⁻ᵀ (fixture derivatives)', async () => {
    const x = tf.tensor(gradient.inputs[0]!);
    const w = tf.tensor(gradient.weights);
    const f = (a: tf.Tensor) => tf.sum(tf.mul(det(a), w));
    // An LU inverse rounded to float32 and one product: relative errors of a few 1e-7.
    expectClose(tf.grad(f)(x), gradient.grads[0]!, { rtol: 1e-4, atol: 1e-5 });
    await expectNoLeaks(() => tf.grad(f)(x));
    tf.dispose([x, w]);
  });
});

describeBackends(
  'det',
  () => {
    it('is 0 for a singular matrix, and the gradient there throws naming det', () => {
      const singular = tf.tensor3d([1, 2, 2, 4, 1, 0, 0, 1], [2, 2, 2]);
      expectClose(det(singular), [0, 1]);
      expect(() => tf.grad((a) => tf.sum(det(a)))(singular)).toThrow(
        'det: no gradient at a singular matrix (it needs A⁻¹; inv: matrix at batch index [0] is singular)',
      );
    });

    it('has second derivatives: of Σ (det·x⁻ᵀ) = Σ cofactors = p + s − q − r for [[p, q], [r, s]]', () => {
      const x = tf.tensor2d([2, 1, 0.5, 3], [2, 2]);
      expectClose(tf.grad((a) => tf.sum(tf.grad((b) => det(b))(a)))(x), [
        [1, -1],
        [-1, 1],
      ]);
      x.dispose();
    });

    it('takes integer tensors and nested arrays', () => {
      expectClose(det(tf.tensor2d([1, 2, 3, 4], [2, 2], 'int32')), -2);
      expectClose(det([[[2]], [[-3]]]), [2, -3]);
    });

    it('overflows to infinity beyond float32 range, and propagates NaN', () => {
      expectClose(det(tf.mul(tf.eye(40), 10)), Number.POSITIVE_INFINITY);
      expectClose(
        det([
          [Number.NaN, 1],
          [2, 3],
        ]),
        Number.NaN,
      );
    });

    it('rejects bad input, naming the function and the argument', () => {
      expect(() => det([[1, 2]])).toThrow("det: argument 'x' must hold square matrices [..., n, n], got shape [1,2]");
      expect(() => det([1])).toThrow("det: argument 'x' must have rank ≥ 2");
      expect(() => det([[true]] as never)).toThrow("det: argument 'x' must be numeric");
    });
  },
  { backends: ['cpu'] },
);
