import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { describeFixture } from '../../test/fixtures/special/describe-fixture.js';
import { expectClose, expectNoLeaks } from '../testing/index.js';
import { describeBackends } from '../vitest/index.js';
import { log1mexp } from './log1mexp.js';
import { log1mexpScalar } from './scalar/log1mexp-scalar.js';

describeBackends('log1mexp', () => {
  it('is log(1 − e^(−|x|)) for moderate x, ignoring the sign', () => {
    const x = tf.tensor2d([0.5, -0.5, 3, -3], [2, 2]);
    const y = log1mexp(x);
    expect(y.shape).toEqual([2, 2]);
    const expected = [0.5, 0.5, 3, 3].map((v) => Math.log(1 - Math.exp(-v)));
    expectClose(y, [expected.slice(0, 2), expected.slice(2)]);
    x.dispose();
  });

  it('is log|x| for tiny x, −e^(−x) for large x, −Infinity at 0 and 0 at ±Infinity', () => {
    expectClose(log1mexp([1e-10, 80, 0, Number.NEGATIVE_INFINITY, Number.NaN]), [
      Math.log(1e-10) - 5e-11,
      -Math.exp(-80),
      Number.NEGATIVE_INFINITY,
      0,
      Number.NaN,
    ]);
  });

  it('differentiates to sign(x)/expm1(|x|), NaN at 0, and leaks nothing', async () => {
    expectClose(tf.grad((x) => log1mexp(x))(tf.tensor1d([Math.LN2, -Math.LN2, 0])), [1, -1, Number.NaN]);
    const input = tf.tensor1d([0.1, -4]);
    await expectNoLeaks(() => tf.grad((x) => log1mexp(x))(input));
    input.dispose();
  });

  it('rejects disposed tensors naming the function and argument', () => {
    const x = tf.scalar(1);
    x.dispose();
    expect(() => log1mexp(x)).toThrow("log1mexp: argument 'x' is a disposed tensor");
  });
});

describeFixture('log1mexp', { op: log1mexp, scalar: log1mexpScalar });
