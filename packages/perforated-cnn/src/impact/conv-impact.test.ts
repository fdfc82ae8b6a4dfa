import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { convImpact } from './conv-impact.js';

const [N, H, W, C] = [3, 3, 4, 2];
const size = N * H * W * C;
/** Deterministic test values in [−1, 1]. */
const values = (n: number, phase: number) => Array.from({ length: n }, (_, i) => Math.sin(1.7 * i + phase));
const v = values(size, 0.3);
const head = values(H * W * C, 1.1);

/** The head in float64 JS: L(V) = Σ_n softplus(Σ_{p,c} A[p,c] · tanh(V[n,p,c])). */
function lossJs(x: readonly number[]): number {
  let total = 0;
  for (let n = 0; n < N; n++) {
    let s = 0;
    for (let j = 0; j < H * W * C; j++) s += head[j]! * Math.tanh(x[n * H * W * C + j]!);
    total += Math.log1p(Math.exp(s));
  }
  return total;
}

/** The same head in tfjs. */
const lossTf = (x: tf.Tensor4D): tf.Scalar =>
  tf.sum(tf.softplus(tf.sum(tf.mul(tf.tanh(tf.reshape(x, [N, H * W * C])), tf.tensor1d(head)), 1)));

describeBackends('convImpact', () => {
  it('equals mean_n Σ_c |A·V| for a linear head L = Σ A·V (closed form)', () => {
    tf.tidy(() => {
      const x = tf.tensor4d(v, [N, H, W, C]);
      const impact = convImpact(x, (y) => tf.sum(tf.mul(y, tf.tensor3d(head, [H, W, C]))));
      const expected = Array.from({ length: H * W }, (_, p) => {
        let s = 0;
        for (let n = 0; n < N; n++)
          for (let c = 0; c < C; c++) s += Math.abs(head[p * C + c]! * v[(n * H * W + p) * C + c]!);
        return s / N;
      });
      expect(impact).toBeInstanceOf(Float32Array);
      expect(impact.length).toBe(H * W);
      expectClose(impact, expected, { rtol: 1e-5 });
    });
  });

  it('agrees with finite differences of the loss as each value is scaled towards 0 (float64 JS head)', () => {
    // d/dt L(V with V[n,p,c] scaled by 1 + t) at t = 0 is ∂L/∂V · V: the first-order loss change of zeroing it.
    const h = 1e-5;
    const expected = Array.from({ length: H * W }, (_, p) => {
      let s = 0;
      for (let n = 0; n < N; n++) {
        for (let c = 0; c < C; c++) {
          const j = (n * H * W + p) * C + c;
          const plus = v.slice();
          const minus = v.slice();
          plus[j] = v[j]! * (1 + h);
          minus[j] = v[j]! * (1 - h);
          s += Math.abs((lossJs(plus) - lossJs(minus)) / (2 * h));
        }
      }
      return s / N;
    });
    const impact = tf.tidy(() => convImpact(tf.tensor4d(v, [N, H, W, C]), lossTf));
    expectClose(impact, expected, { rtol: 1e-4, atol: 1e-6 });
  });

  it('is memory-neutral, also when the loss throws or returns a non-scalar', async () => {
    const x = tf.tensor4d(v, [N, H, W, C]);
    try {
      await expectNoLeaks(() => convImpact(x, lossTf));
      await expectNoLeaks(() => {
        expect(() =>
          convImpact(x, (y) => {
            tf.mul(y, 2);
            throw new Error('head failed');
          }),
        ).toThrow(/head failed/);
      });
      await expectNoLeaks(() => {
        expect(() => convImpact(x, (y) => tf.sum(y, 3) as never)).toThrow(
          /convImpact: argument 'loss' must return a scalar/,
        );
      });
    } finally {
      x.dispose();
    }
  });

  it('rejects bad input', () => {
    tf.tidy(() => {
      expect(() => convImpact(tf.zeros([2, 3]) as never, lossTf)).toThrow(/convImpact: argument 'convOutput'/);
      expect(() => convImpact(tf.zeros([1, 2, 2, 1], 'int32') as never, lossTf)).toThrow(
        /convImpact: argument 'convOutput'/,
      );
      expect(() => convImpact(tf.zeros([1, 2, 2, 1]), 'sum' as never)).toThrow(/convImpact: argument 'loss'/);
    });
  });
});
