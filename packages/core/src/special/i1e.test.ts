import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { describeFixture } from '../../test/fixtures/special/describe-fixture.js';
import { expectClose, expectNoLeaks } from '../testing/index.js';
import { describeBackends } from '../vitest/index.js';
import { i1e } from './i1e.js';
import { i1eScalar } from './scalar/i1e-scalar.js';

/** I₁(1) (DLMF 10.25.2 summed), for e^(−1) I₁(1). */
const I1_OF_1 = 0.5651591039924851;

describeBackends('i1e', () => {
  it('is odd, matches I₁(1)/e and decays like 1/√(2πx)', () => {
    const y = i1e(tf.tensor2d([0, 1, -1, -1e6], [2, 2]));
    expect(y.shape).toEqual([2, 2]);
    expectClose(y, [
      [0, I1_OF_1 / Math.E],
      [-I1_OF_1 / Math.E, -(1 - 3 / 8e6) / Math.sqrt(2 * Math.PI * 1e6)],
    ]);
    expectClose(i1e([Number.NEGATIVE_INFINITY, Number.NaN]), [0, Number.NaN]);
  });

  it('has slope ½ at 0 and leaks nothing', async () => {
    expectClose(tf.grad((x) => i1e(x))(tf.tensor1d([0])), [0.5]);
    const input = tf.tensor1d([1, -30]);
    await expectNoLeaks(() => tf.grad((x) => i1e(x))(input));
    input.dispose();
  });

  it('rejects disposed tensors naming the function and argument', () => {
    const x = tf.scalar(1);
    x.dispose();
    expect(() => i1e(x)).toThrow("i1e: argument 'x' is a disposed tensor");
  });
});

describeFixture('i1e', { op: i1e, scalar: i1eScalar });
