import { expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import {
  add,
  full,
  pairwiseFlatInner,
  randomMatrix,
  randomMatrixBatch,
  randomTensorBatch,
  round,
  subtract,
  TensorTrainBatch,
} from '@proj/tt';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { expectNear, point, scalar } from '../../test/helpers.js';
import { project } from '../project/project.js';
import { addNProjected } from './add-n-projected.js';
import { pairwiseFlatInnerProjected } from './pairwise-flat-inner-projected.js';
import { retract } from './retract.js';
import { tangentSpace } from './tangent-space.js';

describeBackends('addNProjected, pairwiseFlatInnerProjected, retract', () => {
  const shape = [3, 4, 5, 3];

  it('addNProjected sums blocks without rank growth: Σ c_i·v_i', () => {
    tf.tidy(() => {
      const x = point(shape, [1, 3, 4, 2, 1], 1);
      const space = tangentSpace(x);
      const vs = [2, 3, 4].map((seed) => project(point(shape, 2, seed), space));
      const sum = addNProjected(vs, [1.5, -2, 0.5]);
      expect(sum.tt.ranks).toEqual(vs[0]!.tt.ranks);
      expect(sum.point).toBe(x);
      const expected = tf.addN(vs.map((v, i) => tf.mul([1.5, -2, 0.5][i]!, full(v.tt))));
      expectNear(full(sum.tt), expected);
      expectNear(full(addNProjected(vs).tt), tf.addN(vs.map((v) => full(v.tt))));
    });
  });

  it('addNProjected with batches and a coefficient matrix [L, B]', () => {
    tf.tidy(() => {
      const x = point(shape, 2, 5);
      const a = project(randomTensorBatch(shape, { seed: 6, ttRank: 2, batchSize: 3 }), x);
      const b = project(randomTensorBatch(shape, { seed: 7, ttRank: 3, batchSize: 3 }), x);
      const coef = [
        [1, 2, 3],
        [-1, 0, 0.5],
      ];
      const sum = addNProjected([a, b], coef);
      expect(sum.tt).toBeInstanceOf(TensorTrainBatch);
      const expected = tf.add(
        tf.mul(full(a.tt), tf.reshape(tf.tensor1d(coef[0]!), [3, 1, 1, 1, 1])),
        tf.mul(full(b.tt), tf.reshape(tf.tensor1d(coef[1]!), [3, 1, 1, 1, 1])),
      );
      expectNear(full(sum.tt), expected);
    });
  });

  it('addNProjected of TT-matrix batches (6-dimensional stacks of blocks)', () => {
    tf.tidy(() => {
      const raw: [number[], number[]] = [
        [2, 3, 2],
        [3, 2, 2],
      ];
      const x = randomMatrix(raw, { seed: 21, ttRank: 2 });
      const a = project(randomMatrixBatch(raw, { seed: 22, ttRank: 2, batchSize: 2 }), x);
      const b = project(randomMatrixBatch(raw, { seed: 23, ttRank: 3, batchSize: 2 }), x);
      const sum = addNProjected(
        [a, b],
        [
          [2, -1],
          [0.5, 3],
        ],
      );
      const scale = (v: tf.Tensor, c: number[]) => tf.mul(v, tf.reshape(tf.tensor1d(c), [2, 1, 1]));
      expectNear(full(sum.tt), tf.add(scale(full(a.tt), [2, -1]), scale(full(b.tt), [0.5, 3])));
    });
  });

  it('pairwiseFlatInnerProjected equals pairwiseFlatInner of the vectors (gauge blocks only)', () => {
    tf.tidy(() => {
      const x = point(shape, [1, 3, 4, 2, 1], 8);
      const space = tangentSpace(x);
      const a = project(randomTensorBatch(shape, { seed: 9, ttRank: 2, batchSize: 3 }), space);
      const b = project(randomTensorBatch(shape, { seed: 10, ttRank: 3, batchSize: 2 }), space);
      const gram = pairwiseFlatInnerProjected(a, b);
      expect(gram.shape).toEqual([3, 2]);
      expectNear(gram, pairwiseFlatInner(a.tt as TensorTrainBatch, b.tt as TensorTrainBatch));
      const single = project(point(shape, 2, 11), space);
      expectNear(pairwiseFlatInnerProjected(single, single), tf.reshape(tf.sum(tf.square(full(single.tt))), [1, 1]));
    });
  });

  it('retract(v, t) = round(X + t·v) back to X’s ranks, and retract(v, 0) = X', () => {
    tf.tidy(() => {
      const x = point(shape, [1, 3, 4, 2, 1], 12);
      const v = project(point(shape, 3, 13), x);
      const step = retract(v, -0.3);
      expect(step.ranks).toEqual([1, 3, 4, 2, 1]);
      const reference = round(subtract(x, multiplyTT(v.tt, 0.3)), { maxTTRank: [1, 3, 4, 2, 1] });
      expectNear(full(step), full(reference));
      expectNear(full(retract(v, 0)), full(x));
      // A first-order retraction: ‖R_X(t·v) − (X + t·v)‖ = O(t²).
      const gap = (t: number) => scalar(tf.norm(tf.sub(full(retract(v, t)), tf.add(full(x), tf.mul(t, full(v.tt))))));
      const ratio = gap(2e-2) / gap(1e-2);
      expect(ratio).toBeGreaterThan(3.5);
      expect(ratio).toBeLessThan(4.5);
      expect(retract(v, 1, { maxTTRank: 1 }).ranks).toEqual([1, 1, 1, 1, 1]);
    });
  });

  it('frees every intermediate', async () => {
    const x = point(shape, 2, 14);
    const vs = [15, 16].map((seed) => project(point(shape, 2, seed), x));
    await expectNoLeaks(() => addNProjected(vs, [1, 2]));
    await expectNoLeaks(() => pairwiseFlatInnerProjected(vs[0]!, vs[1]!));
    await expectNoLeaks(() => retract(vs[0]!, 0.5));
    for (const v of vs) v.dispose();
    x.dispose();
  });

  it('refuses to mix tangent vectors of different points, batch kinds or bad coefficients', () => {
    tf.tidy(() => {
      const x = point(shape, 2, 17);
      const y = point(shape, 2, 18);
      const z = point(shape, 2, 19);
      const atX = project(z, x);
      const atY = project(z, y);
      expect(() => addNProjected([atX, atY])).toThrow(
        "addNProjected: tangent vectors 'vectors[0]' and 'vectors[1]' are tangent at different points",
      );
      expect(() => pairwiseFlatInnerProjected(atX, atY)).toThrow(
        "pairwiseFlatInnerProjected: tangent vectors 'a' and 'b' are tangent at different points",
      );
      const batch = project(randomTensorBatch(shape, { seed: 20, batchSize: 2 }), x);
      expect(() => addNProjected([atX, batch])).toThrow(
        "addNProjected: 'vectors[1]' has batch size 2, but 'vectors[0]' has none (single)",
      );
      expect(() => addNProjected([atX, atX], [1, 2, 3])).toThrow(
        "addNProjected: argument 'coef' must have shape [2], got [3]",
      );
      expect(() => addNProjected([])).toThrow("addNProjected: argument 'vectors' must be a non-empty array");
      expect(() => addNProjected([add(x, x)] as never)).toThrow(
        "addNProjected: argument 'vectors[0]' must be a TangentVector",
      );
      expect(() => retract(batch, 1)).toThrow(
        "retract: argument 'vector' must be a single tangent vector, got a batch of 2",
      );
      expect(() => retract(atX, Number.NaN)).toThrow("retract: argument 'step' must be a finite number, got NaN");
      // X + t·ξ that overflows float32 cannot be rounded: a named error, not one of @proj/tt's round.
      expect(() => retract(atX, 3.4e38)).toThrow(
        'retract: X + step·vector has NaN or infinite entries (a non-finite vector, or an overflow at step 3.4e+38)',
      );
      expect(() => retract(atX, 1, { maxTTrank: 1 } as never)).toThrow(
        "retract: unknown option 'maxTTrank' (did you mean 'maxTTRank'?); valid options: maxTTRank",
      );
    });
  });
});

/** t·tt via its first core (a TT-tensor scaled by a number), independent of the package. */
function multiplyTT<T extends { cores: readonly tf.Tensor[] }>(tt: T, t: number): T {
  const [first, ...rest] = tt.cores;
  return new (tt.constructor as new (cores: tf.Tensor[]) => T)([tf.mul(first!, t), ...rest]);
}
