import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { describeFixture } from '../../test/fixtures/special/describe-fixture.js';
import { expectClose, expectNoLeaks } from '../testing/index.js';
import { describeBackends } from '../vitest/index.js';
import { digamma } from './digamma.js';
import { digammaScalar } from './scalar/digamma-scalar.js';

const EULER_GAMMA = 0.5772156649015329;

describeBackends('digamma', () => {
  it('matches closed forms and keeps the shape', () => {
    const y = digamma(tf.tensor2d([1, 0.5, 2, -0.5], [2, 2]));
    expect(y.shape).toEqual([2, 2]);
    // ψ(½) = −γ − 2 ln 2, ψ(2) = 1 − γ, ψ(−½) = ψ(½) + 2.
    expectClose(y, [
      [-EULER_GAMMA, -EULER_GAMMA - 2 * Math.LN2],
      [1 - EULER_GAMMA, 2 - EULER_GAMMA - 2 * Math.LN2],
    ]);
  });

  it('follows scipy at 0, the negative integers and NaN', () => {
    expectClose(digamma(tf.tensor1d([0, -0, -3, Number.NaN])), [
      Number.NEGATIVE_INFINITY,
      Number.POSITIVE_INFINITY,
      Number.NaN,
      Number.NaN,
    ]);
  });

  it('differentiates to trigamma and leaks nothing', async () => {
    expectClose(tf.grad((x) => digamma(x))(tf.tensor1d([1, 0.5])), [Math.PI ** 2 / 6, Math.PI ** 2 / 2]);
    await expectNoLeaks(() => digamma([[0.25, 8]]));
  });

  it('rejects bad input naming the function and argument', () => {
    expect(() => digamma(['a'] as never)).toThrow("digamma: argument 'x' must be numeric");
  });
});

it('digammaScalar follows scipy at the infinities', () => {
  expect(digammaScalar(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  expect(digammaScalar(Number.NEGATIVE_INFINITY)).toBeNaN();
});

// At the negative zeros ψ(x) = ψ(1 − x) − π cot πx cancels terms of size log|x| ≤ 4: about 1e-15
// absolute, 1e-8 relative at the float32 points next to a zero. The positive zero uses its Taylor series.
describeFixture('digamma', {
  op: digamma,
  scalar: digammaScalar,
  float64Rtol: { 'x near the 50 negative zeros in (-50, 0) (±3 ulps)': 1e-7 },
});
