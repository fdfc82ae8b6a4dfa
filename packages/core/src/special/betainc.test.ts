import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { describeFixture } from '../../test/fixtures/special/describe-fixture.js';
import { checkGradients, expectClose, expectNoLeaks } from '../testing/index.js';
import { describeBackends } from '../vitest/index.js';
import { betainc } from './betainc.js';
import { betaincScalar } from './scalar/betainc-scalar.js';

describeBackends('betainc', () => {
  it('broadcasts and matches closed forms', () => {
    // I_x(a, 1) = x^a, I_x(1, b) = 1 − (1 − x)^b, I_x(½, ½) = (2/π) asin √x.
    const x = tf.tensor1d([0.1, 0.5, 0.9]);
    const y = betainc(tf.tensor2d([2, 1, 0.5], [3, 1]), tf.tensor2d([1, 3, 0.5], [3, 1]), x);
    expect(y.shape).toEqual([3, 3]);
    const values = [0.1, 0.5, 0.9];
    expectClose(y, [
      values.map((v) => v ** 2),
      values.map((v) => 1 - (1 - v) ** 3),
      values.map((v) => (2 / Math.PI) * Math.asin(Math.sqrt(v))),
    ]);
    x.dispose();
  });

  it('gives 0 at x = 0, 1 at x = 1 and NaN outside a > 0, b > 0, 0 ≤ x ≤ 1', () => {
    const nan = Number.NaN;
    expectClose(
      betainc(
        [2, 0.5, 0, -1, 1, 1, 1, 1, nan],
        [3, 0.5, 1, 1, 0, 1, 1, 1, 1],
        [0, 1, 0.5, 0.5, 0.5, -0.1, 1.1, nan, 0.5],
      ),
      [0, 1, nan, nan, nan, nan, nan, nan, nan],
    );
  });

  it('differentiates in a, b (the parameter derivatives) and x (the Beta density), summed to each shape', async () => {
    const a = tf.tensor1d([0.5, 3, 150]);
    const b = tf.tensor2d([[2], [0.7]]);
    const x = tf.tensor2d([0.2, 0.6, 0.55, 0.9, 0.3, 0.995], [2, 3]);
    const grad = (s: tf.Tensor, t: tf.Tensor, u: tf.Tensor) => tf.sum(betainc(s, t, u));
    const [da, db, dx] = tf.grads(grad)([a, b, x]);
    expect(da!.shape).toEqual([3]);
    expect(db!.shape).toEqual([2, 1]);
    expect(dx!.shape).toEqual([2, 3]);
    // I_x(a, 1) = x^a: ∂/∂a = x^a log x, ∂/∂x = a x^(a−1); I_x(1, b) = 1 − (1 − x)^b: ∂/∂b = −(1 − x)^b log(1 − x).
    const at = tf.tensor1d([0.3, 0.8]);
    expectClose(
      tf.grad((s) => betainc(s, 1, at))(tf.tensor1d([2, 2])),
      [0.3, 0.8].map((v) => v ** 2 * Math.log(v)),
    );
    expectClose(
      tf.grad((t) => betainc(1, t, at))(tf.tensor1d([3, 3])),
      [0.3, 0.8].map((v) => -((1 - v) ** 3) * Math.log1p(-v)),
    );
    expectClose(tf.grad((u) => betainc(2, 1, u))(at), [0.6, 1.6]);
    checkGradients((s, t, u) => betainc(s!, t!, u!), [a, b, x], { h: 1e-3 });
    await expectNoLeaks(() => tf.grads(grad)([a, b, x]));
    expect(() => tf.grad((t) => tf.grad((u) => betainc(2, 3, u))(t))(tf.tensor1d([0.5]))).toThrow(
      'betainc: second derivatives are not implemented',
    );
    tf.dispose([a, b, x, at, da, db, dx]);
  });

  it('rejects shapes that do not broadcast and bad input, naming the function and argument', () => {
    expect(() => betainc([1, 2, 3], 1, [0.5, 0.5])).toThrow(
      "betainc: shapes of 'a' [3], 'b' [] and 'x' [2] do not broadcast",
    );
    expect(() => betainc(1, 'b' as never, 0.5)).toThrow("betainc: argument 'b' must be numeric");
  });
});

it('betaincScalar keeps both tails relative and handles infinite parameters', () => {
  // I_x(1, b) = 1 − (1 − x)^b ≈ b·x for tiny x (1 − I would round it away); above the mean the upper tail
  // (1 − x)^b is the one computed directly.
  expect(betaincScalar(1, 2, 1e-20)).toBeCloseTo(2e-20, 32);
  expect(betaincScalar(1, 3, 0.9)).toBeCloseTo(1 - 0.1 ** 3, 15);
  expect(betaincScalar(Number.POSITIVE_INFINITY, 2, 0.5)).toBe(0);
  expect(betaincScalar(2, Number.POSITIVE_INFINITY, 0.5)).toBe(1);
  expect(betaincScalar(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, 0.5)).toBeNaN();
  expect(() => betaincScalar('1' as never, 1, 0.5)).toThrow("betaincScalar: argument 'a' must be a number");
  expect(() => betaincScalar(1, 1, null as never)).toThrow("betaincScalar: argument 'x' must be a number");
  expect(betaincScalar(1, Number.NaN, 0.5)).toBeNaN();
  // Symmetry I_x(a, b) = 1 − I_(1−x)(b, a) across the switch between the two sides of the mean.
  expect(betaincScalar(30, 20, 0.6) + betaincScalar(20, 30, 0.4)).toBeCloseTo(1, 14);
});

// Points with I < 1e-30 are not in the fixture (float32 cannot hold them to 1e-5).
describeFixture('betainc', { op: betainc, scalar: betaincScalar });
