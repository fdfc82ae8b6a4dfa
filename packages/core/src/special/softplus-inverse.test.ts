import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { describeFixture } from '../../test/fixtures/special/describe-fixture.js';
import { expectClose, expectNoLeaks } from '../testing/index.js';
import { describeBackends } from '../vitest/index.js';
import { softplusInverseScalar } from './scalar/softplus-inverse-scalar.js';
import { softplusInverse } from './softplus-inverse.js';

describeBackends('softplusInverse', () => {
  it('inverts tf.softplus and keeps the shape', () => {
    const x = tf.tensor2d([-5, -0.5, 0.5, 12], [2, 2]);
    const y = softplusInverse(tf.softplus(x));
    expect(y.shape).toEqual([2, 2]);
    // softplus(−5) = 6.7e-3 carries float32 rounding that the inverse scales by 1/(1 − e^(−y)) ≈ 150.
    expectClose(y, x, { rtol: 1e-4 });
  });

  it('is log x for tiny x, x for large x, −Infinity at 0 and NaN below', () => {
    expectClose(softplusInverse([1e-10, 100, 1e30, 0, -1, Number.NaN]), [
      Math.log(1e-10) + 5e-11,
      100,
      1e30,
      Number.NEGATIVE_INFINITY,
      Number.NaN,
      Number.NaN,
    ]);
  });

  it('differentiates to 1/(1 − e^(−x)) and leaks nothing', async () => {
    expectClose(tf.grad((x) => softplusInverse(x))(tf.tensor1d([Math.LN2, 50])), [2, 1]);
    const input = tf.tensor1d([0.1, 10]);
    await expectNoLeaks(() => tf.grad((x) => softplusInverse(x))(input));
    input.dispose();
  });

  it('rejects bad input naming the function and argument', () => {
    expect(() => softplusInverse('1' as never)).toThrow("softplusInverse: argument 'x' must be numeric");
  });
});

it('softplusInverseScalar is +Infinity at +Infinity', () => {
  expect(softplusInverseScalar(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
});

describeFixture('softplusInverse', { op: softplusInverse, scalar: softplusInverseScalar });
