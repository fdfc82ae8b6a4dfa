import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { describeFixture } from '../../test/fixtures/special/describe-fixture.js';
import { expectClose, expectNoLeaks } from '../testing/index.js';
import { describeBackends } from '../vitest/index.js';
import { logI0 } from './log-i0.js';
import { logI0Scalar } from './scalar/log-i0-scalar.js';

describeBackends('logI0', () => {
  it('is x²/4 near 0, x − ½ log(2πx) far out, and does not overflow', () => {
    const y = logI0(tf.tensor2d([1e-3, -1e-3, 1e4, -1e30], [2, 2]));
    expect(y.shape).toEqual([2, 2]);
    // log I₀(x) = x²/4 − x⁴/64 + …; for large x, x − ½ log(2πx) + log(1 + 1/(8x) + …).
    expectClose(y, [
      [2.5e-7 - 1e-12 / 64, 2.5e-7 - 1e-12 / 64],
      [1e4 - 0.5 * Math.log(2 * Math.PI * 1e4) + Math.log1p(1 / 8e4), 1e30],
    ]);
    expectClose(logI0([0, Number.POSITIVE_INFINITY, Number.NaN]), [0, Number.POSITIVE_INFINITY, Number.NaN]);
  });

  it('differentiates to I₁/I₀ and leaks nothing', async () => {
    // I₁(x)/I₀(x) ≈ x/2 near 0 and → ±1 at ±Infinity.
    expectClose(tf.grad((x) => logI0(x))(tf.tensor1d([1e-4, Number.NEGATIVE_INFINITY])), [5e-5, -1]);
    const input = tf.tensor1d([2, 200]);
    await expectNoLeaks(() => tf.grad((x) => logI0(x))(input));
    input.dispose();
  });

  it('rejects bad input naming the function and argument', () => {
    expect(() => logI0('κ' as never)).toThrow("logI0: argument 'x' must be numeric");
  });
});

describeFixture('logI0', { op: logI0, scalar: logI0Scalar });
