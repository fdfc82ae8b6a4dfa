import { randomNormal, randomUniform } from '@proj/core';
import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { maskedResidualUnit } from './masked-residual-unit.js';
import {
  createResidualUnit,
  type ResidualUnitParams,
  residualBranch,
  residualUnit,
  residualUnitVariables,
} from './residual-unit.js';

describeBackends('maskedResidualUnit', () => {
  let unit: ResidualUnitParams;
  beforeAll(() => {
    unit = createResidualUnit(6, 6, 1, 3);
    // Non-trivial moving statistics, so that inference-mode BN is not the identity.
    tf.tidy(() => {
      unit.bn1.movingMean.assign(randomNormal([6], 1, { stddev: 0.3 }));
      unit.bn2.movingVariance.assign(randomUniform([6], 2, { min: 0.5, max: 2 }));
    });
  });
  afterAll(() => tf.dispose(residualUnitVariables(unit)));

  /** The mfigurnov/sact reference: every position computed, the residual multiplied by the mask. */
  const dense = (x: tf.Tensor, mask: tf.Tensor) =>
    tf.add(x, tf.mul(residualBranch(unit, x, false), tf.expandDims(tf.cast(mask, 'float32'), 3)));

  it.each([
    ['sparse (3% active: patch gather)', 0.03],
    ['half active', 0.5],
    ['mostly active', 0.9],
  ])('equals the dense masked unit, %s; halted positions keep their state exactly', (_, fraction) => {
    tf.tidy(() => {
      const x = randomNormal([3, 9, 10, 6], 7);
      const mask = tf.less(randomUniform([3, 9, 10], 8), fraction);
      const y = maskedResidualUnit(unit, x, mask);
      expectClose(y, dense(x, mask), { rtol: 1e-4, atol: 1e-5 });
      const frozen = tf.logicalNot(mask);
      const held = tf.sum(tf.cast(tf.logicalAnd(frozen, tf.equal(tf.sum(tf.abs(tf.sub(y, x)), 3), 0)), 'int32'));
      expect(held.dataSync()[0]).toBe(tf.sum(tf.cast(frozen, 'int32')).dataSync()[0]);
    });
  });

  it('has the gradients of the dense masked unit (inference statistics)', () => {
    tf.tidy(() => {
      const x = randomNormal([2, 7, 7, 6], 9);
      const mask = tf.less(randomUniform([2, 7, 7], 10), 0.3);
      const weights = randomNormal([2, 7, 7, 6], 11);
      const loss = (f: (v: tf.Tensor) => tf.Tensor) => (v: tf.Tensor) => tf.sum(tf.mul(f(v), weights));
      const ours = tf.grad(loss((v) => maskedResidualUnit(unit, v, mask)))(x);
      const reference = tf.grad(loss((v) => dense(v, mask)))(x);
      expectClose(ours, reference, { rtol: 1e-3, atol: 1e-4 });
      const [w1] = tf.grads((w: tf.Tensor) => {
        const unitW = Object.assign(Object.create(Object.getPrototypeOf(unit)), unit, { conv1: w });
        return tf.sum(tf.mul(maskedResidualUnit(unitW, x, mask), weights));
      })([unit.conv1]);
      const [r1] = tf.grads((w: tf.Tensor) => {
        const unitW = Object.assign(Object.create(Object.getPrototypeOf(unit)), unit, { conv1: w });
        return tf.sum(
          tf.mul(
            tf.add(x, tf.mul(residualBranch(unitW, x, false), tf.expandDims(tf.cast(mask, 'float32'), 3))),
            weights,
          ),
        );
      })([unit.conv1]);
      expectClose(w1!, r1!, { rtol: 1e-3, atol: 1e-3 });
    });
  });

  it('all active is the dense unit, none active a copy', () => {
    tf.tidy(() => {
      const x = randomNormal([2, 5, 5, 6], 12);
      expectClose(maskedResidualUnit(unit, x, tf.ones([2, 5, 5])), residualUnit(unit, x), { rtol: 0, atol: 0 });
      expectClose(maskedResidualUnit(unit, x, tf.zeros([2, 5, 5])), x, { rtol: 0, atol: 0 });
    });
  });

  it('leaks nothing (gradients and errors included) and rejects strided units and bad masks', async () => {
    const x = randomNormal([1, 6, 6, 6], 13);
    const mask = tf.tensor3d([
      [
        [1, 0, 0, 0, 0, 1],
        [0, 0, 0, 0, 0, 0],
        [0, 0, 1, 0, 0, 0],
        [0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 1],
      ],
    ]);
    await expectNoLeaks(() => maskedResidualUnit(unit, x, mask, { training: true }));
    await expectNoLeaks(() => tf.grad((v) => tf.sum(maskedResidualUnit(unit, v, mask)))(x));
    const strided = createResidualUnit(6, 8, 2, 1);
    const wrong = tf.ones([1, 5, 6]);
    await expectNoLeaks(() => {
      expect(() => maskedResidualUnit(strided, x, mask)).toThrow(
        /maskedResidualUnit: argument 'unit' must keep the shape/,
      );
      expect(() => maskedResidualUnit(unit, x, wrong)).toThrow(/maskedResidualUnit: argument 'active'/);
      expect(() => maskedResidualUnit(unit, x, mask, { train: true } as never)).toThrow(
        /maskedResidualUnit: unknown option 'train'/,
      );
    });
    tf.dispose([x, mask, wrong, ...residualUnitVariables(strided)]);
  });
});
