import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { denseMatrix, denseTensor } from '../../test/dense-reference.js';
import { element, randomBatch, randomCores, randomTT, randomTTMatrix } from '../../test/random-tt.js';
import { full } from '../ops/full.js';
import { TensorTrain } from '../tensor-train.js';
import type { TensorTrainBase } from '../tensor-train-base.js';
import type { TensorTrainBatch } from '../tensor-train-batch.js';
import { orthogonalize } from './orthogonalize.js';

/** Unfolding of core k (batched cores: [B, ...]) as [B, r_{k−1}·n_k, r_k] (left) or [B, r_{k−1}, n_k·r_k] (right). */
function unfolding(tt: TensorTrainBase, batch: number, k: number, left: boolean): tf.Tensor {
  const core = tt.cores[k]!;
  return left ? tf.reshape(core, [batch, -1, tt.ranks[k + 1]!]) : tf.reshape(core, [batch, tt.ranks[k]!, -1]);
}

/** Asserts L_kᵀL_k = I for k < d (left) or R_kR_kᵀ = I for k > 1 (right). */
function expectOrthonormal(tt: TensorTrainBase, batch: number, leftToRight: boolean): void {
  const d = tt.ndims;
  for (let k = leftToRight ? 0 : 1; k < (leftToRight ? d - 1 : d); k++) {
    const u = unfolding(tt, batch, k, leftToRight);
    const gram = leftToRight ? tf.matMul(tf.transpose(u, [0, 2, 1]), u) : tf.matMul(u, tf.transpose(u, [0, 2, 1]));
    const size = gram.shape[1]!;
    expectClose(gram, tf.tile(tf.expandDims(tf.eye(size), 0), [batch, 1, 1]), { rtol: 1e-5, atol: 2e-6 });
  }
}

describeBackends(
  'orthogonalize',
  () => {
    describe('orthogonalize', () => {
      it.each([
        // sizes, ranks, left-to-right ranks, right-to-left ranks
        [[5], [1, 1], [1, 1], [1, 1]],
        [
          [2, 3, 4],
          [1, 5, 5, 1],
          [1, 2, 5, 1],
          [1, 5, 4, 1],
        ],
        [
          [3, 4, 2, 3],
          [1, 2, 7, 3, 1],
          [1, 2, 7, 3, 1],
          [1, 2, 6, 3, 1],
        ],
        [
          [4, 4, 4, 4],
          [1, 3, 2, 4, 1],
          [1, 3, 2, 4, 1],
          [1, 3, 2, 4, 1],
        ],
      ])('TT-tensor %j with ranks %j: same tensor, orthonormal cores, ranks %j / %j', (sizes, ranks, ltr, rtl) => {
        const tt = randomTT(sizes, ranks, 1);
        const expected = denseTensor(tt.cores);
        for (const [leftToRight, newRanks] of [
          [true, ltr],
          [false, rtl],
        ] as const) {
          const result = orthogonalize(tt, { leftToRight });
          expect(result).toBeInstanceOf(TensorTrain);
          expect(result.ranks).toEqual(newRanks);
          expectClose(full(result), expected, { rtol: 1e-4, atol: 1e-5 });
          expectOrthonormal(result, 1, leftToRight);
        }
        expect(orthogonalize(tt).ranks).toEqual(ltr); // the default is left to right
      });

      it('TT-matrices, with m_k·n_k as the mode size', () => {
        const tt = randomTTMatrix([2, 3, 2], [2, 1, 3], [1, 3, 5, 1], 2);
        const expected = denseMatrix(tt.cores);
        const left = orthogonalize(tt);
        expect(left.ranks).toEqual([1, 3, 5, 1]);
        expect(left.rawShape).toEqual(tt.rawShape);
        expectClose(full(left), expected, { rtol: 1e-4, atol: 1e-5 });
        expectOrthonormal(left, 1, true);
        const right = orthogonalize(tt, { leftToRight: false });
        expect(right.ranks).toEqual([1, 3, 5, 1]);
        expectClose(full(right), expected, { rtol: 1e-4, atol: 1e-5 });
        expectOrthonormal(right, 1, false);
      });

      it.each([true, false])('batches, element by element (leftToRight = %s)', (leftToRight) => {
        const batch = randomBatch([[3], [4], [2], [3]], [1, 4, 3, 5, 1], 3, 3);
        const result = orthogonalize(batch, { leftToRight }) as TensorTrainBatch;
        expect(result.batchSize).toBe(3);
        expect(result.ranks).toEqual(leftToRight ? [1, 3, 3, 5, 1] : [1, 4, 3, 3, 1]);
        expectOrthonormal(result, 3, leftToRight);
        expectClose(full(result), full(batch), { rtol: 1e-4, atol: 1e-5 });
        const single = orthogonalize(element(batch, 1), { leftToRight });
        expectClose(full(element(result, 1)), full(single), { rtol: 1e-4, atol: 1e-5 });
      });

      it('batches of TT-matrices and d = 1 batches', () => {
        const batch = randomBatch(
          [
            [2, 2],
            [3, 1],
          ],
          [1, 3, 1],
          2,
          4,
        );
        const result = orthogonalize(batch, { leftToRight: false });
        expect(result.ranks).toEqual([1, 3, 1]);
        expectClose(full(result), full(batch), { rtol: 1e-4, atol: 1e-5 });
        expectOrthonormal(result, 2, false);
        const one = randomBatch([[4]], [1, 1], 2, 5);
        const copy = orthogonalize(one);
        expect(copy.cores[0]).not.toBe(one.cores[0]);
        expectClose(copy.cores[0]!, one.cores[0]!);
      });

      it('makes the norm the norm of the last (first) core', () => {
        const tt = randomTT([3, 4, 5], [1, 3, 4, 1], 6);
        const norm = tf.norm(full(tt));
        expectClose(tf.norm(orthogonalize(tt).cores[2]!), norm, { rtol: 1e-5 });
        expectClose(tf.norm(orthogonalize(tt, { leftToRight: false }).cores[0]!), norm, { rtol: 1e-5 });
      });

      it('handles zero cores without NaN', () => {
        const tt = new TensorTrain([tf.zeros([1, 2, 3]), tf.ones([3, 2, 2]), tf.ones([2, 2, 1])]);
        for (const leftToRight of [true, false]) {
          const result = orthogonalize(tt, { leftToRight });
          expectClose(full(result), 0);
        }
      });

      it('is not differentiable (QR), and says so', () => {
        const cores = randomCores([[2], [3]], [1, 2, 1], 7);
        expect(() => tf.grad((c) => tf.sum(full(orthogonalize(new TensorTrain([c, cores[1]!])))))(cores[0]!)).toThrow(
          'qr: not differentiable',
        );
      });

      it('rejects bad arguments, naming them', () => {
        expect(() => orthogonalize(tf.ones([2, 2]) as never)).toThrow(
          "orthogonalize: argument 'tt' must be a TensorTrain or TensorTrainBatch, got Tensor",
        );
        const tt = randomTT([2, 3], [1, 2, 1], 8);
        expect(() => orthogonalize(tt, { leftToRight: 'yes' as never })).toThrow(
          "orthogonalize: argument 'leftToRight' must be a boolean, got yes",
        );
        tt.dispose();
        expect(() => orthogonalize(tt)).toThrow("orthogonalize: argument 'tt' has disposed cores");
      });

      it('rejects unknown options and non-finite cores instead of returning NaN everywhere', async () => {
        const tt = randomTT([2, 3, 2], [1, 2, 2, 1], 11);
        // Before: {lefttoright: false} was ignored and the sweep ran left to right.
        expect(() => orthogonalize(tt, { lefttoright: false } as never)).toThrow(
          "orthogonalize: unknown option 'lefttoright' (did you mean 'leftToRight'?); valid options: leftToRight",
        );
        // Before: one Infinity in the first core gave NaN in every core of the result.
        const poisoned = new TensorTrain([
          tf.tensor3d([1, Number.POSITIVE_INFINITY, 2, 3], [1, 2, 2]),
          ...tt.cores.slice(1),
        ]);
        for (const leftToRight of [true, false]) {
          expect(() => orthogonalize(poisoned, { leftToRight })).toThrow(
            "orthogonalize: argument 'tt' has a non-finite entry Infinity in core 0 at [0,0,1]",
          );
        }
        await expectNoLeaks(() => {
          expect(() => orthogonalize(poisoned)).toThrow('non-finite');
        });
      });

      it('leaks nothing and does not share tensors with its argument', async () => {
        const tt = randomTT([2, 3, 4], [1, 2, 3, 1], 9);
        const batch = randomBatch([[2], [3], [4]], [1, 2, 3, 1], 2, 10);
        await expectNoLeaks(() => orthogonalize(tt));
        await expectNoLeaks(() => orthogonalize(tt, { leftToRight: false }));
        await expectNoLeaks(() => orthogonalize(batch, { leftToRight: false }));
        const result = orthogonalize(tt);
        result.dispose();
        expect(tt.cores.every((core) => !core.isDisposed)).toBe(true);
      });
    });
  },
  { backends: ['wasm'] },
);
