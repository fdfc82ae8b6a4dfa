import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { describeFixture } from '../../test/fixtures/special/describe-fixture.js';
import { expectClose, expectNoLeaks } from '../testing/index.js';
import { describeBackends } from '../vitest/index.js';
import { tetragammaScalar } from './scalar/tetragamma-scalar.js';
import { trigammaScalar } from './scalar/trigamma-scalar.js';
import { trigamma } from './trigamma.js';

/** ζ(3), for ψ″(1) = −2ζ(3). */
const APERY = 1.2020569031595942;

describeBackends('trigamma', () => {
  it('matches closed forms and follows scipy at the poles', () => {
    const y = trigamma(tf.tensor2d([1, 0.5, 0, -2, Number.NaN, -0.5], [3, 2]));
    expect(y.shape).toEqual([3, 2]);
    // ψ′(−½) = π²/sin²(−π/2) − ψ′(3/2) = π² − (π²/2 − 4).
    expectClose(y, [
      [Math.PI ** 2 / 6, Math.PI ** 2 / 2],
      [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY],
      [Number.NaN, Math.PI ** 2 / 2 + 4],
    ]);
  });

  it('differentiates to tetragamma, whose own gradient throws', async () => {
    expectClose(tf.grad((x) => trigamma(x))(tf.tensor1d([1])), [-2 * APERY]);
    expect(() => tf.grad((x) => tf.grad((t) => trigamma(t))(x))(tf.tensor1d([1]))).toThrow(
      'tetragamma: second derivatives are not implemented',
    );
    const input = tf.tensor1d([0.5, 3]);
    await expectNoLeaks(() => tf.grad((x) => trigamma(x))(input));
    input.dispose();
  });

  it('rejects disposed tensors naming the function and argument', () => {
    const x = tf.tensor1d([1]);
    x.dispose();
    expect(() => trigamma(x)).toThrow("trigamma: argument 'x' is a disposed tensor");
  });
});

it('tetragammaScalar follows scipy at the poles and infinities', () => {
  expect(tetragammaScalar(0)).toBe(Number.NEGATIVE_INFINITY);
  expect(tetragammaScalar(-3)).toBe(Number.NEGATIVE_INFINITY);
  expect(tetragammaScalar(Number.POSITIVE_INFINITY)).toBe(0);
  expect(trigammaScalar(Number.POSITIVE_INFINITY)).toBe(0);
  expect(trigammaScalar(Number.NEGATIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
});

describeFixture('trigamma', { op: trigamma, scalar: trigammaScalar });
