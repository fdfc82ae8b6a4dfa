import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { taylorExpansion } from './taylor-expansion.js';

describeBackends(
  'taylorExpansion',
  () => {
    describe('taylorExpansion', () => {
      it('exp(−kx²): value, gradient −2kx·f and Hessian (4k²x² − 2k)·f, where tfjs’s own second derivative is wrong', () => {
        const k = 1.5;
        const xs = [0.3, -1.1, 2];
        const cost = (x: tf.Tensor) => tf.sum(tf.exp(tf.mul(-k, tf.square(x))), 1);
        const { value, gradient, hessianDiagonal } = taylorExpansion(cost, tf.tensor1d(xs));
        const f = xs.map((x) => Math.exp(-k * x * x));
        expectClose(
          value,
          f.reduce((a, b) => a + b, 0),
          { rtol: 1e-6 },
        );
        expectClose(
          gradient,
          xs.map((x, i) => -2 * k * x * f[i]!),
          { rtol: 1e-5, atol: 1e-7 },
        );
        // Central differences with h = 1e-2·max(1, |x|): relative error O(h²) plus float32 rounding / h.
        expectClose(
          hessianDiagonal,
          xs.map((x, i) => (4 * k * k * x * x - 2 * k) * f[i]!),
          { rtol: 1e-3, atol: 1e-4 },
        );
      });

      it('is exact (to rounding) for a quadratic with a diagonal Hessian, on a [2, 2] point', () => {
        const weights = tf.tensor2d([
          [1, -2],
          [0.5, 3],
        ]);
        const cost = (x: tf.Tensor) => tf.sum(tf.mul(weights, tf.square(tf.sub(x, 1))), [1, 2]);
        const center = tf.tensor2d([
          [0, 2],
          [-1, 4],
        ]);
        const { value, gradient, hessianDiagonal } = taylorExpansion(cost, center);
        expectClose(value, 1 - 2 + 0.5 * 4 + 3 * 9, { rtol: 1e-6 });
        expectClose(
          gradient,
          [
            [-2, -4],
            [-2, 18],
          ],
          { rtol: 1e-5 },
        );
        expectClose(
          hessianDiagonal,
          [
            [2, -4],
            [1, 6],
          ],
          { rtol: 1e-3 },
        );
      });

      it('leaks nothing and rejects a bad step or a cost of the wrong shape', async () => {
        const center = tf.tensor1d([1, 2]);
        await expectNoLeaks(() => taylorExpansion((x) => tf.sum(tf.cos(x), 1), center));
        expect(() => taylorExpansion((x) => tf.sum(x, 1), center, { step: 0 })).toThrow(
          "taylorExpansion: argument 'step' must be positive, got 0",
        );
        expect(() => taylorExpansion((x) => x, center)).toThrow(
          "taylorExpansion: argument 'cost' must map samples of shape [1,2] to per-sample costs [1], got shape [1,2]",
        );
      });
    });
  },
  { backends: ['cpu'] },
);
