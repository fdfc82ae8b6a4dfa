import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { describeFixture } from '../../test/fixtures/special/describe-fixture.js';
import { expectClose, expectNoLeaks } from '../testing/index.js';
import { describeBackends } from '../vitest/index.js';
import { erfinv } from './erfinv.js';
import { erfinvScalar } from './scalar/erfinv-scalar.js';

describeBackends('erfinv', () => {
  it('inverts tf.erf and keeps the shape', () => {
    const x = tf.tensor2d([-1.5, -0.2, 0.3, 1.1], [2, 2]);
    const y = erfinv(tf.erf(x));
    expect(y.shape).toEqual([2, 2]);
    // erf rounds to float32 with slope up to 2/√π: compare with a tolerance for that rounding.
    expectClose(y, x, { rtol: 1e-5, atol: 1e-6 });
    x.dispose();
  });

  it('gives ±Infinity at ±1 and NaN outside [−1, 1]', () => {
    expectClose(erfinv([1, -1, 1.5, -2, Number.NaN, 0]), [
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.NaN,
      Number.NaN,
      Number.NaN,
      0,
    ]);
  });

  it('differentiates to (√π/2) exp(erfinv²) and leaks nothing', async () => {
    expectClose(tf.grad((y) => erfinv(y))(tf.tensor1d([0])), [Math.sqrt(Math.PI) / 2]);
    const input = tf.tensor1d([0.5]);
    await expectNoLeaks(() => tf.grad((y) => erfinv(y))(input));
    input.dispose();
  });

  it('rejects bad input naming the function and argument', () => {
    expect(() => erfinv('0.5' as never)).toThrow("erfinv: argument 'y' must be numeric");
  });
});

it('erfinvScalar keeps the sign of zero', () => {
  expect(Object.is(erfinvScalar(-0), -0)).toBe(true);
});

describeFixture('erfinv', { op: erfinv, scalar: erfinvScalar });
