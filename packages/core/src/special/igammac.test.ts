import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { describeFixture } from '../../test/fixtures/special/describe-fixture.js';
import { expectClose, expectNoLeaks } from '../testing/index.js';
import { describeBackends } from '../vitest/index.js';
import { igammac } from './igammac.js';
import { igammacScalar } from './scalar/igammac-scalar.js';

describeBackends('igammac', () => {
  it('broadcasts and matches closed forms, deep in the upper tail too', () => {
    // Q(1, x) = e^(−x), Q(½, x) = erfc(√x).
    const y = igammac(tf.tensor2d([1], [1, 1]), tf.tensor1d([0.5, 2, 80]));
    expect(y.shape).toEqual([1, 3]);
    expectClose(y, [[Math.exp(-0.5), Math.exp(-2), Math.exp(-80)]], { rtol: 1e-5, atol: 0 });
    expectClose(igammac(0.5, [0.25, 1]), [0.4795001221869535, 0.15729920705028513]);
  });

  it('gives 1 at x = 0, 0 at x = +Infinity and NaN outside a > 0, x ≥ 0', () => {
    expectClose(igammac([2, 2, -1, 2], [0, Number.POSITIVE_INFINITY, 1, -0.5]), [1, 0, Number.NaN, Number.NaN]);
  });

  it('differentiates to minus the Gamma density in x and leaks nothing', async () => {
    // ∂Q(2, x)/∂x = −x e^(−x).
    expectClose(tf.grad((t) => igammac(2, t))(tf.tensor1d([0.5, 3])), [-0.5 * Math.exp(-0.5), -3 * Math.exp(-3)]);
    const [a, x] = [tf.scalar(3), tf.scalar(2)];
    await expectNoLeaks(() => tf.grads((s: tf.Tensor, t: tf.Tensor) => igammac(s, t))([a, x]));
    tf.dispose([a, x]);
  });

  it('rejects shapes that do not broadcast, naming the function and arguments', () => {
    expect(() => igammac([1, 2], [1, 2, 3])).toThrow("igammac: shapes of 'a' [2] and 'x' [3] do not broadcast");
  });
});

it('igammacScalar handles a = +Infinity', () => {
  expect(igammacScalar(Number.POSITIVE_INFINITY, 3)).toBe(1);
});

// Points with Q < 1e-30 are not in the fixture (float32 cannot hold them to 1e-5).
describeFixture('igammac', { op: igammac, scalar: igammacScalar });
