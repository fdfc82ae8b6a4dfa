import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { describeFixture } from '../../test/fixtures/special/describe-fixture.js';
import { checkGradients, expectClose, expectNoLeaks } from '../testing/index.js';
import { describeBackends } from '../vitest/index.js';
import { logBeta } from './log-beta.js';
import { logBetaScalar } from './scalar/log-beta-scalar.js';

describeBackends('logBeta', () => {
  it('broadcasts and matches closed forms', () => {
    // B(a, 1) = 1/a, B(a, 2) = 1/(a(a + 1)).
    const y = logBeta(tf.tensor2d([1, 2, 4, 0.5], [2, 2]), tf.tensor2d([1, 2], [2, 1]));
    expect(y.shape).toEqual([2, 2]);
    expectClose(y, [
      [0, -Math.log(2)],
      [-Math.log(20), -Math.log(0.75)],
    ]);
  });

  it('gives +Infinity at 0, −Infinity at +Infinity and NaN for negative or NaN arguments', () => {
    expectClose(logBeta([0, Number.POSITIVE_INFINITY, -1, Number.NaN], 2), [
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.NaN,
      Number.NaN,
    ]);
  });

  it('sums the broadcast gradients back to each shape', async () => {
    const a = tf.tensor2d([0.5, 1, 2, 3, 5, 8], [2, 3]);
    const b = tf.tensor1d([0.7, 1.5, 20]);
    const [da, db] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(logBeta(x, y)))([a, b]);
    expect(da!.shape).toEqual([2, 3]);
    expect(db!.shape).toEqual([3]);
    // ∂/∂a log B(a, 1) = −1/a.
    expectClose(tf.grad((x) => logBeta(x, 1))(tf.tensor1d([1, 4])), [-1, -0.25]);
    checkGradients((x, y) => logBeta(x!, y!), [a, b]);
    await expectNoLeaks(() => tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(logBeta(x, y)))([a, b]));
    tf.dispose([a, b, da, db]);
  });

  it('rejects shapes that do not broadcast and bad input, naming the function and argument', () => {
    expect(() => logBeta([[1, 2, 3]], [1, 2])).toThrow("logBeta: shapes of 'a' [1,3] and 'b' [2] do not broadcast");
    expect(() => logBeta(1, 'b' as never)).toThrow("logBeta: argument 'b' must be numeric");
  });
});

it('logBetaScalar keeps full precision where the log Γ terms are 1e31', () => {
  // log B(1, y) = −log y exactly.
  expect(logBetaScalar(1, 1e30)).toBeCloseTo(-Math.log(1e30), 12);
});

describeFixture('logBeta', { op: logBeta, scalar: logBetaScalar });
