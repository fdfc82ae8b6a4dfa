import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { describeFixture } from '../../test/fixtures/special/describe-fixture.js';
import { expectClose, expectNoLeaks } from '../testing/index.js';
import { describeBackends } from '../vitest/index.js';
import { ndtri } from './ndtri.js';
import { ndtriScalar } from './scalar/ndtri-scalar.js';

describeBackends('ndtri', () => {
  it('gives the textbook quantiles and keeps the shape', () => {
    const y = ndtri(tf.tensor2d([0.5, 0.975, 0.025, 0.8413447460685429], [2, 2]));
    expect(y.shape).toEqual([2, 2]);
    expectClose(y, [
      [0, 1.959963984540054],
      [-1.959963984540054, 1],
    ]);
  });

  it('gives −Infinity at 0, +Infinity at 1 and NaN outside [0, 1]', () => {
    expectClose(ndtri([0, 1, -0.1, 1.5, Number.NaN]), [
      Number.NEGATIVE_INFINITY,
      Number.POSITIVE_INFINITY,
      Number.NaN,
      Number.NaN,
      Number.NaN,
    ]);
  });

  it('differentiates to 1/φ(z) and leaks nothing', async () => {
    expectClose(tf.grad((p) => ndtri(p))(tf.tensor1d([0.5])), [Math.sqrt(2 * Math.PI)]);
    const input = tf.tensor1d([0.1, 0.9]);
    await expectNoLeaks(() => tf.grad((p) => ndtri(p))(input));
    input.dispose();
  });

  it('rejects disposed tensors naming the function and argument', () => {
    const p = tf.scalar(0.5);
    p.dispose();
    expect(() => ndtri(p)).toThrow("ndtri: argument 'p' is a disposed tensor");
  });
});

it('ndtriScalar reaches the smallest float64 probabilities', () => {
  // Φ(−37.5194) ≈ 4.9e-308: the quantile of the smallest normal float64 is finite.
  expect(ndtriScalar(Number.MIN_VALUE)).toBeGreaterThan(-40);
  expect(ndtriScalar(Number.MIN_VALUE)).toBeLessThan(-38);
});

describeFixture('ndtri', { op: ndtri, scalar: ndtriScalar });
