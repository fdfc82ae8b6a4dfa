import { randomNormal } from '@proj/core';
import { expectClose, expectMeanWithin, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { geometricLogPrior } from './geometric-log-prior.js';
import { relaxedHalting } from './relaxed-halting.js';
import { stickBreaking } from './stick-breaking.js';

describeBackends('PACT halting', () => {
  it('stickBreaking: p_n = z_n Π_{i<n}(1 − z_i), rows sum to 1, one-hot at the first z = 1 for binary z', () => {
    tf.tidy(() => {
      const z = tf.tensor2d([
        [0.2, 0.5, 0.25],
        [0, 1, 0],
        [0, 0, 0],
        [1, 1, 1],
      ]);
      expectClose(
        stickBreaking(z),
        [
          [0.2, 0.4, 0.1, 0.3],
          [0, 1, 0, 0],
          [0, 0, 0, 1],
          [1, 0, 0, 0],
        ],
        { atol: 1e-7 },
      );
      // ∂p_1/∂z_1 = 1, ∂p_2/∂z_1 = −z_2, ∂p_4/∂z_1 = −(1 − z_2)(1 − z_3).
      const g = tf.grad((v) => tf.sum(tf.mul(stickBreaking(v), tf.tensor1d([1, 2, 0, 5]))))(
        tf.tensor1d([0.2, 0.5, 0.25]),
      );
      expectClose(tf.slice(g, 0, 1), [1 - 2 * 0.5 - 5 * 0.5 * 0.75], { rtol: 1e-6 });
      // One halting variable (L = 2): p = [z, 1 − z], ∂(p_1 + 3·p_2)/∂z = 1 − 3 (tfjs's Unpack gradient fails on one output).
      const single = tf.grad((v) => tf.sum(tf.mul(stickBreaking(v), tf.tensor1d([1, 3]))))(tf.tensor2d([[0.3], [0.6]]));
      expectClose(single, [[-2], [-2]], { rtol: 1e-6 });
    });
  });

  it('relaxedHalting at zero temperature is deterministic thresholding h > 0.5', () => {
    tf.tidy(() => {
      const logits = tf.tensor1d([-2, -1e-3, 1e-3, 3]);
      expectClose(relaxedHalting(logits, { temperature: 0 }), [0, 0, 1, 1], { rtol: 0, atol: 0 });
      expectClose(relaxedHalting(logits, { temperature: 0, seed: 4 }), [0, 0, 1, 1], { rtol: 0, atol: 0 });
    });
  });

  it('relaxedHalting is seeded, in [0, 1], and near-binary Bernoulli(sigmoid(logit)) draws at low temperature', () => {
    tf.tidy(() => {
      const logits = tf.fill([20000], 0.8);
      const a = relaxedHalting(logits, { temperature: 0.5, seed: 3 });
      expectClose(a, relaxedHalting(logits, { temperature: 0.5, seed: 3 }), { rtol: 0, atol: 0 });
      expect(tf.min(a).dataSync()[0]).toBeGreaterThanOrEqual(0);
      expect(tf.max(a).dataSync()[0]).toBeLessThanOrEqual(1);
      const cold = relaxedHalting(logits, { temperature: 1e-3, seed: 5 });
      const binary = tf.mean(tf.cast(tf.logicalOr(tf.less(cold, 1e-3), tf.greater(cold, 1 - 1e-3)), 'float32'));
      expect(binary.dataSync()[0]).toBeGreaterThan(0.99);
      const p = 1 / (1 + Math.exp(-0.8));
      expectMeanWithin(tf.round(cold), p, Math.sqrt(p * (1 - p)));
    });
  });

  it('geometricLogPrior: Σ p_n log p(N = n) of the truncated geometric prior', () => {
    tf.tidy(() => {
      const pi = 0.3;
      const logPrior = [Math.log(0.3), Math.log(0.7 * 0.3), 2 * Math.log(0.7)];
      const p = tf.tensor2d([
        [1, 0, 0],
        [0.2, 0.3, 0.5],
      ]);
      expectClose(
        geometricLogPrior(p, pi),
        [logPrior[0]!, 0.2 * logPrior[0]! + 0.3 * logPrior[1]! + 0.5 * logPrior[2]!],
        {
          rtol: 1e-6,
        },
      );
      // The prior probabilities sum to 1 over N.
      expect(logPrior.reduce((s, l) => s + Math.exp(l), 0)).toBeCloseTo(1, 12);
    });
  });

  it('leaks nothing and rejects bad arguments', async () => {
    const logits = randomNormal([3, 2], 1);
    await expectNoLeaks(() => relaxedHalting(logits, { seed: 1 }));
    await expectNoLeaks(() => stickBreaking(logits));
    await expectNoLeaks(() =>
      tf.grad((l) => tf.sum(geometricLogPrior(stickBreaking(relaxedHalting(l, { seed: 2 })), 0.5)))(logits),
    );
    await expectNoLeaks(() => {
      expect(() => relaxedHalting(logits)).toThrow(/relaxedHalting: argument 'options.seed' is required/);
      expect(() => relaxedHalting(logits, { temperature: -1, seed: 1 })).toThrow(
        /relaxedHalting: argument 'options.temperature'/,
      );
      expect(() => geometricLogPrior(logits, 1)).toThrow(/geometricLogPrior: argument 'haltProbability'/);
      expect(() => stickBreaking('z' as never)).toThrow(/stickBreaking: argument 'z'/);
    });
    logits.dispose();
  });
});
