import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { describeFixture } from '../../test/fixtures/special/describe-fixture.js';
import { checkGradients, expectClose, expectNoLeaks } from '../testing/index.js';
import { describeBackends } from '../vitest/index.js';
import { lgamma } from './lgamma.js';
import { lgammaScalar } from './scalar/lgamma-scalar.js';

const EULER_GAMMA = 0.5772156649015329;

describeBackends('lgamma', () => {
  it('matches closed forms, keeps the shape and gives +Infinity at the poles', () => {
    const y = lgamma(tf.tensor2d([0.5, 3, -0.5, 0, -2, Number.NaN], [2, 3]));
    expect(y.shape).toEqual([2, 3]);
    expectClose(y, [
      [0.5 * Math.log(Math.PI), Math.LN2, Math.log(2 * Math.sqrt(Math.PI))],
      [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, Number.NaN],
    ]);
  });

  it('differentiates to digamma, twice to trigamma', () => {
    expectClose(tf.grad((x) => lgamma(x))(tf.tensor1d([1, 2])), [-EULER_GAMMA, 1 - EULER_GAMMA]);
    const second = tf.grad((x) => tf.grad((t) => lgamma(t))(x))(tf.tensor1d([1]));
    expectClose(second, [Math.PI ** 2 / 6]);
    checkGradients((x) => lgamma(x), [tf.tensor1d([0.3, 1.5, 4, 25, -2.5])]);
  });

  it('accepts nested arrays and int32 tensors, and leaks nothing', async () => {
    expectClose(lgamma([[1, 2]]), [[0, 0]]);
    expectClose(lgamma(tf.tensor1d([4], 'int32')), [Math.log(6)]);
    const x = tf.tensor1d([0.5, 7]);
    await expectNoLeaks(() => lgamma(x));
    await expectNoLeaks(() => tf.grad((t) => lgamma(t))(x));
    x.dispose();
  });

  it('rejects bad input naming the function and argument', () => {
    expect(() => lgamma('1' as never)).toThrow("lgamma: argument 'x' must be numeric");
    const x = tf.scalar(1);
    x.dispose();
    expect(() => lgamma(x)).toThrow("lgamma: argument 'x' is a disposed tensor");
  });
});

it('lgammaScalar follows scipy at the infinities', () => {
  expect(lgammaScalar(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  expect(lgammaScalar(Number.NEGATIVE_INFINITY)).toBe(Number.NEGATIVE_INFINITY);
});

// Near the zeros of log|Γ| on x < 0 the reflection subtracts terms of size log Γ(1 − x) ≈ 1 to 10: the
// float64 error is about 1e-15 absolute, so relative to values of 1e-7 (the float32 points there) 1e-8.
describeFixture('lgamma', {
  op: lgamma,
  scalar: lgammaScalar,
  float64Rtol: { 'x near the negative zeros in (-8, -2) (±8 ulps)': 1e-7 },
});
