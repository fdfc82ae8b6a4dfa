import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import { batchElement, frobeniusNormSquared, full, randomMatrix, randomTensorBatch } from '@proj/tt';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { expectNear, point, scalar } from '../../test/helpers.js';
import { project } from '../project/project.js';
import { TangentVector } from '../tangent-vector.js';
import { deltasToTangentSpace } from './deltas-to-tangent-space.js';
import { tangentSpace } from './tangent-space.js';
import { tangentSpaceToDeltas } from './tangent-space-to-deltas.js';

/** Σ_k ‖δ_k‖² per element ([B] or a number). */
const squaredNorms = (deltas: tf.Tensor[], batched: boolean) =>
  tf.addN(
    deltas.map((delta) => tf.sum(tf.square(delta), batched ? delta.shape.slice(1).map((_, i) => i + 1) : undefined)),
  );

describeBackends('tangentSpaceToDeltas and deltasToTangentSpace', () => {
  const shape = [4, 5, 5, 4];

  it('read blocks of uneven ranks [1,4,5,4,1] that satisfy the gauge and ‖dX‖² = Σ‖dU_k‖² (T3F #193)', () => {
    tf.tidy(() => {
      const x = point(shape, [1, 4, 5, 4, 1], 1);
      const v = project(point(shape, 3, 2), x);
      const deltas = tangentSpaceToDeltas(v);
      expect(deltas.map((delta) => delta.shape)).toEqual([
        [1, 4, 4],
        [4, 5, 5],
        [5, 5, 4],
        [4, 4, 1],
      ]);
      // U_kᵀ·dU_k = 0 (k < d), to float32 accuracy relative to the largest block entry (dU_1 itself is 0:
      // r_1 = n_1 = 4 makes U_1 square, so its complement is empty).
      const scale = Math.max(...deltas.map((delta) => scalar(tf.max(tf.abs(delta)))));
      for (let k = 0; k < 3; k++) {
        const u = tf.reshape(v.space.left.cores[k]!, [-1, v.space.ranks[k + 1]!]);
        const du = tf.reshape(deltas[k]!, [-1, v.space.ranks[k + 1]!]);
        expectClose(tf.matMul(u, du, true, false), 0, { atol: 1e-5 * scale });
      }
      const dense = full(v.tt);
      expectNear(squaredNorms(deltas, false), tf.sum(tf.square(dense)));
      expectNear(squaredNorms(deltas, false), frobeniusNormSquared(v.tt));
    });
  });

  it('round-trip: deltasToTangentSpace(tangentSpaceToDeltas(v)) = v, for single vectors and batches', () => {
    tf.tidy(() => {
      const x = point(shape, [1, 4, 5, 4, 1], 3);
      const space = tangentSpace(x);
      const single = project(point(shape, 2, 4), space);
      const back = deltasToTangentSpace(tangentSpaceToDeltas(single), x);
      expect(back.point).toBe(x);
      expectNear(full(back.tt), full(single.tt));
      const batch = project(randomTensorBatch(shape, { seed: 5, ttRank: 2, batchSize: 3 }), space);
      const deltas = tangentSpaceToDeltas(batch);
      expect(deltas[1]!.shape).toEqual([3, 4, 5, 5]);
      const rebuilt = deltasToTangentSpace(deltas, space);
      expect(rebuilt.batchSize).toBe(3);
      expectNear(full(rebuilt.tt), full(batch.tt));
      expectNear(squaredNorms(deltas, true), frobeniusNormSquared(batch.tt));
    });
  });

  it('assembles Σ_k U_{<k}·δ_k·V_{>k} for arbitrary blocks: one block at a time gives the dense product', () => {
    tf.tidy(() => {
      const x = point([3, 4, 3], [1, 2, 3, 1], 6);
      const space = tangentSpace(x);
      const [u1, u2] = space.left.cores as [tf.Tensor, tf.Tensor];
      const [, v2, v3] = space.right.cores as [tf.Tensor, tf.Tensor, tf.Tensor];
      const middle = tf.randomNormal([2, 4, 3], 0, 1, 'float32', 7);
      const zeros = space.left.cores.map((core) => tf.zerosLike(core));
      const v = deltasToTangentSpace([zeros[0]!, middle, zeros[2]!], space);
      // U_1·δ_2·V_3: (3 × 2)·(2 × (4·3))·(3 × 3) in the unfoldings.
      const expected = tf.matMul(
        tf.reshape(tf.matMul(tf.reshape(u1, [3, 2]), tf.reshape(middle, [2, 12])), [12, 3]),
        tf.reshape(v3, [3, 3]),
      );
      expectNear(tf.reshape(full(v.tt), [-1]), tf.reshape(expected, [-1]));
      expect(v2.shape).toEqual([2, 4, 3]);
      expect(u2.shape).toEqual([2, 4, 3]);
    });
  });

  it('handles TT-matrices, and frees every intermediate', async () => {
    const x = randomMatrix(
      [
        [2, 3, 2],
        [2, 2, 3],
      ],
      { seed: 8, ttRank: [1, 3, 2, 1] },
    );
    const v = project(
      randomMatrix(
        [
          [2, 3, 2],
          [2, 2, 3],
        ],
        { seed: 9, ttRank: 2 },
      ),
      x,
    );
    const deltas = tangentSpaceToDeltas(v);
    expect(deltas.map((delta) => delta.shape)).toEqual([
      [1, 2, 2, 3],
      [3, 3, 2, 2],
      [2, 2, 3, 1],
    ]);
    await expectNoLeaks(() => tangentSpaceToDeltas(v));
    await expectNoLeaks(() => deltasToTangentSpace(deltas, x));
    expect(
      tf.tidy(() => scalar(tf.max(tf.abs(tf.sub(full(deltasToTangentSpace(deltas, x).tt), full(v.tt)))))),
    ).toBeLessThan(1e-4 * tf.tidy(() => scalar(tf.max(tf.abs(full(v.tt))))));
    tf.dispose([...x.cores, ...deltas]);
    v.dispose();
  });

  it('rejects wrong counts, shapes and arguments', () => {
    tf.tidy(() => {
      const x = point([3, 4, 5], [1, 2, 3, 1], 10);
      const deltas = tangentSpaceToDeltas(project(point([3, 4, 5], 2, 11), x));
      expect(() => deltasToTangentSpace(deltas.slice(0, 2), x)).toThrow(
        "deltasToTangentSpace: argument 'deltas' must be an array of d = 3 tensors, one per core",
      );
      expect(() => deltasToTangentSpace([deltas[0]!, tf.zeros([3, 4, 2]), deltas[2]!], x)).toThrow(
        "deltasToTangentSpace: deltas[1] must have shape [2,4,3] (r_1, modes, r_2 of the tangent space's ranks [1,2,3,1]), got [3,4,2]",
      );
      expect(() => deltasToTangentSpace([deltas[0]!, 'x' as never, deltas[2]!], x)).toThrow(
        'deltasToTangentSpace: deltas[1] must be a live float32 tensor',
      );
      expect(() => tangentSpaceToDeltas(x as never)).toThrow(
        "tangentSpaceToDeltas: argument 'vector' must be a TangentVector, got TensorTrain (a plain TT object; project it first, or build one with deltasToTangentSpace)",
      );
      const v = project(batchElement(randomTensorBatch([3, 4, 5], { seed: 12, batchSize: 1 }), 0), x);
      v.dispose();
      expect(() => tangentSpaceToDeltas(v)).toThrow(
        "tangentSpaceToDeltas: argument 'vector' is a disposed TangentVector",
      );
      expect(() => new TangentVector(x, tangentSpace(x))).toThrow(
        "TangentVector: argument 'tt' must have TT-ranks [1,4,6,1] (twice the point's [1,2,3,1]), got [1,2,3,1]",
      );
    });
  });
});
