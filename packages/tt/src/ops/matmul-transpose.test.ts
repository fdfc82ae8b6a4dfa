import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { batchOf, element, productRanks, single, tt } from '../../test/algebra-helpers.js';
import { denseMatrix } from '../../test/dense-reference.js';
import { TensorTrain } from '../tensor-train.js';
import { TensorTrainBatch } from '../tensor-train-batch.js';
import { full } from './full.js';
import { matmul } from './matmul.js';
import { transpose } from './transpose.js';

const close = { rtol: 1e-5, atol: 1e-5 };
// Products sum over up to 24 terms of N(0, 1)·N(0, 1) cores: float32 rounding is ~1e-6 of the largest partial
// sum, so entries near zero need an absolute tolerance.
const product = { rtol: 1e-4, atol: 1e-4 };

const matrixModes = (m: number[], n: number[]) => m.map((mk, k) => [mk, n[k]!]);
const denseOf = (x: TensorTrain | TensorTrainBatch) => (x instanceof TensorTrain ? tf.expandDims(full(x), 0) : full(x));

describeBackends(
  'matmul and transpose',
  () => {
    describe('matmul: TT × TT', () => {
      it.each([
        ['d = 3 square', [2, 3, 2], [3, 2, 2], [2, 2, 3], [1, 2, 3, 1], [1, 3, 2, 1]],
        ['d = 1', [3], [4], [2], [1, 1], [1, 1]],
        ['matvec (column vector)', [2, 3, 2], [2, 2, 3], [1, 1, 1], [1, 3, 2, 1], [1, 2, 2, 1]],
        ['row vector times matrix', [1, 1], [3, 2], [2, 2], [1, 2, 1], [1, 3, 1]],
      ])(
        '%s equals the dense product, with ranks rA·rB and raw shape (A rows, B cols)',
        (_, m, n, l, ranksA, ranksB) => {
          const a = single(matrixModes(m, n), ranksA, 1);
          const b = single(matrixModes(n, l), ranksB, 2);
          const c = matmul(a, b);
          expect(c).toBeInstanceOf(TensorTrain);
          expect(c.ranks).toEqual(productRanks(ranksA, ranksB));
          expect(c.rawShape).toEqual([m, l]);
          expectClose(full(c), tf.matMul(full(a), full(b)), product);
          // Independent of full: entry-by-entry products of the result's core slices against the dense product.
          expectClose(denseMatrix(c.cores), tf.matMul(full(a), full(b)), product);
        },
      );

      it.each([
        ['batch × TT', 3, undefined, 3],
        ['TT × batch', undefined, 3, 3],
        ['B × B', 2, 2, 2],
        ['1 × B', 1, 3, 3],
        ['B × 1', 3, 1, 3],
      ])('broadcasts %s', (_, batchA, batchB, expected) => {
        const [m, n, l] = [
          [2, 2],
          [3, 2],
          [2, 1],
        ];
        const a = tt(matrixModes(m, n), [1, 2, 1], 3, batchA);
        const b = tt(matrixModes(n, l), [1, 3, 1], 4, batchB);
        const c = matmul(a, b) as TensorTrainBatch;
        expect(c).toBeInstanceOf(TensorTrainBatch);
        expect(c.batchSize).toBe(expected);
        expect(c.ranks).toEqual([1, 6, 1]);
        expectClose(full(c), tf.matMul(denseOf(a), denseOf(b)), product);
      });

      it('rejects TT-tensors, mismatched inner modes and batch sizes', () => {
        const a = single(matrixModes([2, 2], [3, 2]), [1, 2, 1], 5);
        const tensor = single([[2], [2]], [1, 1, 1], 6);
        expect(() => matmul(a, tensor)).toThrow(
          "matmul: argument 'b' must be a TT-matrix, got a TT-tensor of shape [2,2]",
        );
        expect(() => matmul(tensor, a)).toThrow(
          "matmul: argument 'a' must be a TT-matrix, got a TT-tensor of shape [2,2]",
        );
        expect(() => matmul(a, single(matrixModes([2, 3], [2, 2]), [1, 1, 1], 7))).toThrow(
          "matmul: the column modes [3,2] of 'a' do not match the row modes [2,3] of 'b' (raw shapes [2,2]x[3,2] and [2,3]x[2,2])",
        );
        expect(() => matmul(a, single(matrixModes([3, 2, 1], [2, 2, 1]), [1, 1, 1, 1], 8))).toThrow(
          "matmul: the column modes [3,2] of 'a' do not match the row modes [3,2,1] of 'b'",
        );
        const [p, q] = [batchOf(matrixModes([2], [2]), [1, 1], 2, 9), batchOf(matrixModes([2], [2]), [1, 1], 3, 10)];
        expect(() => matmul(p, q)).toThrow('matmul: batch sizes 2 and 3 do not broadcast');
        expect(() => matmul(tf.ones([2, 2]), tf.ones([2, 2]) as never)).toThrow(
          'matmul: at least one argument must be a TensorTrain or TensorTrainBatch, got a tensor of shape [2,2] and a tensor of shape [2,2]',
        );
      });

      it('leaks nothing and has the gradient of the dense product', async () => {
        const a = single(matrixModes([2, 2], [2, 3]), [1, 2, 1], 11);
        const b = single(matrixModes([2, 3], [3, 1]), [1, 3, 1], 12);
        await expectNoLeaks(() => matmul(a, b));
        const batch = batchOf(matrixModes([2, 2], [2, 3]), [1, 2, 1], 2, 13);
        await expectNoLeaks(() => matmul(batch, b));
        const [bt, batchT] = [transpose(b), transpose(batch)];
        await expectNoLeaks(() => matmul(bt, batchT));
        const w = tf.randomNormal([4, 3], 0, 1, 'float32', 14);
        const loss =
          (f: (x: TensorTrain, y: TensorTrain) => tf.Tensor) =>
          (...cores: tf.Tensor[]) =>
            tf.sum(tf.mul(w, f(new TensorTrain(cores.slice(0, 2)), new TensorTrain(cores.slice(2)))));
        const inputs = [...a.cores, ...b.cores];
        const viaTT = tf.grads(loss((x, y) => full(matmul(x, y))))(inputs);
        const viaDense = tf.grads(loss((x, y) => tf.matMul(full(x), full(y))))(inputs);
        viaTT.forEach((g, i) => {
          expectClose(g, viaDense[i]!, product);
        });
      });

      it('has the gradient of the dense product for batches (batched and broadcast products)', () => {
        const a = batchOf(matrixModes([2, 2], [2, 3]), [1, 2, 1], 3, 15);
        const b = batchOf(matrixModes([2, 3], [3, 1]), [1, 3, 1], 3, 16);
        const w = tf.randomNormal([3, 4, 3], 0, 1, 'float32', 17);
        const loss =
          (f: (x: TensorTrainBatch, y: TensorTrainBatch) => tf.Tensor) =>
          (...cores: tf.Tensor[]) =>
            tf.sum(tf.mul(w, f(new TensorTrainBatch(cores.slice(0, 2)), new TensorTrainBatch(cores.slice(2)))));
        const inputs = [...a.cores, ...b.cores];
        const viaTT = tf.grads(loss((x, y) => full(matmul(x, y))))(inputs);
        const viaDense = tf.grads(loss((x, y) => tf.matMul(full(x), full(y))))(inputs);
        viaTT.forEach((g, i) => {
          expectClose(g, viaDense[i]!, product);
        });
      });
    });

    describe('matmul: TT × dense and dense × TT', () => {
      it.each([
        ['d = 3', [2, 3, 2], [3, 2, 2], [1, 2, 3, 1]],
        ['d = 1', [3], [4], [1, 1]],
        ['vector-shaped (n_k = 1)', [2, 3], [1, 1], [1, 2, 1]],
      ])('%s: full(A)·D and D·full(A) without forming A', (_, m, n, ranks) => {
        const a = single(matrixModes(m, n), ranks, 20);
        const [rows, columns] = [m.reduce((x, y) => x * y, 1), n.reduce((x, y) => x * y, 1)];
        const right = tf.randomNormal([columns, 3], 0, 1, 'float32', 21);
        const left = tf.randomNormal([4, rows], 0, 1, 'float32', 22);
        const ad = matmul(a, right);
        expect(ad.shape).toEqual([rows, 3]);
        expectClose(ad, tf.matMul(full(a), right), product);
        const da = matmul(left, a);
        expect(da.shape).toEqual([4, columns]);
        expectClose(da, tf.matMul(left, full(a)), product);
      });

      it('takes nested arrays, and batches of TT-matrices give a leading batch axis', () => {
        const a = batchOf(matrixModes([2, 2], [2, 3]), [1, 2, 1], 3, 23);
        const dense = [
          [1, 2],
          [0, -1],
          [3, 1],
          [2, 2],
          [-1, 0],
          [1, 1],
        ];
        const result = matmul(a, dense);
        expect(result.shape).toEqual([3, 4, 2]);
        expectClose(result, tf.matMul(full(a), tf.tile(tf.expandDims(tf.tensor2d(dense), 0), [3, 1, 1])), product);
        const left = tf.randomNormal([2, 4], 0, 1, 'float32', 24);
        expectClose(matmul(left, a), tf.matMul(tf.tile(tf.expandDims(left, 0), [3, 1, 1]), full(a)), product);
        expectClose(matmul(element(a, 1), dense), tf.matMul(full(element(a, 1)), tf.tensor2d(dense)), product);
      });

      it('rejects dense shapes that do not match, naming the expected shape', () => {
        const a = single(matrixModes([2, 2], [2, 3]), [1, 2, 1], 25);
        expect(() => matmul(a, tf.ones([5, 2]))).toThrow(
          "matmul: argument 'b' must be a float32 dense matrix of shape [6, K] to match the columns of 'a' (raw shape [2,2]x[2,3]), got float32 [5,2]",
        );
        expect(() => matmul(tf.ones([2, 6]), a)).toThrow(
          "matmul: argument 'a' must be a float32 dense matrix of shape [M, 4] to match the rows of 'b' (raw shape [2,2]x[2,3]), got float32 [2,6]",
        );
        expect(() => matmul(a, tf.ones([6]))).toThrow('got float32 [6]');
        expect(() => matmul(a, tf.ones([6, 2], 'int32'))).toThrow('got int32 [6,2]');
        expect(() => matmul(single([[6], [1]], [1, 1, 1], 26), tf.ones([6, 2]))).toThrow(
          "matmul: argument 'a' must be a TT-matrix, got a TT-tensor of shape [6,1]",
        );
        const disposed = tf.ones([6, 2]);
        disposed.dispose();
        expect(() => matmul(a, disposed)).toThrow("matmul: argument 'b' is a disposed tensor");
        // Before: tf.tensor's own messages ("Element arr[1] should have 2 elements", …) named nothing.
        expect(() => matmul(a, [[1, 2], [3]] as never)).toThrow(
          "matmul: argument 'b' must be rectangular (a nested array of shape [2,2]), got [3] at b[1]",
        );
        expect(() => matmul({} as never, a)).toThrow(
          "matmul: argument 'a' must be a tensor, a typed array or (nested) arrays of numbers, got {}",
        );
      });

      it('leaks nothing and has the gradient of the dense product in the cores and in D', async () => {
        const a = single(matrixModes([2, 3], [3, 2]), [1, 3, 1], 27);
        const d = tf.randomNormal([6, 2], 0, 1, 'float32', 28);
        await expectNoLeaks(() => matmul(a, d));
        const [dt, at] = [tf.transpose(d), transpose(a)];
        await expectNoLeaks(() => matmul(dt, at));
        const w = tf.randomNormal([6, 2], 0, 1, 'float32', 29);
        const inputs = [...a.cores, d];
        const loss =
          (f: (x: TensorTrain, y: tf.Tensor) => tf.Tensor) =>
          (...xs: tf.Tensor[]) =>
            tf.sum(tf.mul(w, f(new TensorTrain(xs.slice(0, 2)), xs[2]!)));
        const viaTT = tf.grads(loss((x, y) => matmul(x, y)))(inputs);
        const viaDense = tf.grads(loss((x, y) => tf.matMul(full(x), y)))(inputs);
        viaTT.forEach((g, i) => {
          expectClose(g, viaDense[i]!, product);
        });
      });
    });

    describe('transpose', () => {
      it.each([
        ['d = 2', [2, 3], [3, 1]],
        ['d = 1', [2], [5]],
        ['column vector', [2, 2, 3], [1, 1, 1]],
      ])('%s: equals the dense transpose, swaps the raw shape, keeps ranks', (_, m, n) => {
        const ranks = Array.from({ length: m.length + 1 }, (_, k) => (k === 0 || k === m.length ? 1 : 2));
        const a = single(matrixModes(m, n), ranks, 30);
        const t = transpose(a);
        expect(t.rawShape).toEqual([n, m]);
        expect(t.ranks).toEqual(a.ranks);
        expectClose(full(t), tf.transpose(full(a)), { rtol: 0, atol: 0 });
        expect(t.cores.some((core) => a.cores.includes(core))).toBe(false);
      });

      it('transposes batches elementwise and rejects TT-tensors', async () => {
        const batch = batchOf(matrixModes([2, 2], [3, 2]), [1, 2, 1], 2, 31);
        const t = transpose(batch);
        expect(t).toBeInstanceOf(TensorTrainBatch);
        expectClose(full(t), tf.transpose(full(batch), [0, 2, 1]), { rtol: 0, atol: 0 });
        expect(() => transpose(single([[2], [3]], [1, 1, 1], 32))).toThrow(
          "transpose: argument 'tt' must be a TT-matrix, got a TT-tensor of shape [2,3]",
        );
        await expectNoLeaks(() => transpose(batch));
        const w = tf.randomNormal([2, 6, 4], 0, 1, 'float32', 33);
        const viaTT = tf.grads((...cores: tf.Tensor[]) =>
          tf.sum(tf.mul(w, full(transpose(new TensorTrainBatch(cores))))),
        )([...batch.cores]);
        const viaDense = tf.grads((...cores: tf.Tensor[]) =>
          tf.sum(tf.mul(w, tf.transpose(full(new TensorTrainBatch(cores)), [0, 2, 1]))),
        )([...batch.cores]);
        viaTT.forEach((g, i) => {
          expectClose(g, viaDense[i]!, close);
        });
      });
    });
  },
  { backends: ['wasm'] },
);

describeBackends('matmul smoke test', () => {
  it('TT × TT, TT × dense and dense × TT agree with the dense products', () => {
    const a = batchOf(matrixModes([2, 2], [2, 3]), [1, 2, 1], 2, 40);
    const b = single(matrixModes([2, 3], [2, 1]), [1, 2, 1], 41);
    expectClose(full(matmul(a, b)), tf.matMul(full(a), tf.tile(tf.expandDims(full(b), 0), [2, 1, 1])), product);
    const d = tf.randomNormal([3, 4], 0, 1, 'float32', 42);
    expectClose(matmul(b, tf.ones([2, 3])), tf.matMul(full(b), tf.ones([2, 3])), product);
    expectClose(matmul(d, a), tf.matMul(tf.tile(tf.expandDims(d, 0), [2, 1, 1]), full(a)), product);
  });
});
