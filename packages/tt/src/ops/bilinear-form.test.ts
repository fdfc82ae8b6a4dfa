import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { batchOf, single, tt } from '../../test/algebra-helpers.js';
import { TensorTrain } from '../tensor-train.js';
import { TensorTrainBatch } from '../tensor-train-batch.js';
import { bilinearForm } from './bilinear-form.js';
import { bilinearFormTwoMat } from './bilinear-form-two-mat.js';
import { full } from './full.js';

// Sums of up to ~100 products of N(0, 1) entries: relative float32 error ~1e-6 of the largest partial sum.
const close = { rtol: 1e-4, atol: 1e-4 };

const matrixModes = (m: number[], n: number[]) => m.map((mk, k) => [mk, n[k]!]);
const column = (m: number[]) => m.map((mk) => [mk, 1]);
const row = (m: number[]) => m.map((mk) => [1, mk]);
const ranksOf = (d: number, r: number) => Array.from({ length: d + 1 }, (_, k) => (k === 0 || k === d ? 1 : r));
/** Dense column vectors of a TT-vector or batch: [N, 1] or [B, N, 1]. */
const vec = (x: TensorTrain | TensorTrainBatch) => {
  const dense = full(x);
  return x instanceof TensorTrainBatch ? tf.reshape(dense, [x.batchSize, -1, 1]) : tf.reshape(dense, [-1, 1]);
};
/** Dense xᵀ·M·y for single or batched (broadcast) operands, as a [B] or scalar tensor. */
const denseForm = (x: tf.Tensor, matrices: tf.Tensor[], y: tf.Tensor, batch: number | undefined) => {
  const lift = (t: tf.Tensor) =>
    batch === undefined || t.rank === 3 ? t : tf.tile(tf.expandDims(t, 0), [batch, 1, 1]);
  const xt = batch === undefined ? tf.transpose(x) : tf.transpose(lift(x), [0, 2, 1]);
  const value = matrices.reduce((acc, m) => tf.matMul(acc, lift(m)), xt);
  return tf.reshape(tf.matMul(value, lift(y)), batch === undefined ? [] : [batch]);
};

describeBackends(
  'bilinear forms',
  () => {
    describe('bilinearForm', () => {
      it.each([
        ['d = 3, uneven ranks', [2, 3, 2], [3, 2, 2], [1, 2, 3, 1], [1, 3, 2, 1], [1, 2, 2, 1]],
        ['d = 1', [4], [3], [1, 1], [1, 1], [1, 1]],
        ['d = 2, non-square', [2, 3], [4, 1], [1, 3, 1], [1, 2, 1], [1, 1, 1]],
      ])('%s: equals bᵀ·full(A)·c', (_, m, n, ranksA, ranksB, ranksC) => {
        const A = single(matrixModes(m, n), ranksA, 1);
        const b = single(column(m), ranksB, 2);
        const c = single(column(n), ranksC, 3);
        const value = bilinearForm(A, b, c);
        expect(value.shape).toEqual([]);
        expectClose(value, denseForm(vec(b), [full(A)], vec(c), undefined), close);
      });

      it.each([
        ['b batch', undefined, 3, undefined],
        ['c batch (T3F reads its batch-ness from b)', undefined, undefined, 3],
        ['b and c batches', undefined, 3, 3],
        ['A batch, b single, c batch of 1', 3, undefined, 1],
        ['all batches', 2, 2, 2],
      ])('%s: one value per element', (_, batchA, batchB, batchC) => {
        const [m, n] = [
          [2, 3],
          [3, 2],
        ];
        const A = tt(matrixModes(m, n), [1, 2, 1], 4, batchA);
        const b = tt(column(m), [1, 2, 1], 5, batchB);
        const c = tt(column(n), [1, 3, 1], 6, batchC);
        const value = bilinearForm(A, b, c);
        const size = Math.max(batchA ?? 1, batchB ?? 1, batchC ?? 1);
        expect(value.shape).toEqual([size]);
        expectClose(value, denseForm(vec(b), [full(A)], vec(c), size), close);
      });

      it('uses row vectors as their transposes', () => {
        const A = single(matrixModes([2, 3], [3, 2]), [1, 2, 1], 7);
        const [bRow, cRow] = [single(row([2, 3]), [1, 2, 1], 8), single(row([3, 2]), [1, 2, 1], 9)];
        expectClose(bilinearForm(A, bRow, cRow), denseForm(vec(bRow), [full(A)], vec(cRow), undefined), close);
      });

      it('rejects tensors, non-vectors, mismatched modes and batch sizes', () => {
        const A = single(matrixModes([2, 3], [3, 2]), [1, 2, 1], 10);
        const [b, c] = [single(column([2, 3]), [1, 1, 1], 11), single(column([3, 2]), [1, 1, 1], 12)];
        expect(() => bilinearForm(single([[2], [3]], [1, 1, 1], 13), b, c)).toThrow(
          "bilinearForm: argument 'A' must be a TT-matrix, got a TT-tensor of shape [2,3]",
        );
        expect(() => bilinearForm(A, A, c)).toThrow(
          "bilinearForm: argument 'b' must be a TT-vector (a TT-matrix whose column or row modes are all 1), got raw shape [2,3]x[3,2]",
        );
        expect(() => bilinearForm(A, c, c)).toThrow(
          "bilinearForm: the modes [3,2] of 'b' do not match the row modes [2,3] of 'A' (raw shape [2,3]x[3,2])",
        );
        expect(() => bilinearForm(A, b, b)).toThrow(
          "bilinearForm: the modes [2,3] of 'c' do not match the column modes [3,2]",
        );
        const [b2, c3] = [batchOf(column([2, 3]), [1, 1, 1], 2, 14), batchOf(column([3, 2]), [1, 1, 1], 3, 15)];
        expect(() => bilinearForm(A, b2, c3)).toThrow(
          "bilinearForm: batch sizes 2 ('b'), 3 ('c') do not broadcast (they must be equal, or 1)",
        );
      });

      it('leaks nothing and has the gradient of the dense form in all three arguments', async () => {
        const A = single(matrixModes([2, 3], [3, 2]), [1, 2, 1], 16);
        const b = batchOf(column([2, 3]), [1, 2, 1], 2, 17);
        const c = single(column([3, 2]), [1, 3, 1], 18);
        await expectNoLeaks(() => bilinearForm(A, b, c));
        const w = tf.tensor1d([0.7, -1.3]);
        const split = (xs: tf.Tensor[]) =>
          [
            new TensorTrain(xs.slice(0, 2)),
            new TensorTrainBatch(xs.slice(2, 4)),
            new TensorTrain(xs.slice(4)),
          ] as const;
        const inputs = [...A.cores, ...b.cores, ...c.cores];
        const viaTT = tf.grads((...xs: tf.Tensor[]) => tf.sum(tf.mul(w, bilinearForm(...split(xs)))))(inputs);
        const viaDense = tf.grads((...xs: tf.Tensor[]) => {
          const [a, x, y] = split(xs);
          return tf.sum(tf.mul(w, denseForm(vec(x), [full(a)], vec(y), 2)));
        })(inputs);
        viaTT.forEach((g, i) => {
          expectClose(g, viaDense[i]!, close);
        });
      });
    });

    describe('bilinearFormTwoMat', () => {
      it.each([
        ['d = 2', [2, 3], [3, 2], [2, 2], [1, 2, 1], [1, 3, 1], [1, 2, 1], [1, 2, 1]],
        ['d = 1', [3], [2], [4], [1, 1], [1, 1], [1, 1], [1, 1]],
        [
          'd = 3, uneven ranks',
          [2, 1, 2],
          [2, 2, 1],
          [1, 2, 3],
          [1, 2, 3, 1],
          [1, 3, 1, 1],
          [1, 2, 2, 1],
          [1, 1, 2, 1],
        ],
      ])('%s: equals xᵀ·full(A)·full(B)·y', (_, m, n, l, ranksX, ranksA, ranksB, ranksY) => {
        const x = single(column(m), ranksX, 20);
        const A = single(matrixModes(m, n), ranksA, 21);
        const B = single(matrixModes(n, l), ranksB, 22);
        const y = single(column(l), ranksY, 23);
        expectClose(bilinearFormTwoMat(x, A, B, y), denseForm(vec(x), [full(A), full(B)], vec(y), undefined), close);
      });

      it('gives one value per element for batches (x batch, y single; y batch, x single)', () => {
        const [m, n, l] = [
          [2, 2],
          [3, 2],
          [2, 1],
        ];
        const A = single(matrixModes(m, n), ranksOf(2, 2), 24);
        const B = batchOf(matrixModes(n, l), ranksOf(2, 2), 3, 25);
        for (const [bx, by] of [
          [3, undefined],
          [undefined, 3],
        ] as const) {
          const x = tt(column(m), ranksOf(2, 2), 26, bx);
          const y = tt(column(l), ranksOf(2, 2), 27, by);
          expectClose(bilinearFormTwoMat(x, A, B, y), denseForm(vec(x), [full(A), full(B)], vec(y), 3), close);
        }
      });

      it('rejects modes that do not chain and names the arguments', async () => {
        const [m, n, l] = [
          [2, 2],
          [3, 2],
          [2, 1],
        ];
        const [x, A, B, y] = [
          single(column(m), ranksOf(2, 1), 28),
          single(matrixModes(m, n), ranksOf(2, 1), 29),
          single(matrixModes(n, l), ranksOf(2, 1), 30),
          single(column(l), ranksOf(2, 1), 31),
        ];
        expect(() => bilinearFormTwoMat(x, A, A, y)).toThrow(
          "bilinearFormTwoMat: the column modes [3,2] of 'A' do not match the row modes [2,2] of 'B'",
        );
        expect(() => bilinearFormTwoMat(y, A, B, y)).toThrow(
          "bilinearFormTwoMat: the modes [2,1] of 'x' do not match the row modes of 'A' [2,2]",
        );
        expect(() => bilinearFormTwoMat(x, A, B, x)).toThrow(
          "bilinearFormTwoMat: the modes [2,2] of 'y' do not match the column modes of 'B' [2,1]",
        );
        expect(() => bilinearFormTwoMat(x, x, B, y)).toThrow("bilinearFormTwoMat: the column modes [1,1] of 'A'");
        expect(() => bilinearFormTwoMat(x, single([[2], [2]], ranksOf(2, 1), 32), B, y)).toThrow(
          "bilinearFormTwoMat: argument 'A' must be a TT-matrix, got a TT-tensor of shape [2,2]",
        );
        await expectNoLeaks(() => bilinearFormTwoMat(x, A, B, y));
      });

      it('has the gradient of the dense form', () => {
        const [m, n, l] = [
          [2, 2],
          [2, 3],
          [2, 1],
        ];
        const parts = [column(m), matrixModes(m, n), matrixModes(n, l), column(l)];
        const objects = parts.map((modes, i) => single(modes, ranksOf(2, 2), 33 + i));
        const inputs = objects.flatMap((o) => [...o.cores]);
        const split = (xs: tf.Tensor[]) => [0, 1, 2, 3].map((i) => new TensorTrain(xs.slice(2 * i, 2 * i + 2)));
        const viaTT = tf.grads((...xs: tf.Tensor[]) => {
          const [x, A, B, y] = split(xs) as [TensorTrain, TensorTrain, TensorTrain, TensorTrain];
          return bilinearFormTwoMat(x, A, B, y);
        })(inputs);
        const viaDense = tf.grads((...xs: tf.Tensor[]) => {
          const [x, A, B, y] = split(xs) as [TensorTrain, TensorTrain, TensorTrain, TensorTrain];
          return denseForm(vec(x), [full(A), full(B)], vec(y), undefined);
        })(inputs);
        viaTT.forEach((g, i) => {
          expectClose(g, viaDense[i]!, close);
        });
      });
    });
  },
  { backends: ['wasm'] },
);

describeBackends('bilinear forms smoke test', () => {
  it('agree with the dense forms for batches', () => {
    const [m, n] = [
      [2, 2],
      [3, 1],
    ];
    const A = single(matrixModes(m, n), [1, 2, 1], 40);
    const b = batchOf(column(m), [1, 2, 1], 3, 41);
    const c = batchOf(column(n), [1, 2, 1], 3, 42);
    expectClose(bilinearForm(A, b, c), denseForm(vec(b), [full(A)], vec(c), 3), close);
    const B = single(matrixModes(n, m), [1, 2, 1], 43);
    expectClose(bilinearFormTwoMat(b, A, B, b), denseForm(vec(b), [full(A), full(B)], vec(b), 3), close);
  });
});
