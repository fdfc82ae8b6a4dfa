import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { logMeanExp64, sigmoid64 } from '../test/helpers.js';
import { robustBound } from './robust-bound.js';
import { robustWeights } from './robust-weights.js';

const LOG_W = [
  [-1e4, -800, 800, -2],
  [-5, 800, -800, -3],
  [3.5, -1e4, 1e3, -1],
  [-1, -2, -3, -4],
];

/** sigmoid(logmeanexp over each group of k − log α) in float64, [S/k, B]. */
function expectedWeights(logW: number[][], logAlpha: number, k: number): number[][] {
  const objects = logW[0]!.length;
  return Array.from({ length: logW.length / k }, (_, g) =>
    Array.from({ length: objects }, (_, b) =>
      sigmoid64(logMeanExp64(logW.slice(g * k, g * k + k).map((row) => row[b]!)) - logAlpha),
    ),
  );
}

describeBackends('robustWeights', () => {
  it('equals sigmoid(logmeanexp_k(log w) − log α) per group, for extreme log weights too', () => {
    const logJoint = tf.tensor2d(LOG_W);
    const logQ = tf.fill([4, 4], -1);
    const shifted = LOG_W.map((row) => row.map((v) => v + 1));
    for (const logAlpha of [-1e4, -1e3, -2, 0, 1e3]) {
      for (const k of [1, 2, 4]) {
        const weights = robustWeights(logJoint, logQ, { logAlpha, k });
        expect(weights.shape).toEqual([4 / k, 4]);
        // float32 log w of ±1e3 is good to 3e-5 absolute, hence 1e-4 relative on the sigmoid.
        expectClose(weights, expectedWeights(shifted, logAlpha, k), { rtol: 1e-4, atol: 1e-7 });
        weights.dispose();
      }
    }
    tf.dispose([logJoint, logQ]);
  });

  it('is 1 for log α = −∞, and is the factor by which the bound scales the ELBO/IWAE gradient', () => {
    const logJoint = tf.tensor2d(LOG_W.slice(1));
    const logQ = tf.zeros([3, 4]);
    tf.tidy(() => expectClose(robustWeights(logJoint, logQ, { logAlpha: Number.NEGATIVE_INFINITY, k: 1 }), 1));
    for (const k of [1, 3]) {
      tf.tidy(() => {
        const logAlpha = -2.5;
        const robust = tf.grad((t) => tf.sum(robustBound(t, logQ, { logAlpha, k })))(logJoint);
        const plain = tf.grad((t) => tf.sum(robustBound(t, logQ, { logAlpha: Number.NEGATIVE_INFINITY, k })))(logJoint);
        // Each sample's gradient is its group's weight times the plain one.
        const weights = tf.reshape(
          tf.tile(tf.expandDims(robustWeights(logJoint, logQ, { logAlpha, k, form: 'loose' }), 1), [1, k, 1]),
          [3, 4],
        );
        expectClose(robust, tf.mul(weights, plain), { rtol: 1e-5, atol: 1e-7 });
      });
    }
    tf.dispose([logJoint, logQ]);
  });

  it('leaves no tensor behind, also on errors', async () => {
    const logJoint = tf.tensor2d([[-1, -2]]);
    const logQ = tf.zeros([1, 2]);
    await expectNoLeaks(() => robustWeights(logJoint, logQ, { logAlpha: -1 }));
    await expectNoLeaks(() => robustWeights(logJoint, logQ, { logAlpha: Number.NEGATIVE_INFINITY }));
    const transposed = tf.zeros([2, 1]);
    const before = tf.memory().numTensors;
    expect(() => robustWeights(logJoint, transposed, { logAlpha: 0 })).toThrow(/robustWeights: arguments 'logJoint'/);
    expect(() => robustWeights(logJoint, logQ, { logAlpha: 0, k: 2 })).toThrow(/robustWeights: option 'k'/);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([logJoint, logQ, transposed]);
  });
});
