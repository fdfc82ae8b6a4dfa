import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { describeFixture } from '../../test/fixtures/special/describe-fixture.js';
import { checkGradients, expectClose, expectNoLeaks } from '../testing/index.js';
import { describeBackends } from '../vitest/index.js';
import { igamma } from './igamma.js';
import { igammaScalar } from './scalar/igamma-scalar.js';

describeBackends('igamma', () => {
  it('broadcasts and matches closed forms', () => {
    // P(1, x) = 1 − e^(−x), P(2, x) = 1 − (1 + x) e^(−x).
    const x = tf.tensor1d([0.5, 2, 10]);
    const y = igamma(tf.tensor2d([1, 2], [2, 1]), x);
    expect(y.shape).toEqual([2, 3]);
    const values = [0.5, 2, 10];
    expectClose(y, [values.map((v) => -Math.expm1(-v)), values.map((v) => 1 - (1 + v) * Math.exp(-v))]);
    x.dispose();
  });

  it('gives 0 at x = 0, 1 at x = +Infinity and NaN outside a > 0, x ≥ 0', () => {
    expectClose(igamma([1, 1, 0, -1, 1, Number.NaN], [0, Number.POSITIVE_INFINITY, 1, 1, -1, 1]), [
      0,
      1,
      Number.NaN,
      Number.NaN,
      Number.NaN,
      Number.NaN,
    ]);
  });

  it('differentiates in x (the Gamma density) and in a, summed to each shape', async () => {
    const a = tf.tensor1d([0.5, 3, 150]);
    const x = tf.tensor2d([0.7, 2.5, 140, 1.2, 4, 170], [2, 3]);
    const [da, dx] = tf.grads((s: tf.Tensor, t: tf.Tensor) => tf.sum(igamma(s, t)))([a, x]);
    expect(da!.shape).toEqual([3]);
    expect(dx!.shape).toEqual([2, 3]);
    // ∂P(1, x)/∂x = e^(−x).
    expectClose(tf.grad((t) => igamma(1, t))(tf.tensor1d([0.5, 3])), [Math.exp(-0.5), Math.exp(-3)]);
    checkGradients((s, t) => igamma(s!, t!), [a, x], { h: 1e-3 });
    await expectNoLeaks(() => tf.grads((s: tf.Tensor, t: tf.Tensor) => tf.sum(igamma(s, t)))([a, x]));
    expect(() => tf.grad((t) => tf.grad((u) => igamma(2, u))(t))(tf.tensor1d([1]))).toThrow(
      'igamma: second derivatives are not implemented',
    );
    tf.dispose([a, x, da, dx]);
  });

  it('rejects shapes that do not broadcast and bad input, naming the function and argument', () => {
    expect(() => igamma([1, 2, 3], [1, 2])).toThrow("igamma: shapes of 'a' [3] and 'x' [2] do not broadcast");
    expect(() => igamma('a' as never, 1)).toThrow("igamma: argument 'a' must be numeric");
  });
});

it('igammaScalar keeps tiny lower tails relative and handles a = +Infinity', () => {
  // P(1, x) = −expm1(−x) ≈ x for tiny x; 1 − Q would round it away.
  expect(igammaScalar(1, 1e-20)).toBeCloseTo(1e-20, 32);
  expect(igammaScalar(Number.POSITIVE_INFINITY, 3)).toBe(0);
  expect(igammaScalar(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY)).toBeNaN();
});

// Points with P < 1e-30 are not in the fixture (float32 cannot hold them to 1e-5).
describeFixture('igamma', { op: igamma, scalar: igammaScalar });
