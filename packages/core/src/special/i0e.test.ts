import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { describeFixture } from '../../test/fixtures/special/describe-fixture.js';
import { checkGradients, expectClose, expectNoLeaks } from '../testing/index.js';
import { describeBackends } from '../vitest/index.js';
import { i0e } from './i0e.js';
import { i0eScalar } from './scalar/i0e-scalar.js';

/** I₀(1) (DLMF 10.25.2 summed), for e^(−1) I₀(1). */
const I0_OF_1 = 1.2660658777520082;

describeBackends('i0e', () => {
  it('is even, matches I₀(1)/e and decays like 1/√(2πx)', () => {
    const y = i0e(tf.tensor2d([0, 1, -1, 1e6], [2, 2]));
    expect(y.shape).toEqual([2, 2]);
    expectClose(y, [
      [1, I0_OF_1 / Math.E],
      [I0_OF_1 / Math.E, 1 / Math.sqrt(2 * Math.PI * 1e6)],
    ]);
    expectClose(i0e([Number.POSITIVE_INFINITY, Number.NaN]), [0, Number.NaN]);
  });

  it('differentiates to i1e − sign·i0e and leaks nothing', async () => {
    expectClose(tf.grad((x) => i0e(x))(tf.tensor1d([0])), [0]);
    checkGradients((x) => i0e(x), [tf.tensor1d([-30, -2, 0.5, 3, 50])]);
    const input = tf.tensor1d([1, -1]);
    await expectNoLeaks(() => tf.grad((x) => i0e(x))(input));
    input.dispose();
  });

  it('rejects bad input naming the function and argument', () => {
    expect(() => i0e([[1], ['x']] as never)).toThrow("i0e: argument 'x' must be numeric");
  });
});

describeFixture('i0e', { op: i0e, scalar: i0eScalar });
