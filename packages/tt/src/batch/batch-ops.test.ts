import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { batchOf, element, flatRows, single, tt } from '../../test/algebra-helpers.js';
import { full } from '../ops/full.js';
import { TensorTrain } from '../tensor-train.js';
import { TensorTrainBatch } from '../tensor-train-batch.js';
import { concatAlongBatchDim } from './concat-along-batch-dim.js';
import { gramMatrix } from './gram-matrix.js';
import { multiplyAlongBatchDim } from './multiply-along-batch-dim.js';
import { pairwiseFlatInner } from './pairwise-flat-inner.js';

// Inner products sum up to a few hundred products of N(0, 1) entries (float32 rounding of the partial sums).
const close = { rtol: 1e-4, atol: 1e-4 };
const exact = { rtol: 0, atol: 0 };

const column = (m: number[]) => m.map((mk) => [mk, 1]);
const rowVector = (m: number[]) => m.map((mk) => [1, mk]);
const asBatch = (x: TensorTrain | TensorTrainBatch) => (x instanceof TensorTrain ? tf.expandDims(full(x), 0) : full(x));

describeBackends(
  'batch ops',
  () => {
    describe('concatAlongBatchDim', () => {
      it('concatenates batches (and single TTs as batches of one) in order', () => {
        const modes = [[2], [3]];
        const [a, b, c] = [
          batchOf(modes, [1, 2, 1], 2, 1),
          single(modes, [1, 2, 1], 2),
          batchOf(modes, [1, 2, 1], 3, 3),
        ];
        const joined = concatAlongBatchDim([a, b, c]);
        expect(joined.batchSize).toBe(6);
        expect(joined.ranks).toEqual([1, 2, 1]);
        expectClose(full(joined), tf.concat([full(a), asBatch(b), full(c)], 0), exact);
        const copy = concatAlongBatchDim([a]);
        expect(copy.cores.some((core) => a.cores.includes(core))).toBe(false);
        expectClose(full(copy), full(a), exact);
      });

      it('works for TT-matrices', () => {
        const modes = [
          [2, 1],
          [2, 3],
        ];
        const [a, b] = [batchOf(modes, [1, 3, 1], 2, 4), batchOf(modes, [1, 3, 1], 1, 5)];
        expectClose(full(concatAlongBatchDim([a, b])), tf.concat([full(a), full(b)], 0), exact);
      });

      it('rejects empty lists, different shapes and different ranks, naming the element', async () => {
        const a = batchOf([[2], [3]], [1, 2, 1], 2, 6);
        expect(() => concatAlongBatchDim([])).toThrow(
          "concatAlongBatchDim: argument 'tts' must be a non-empty array of TT objects",
        );
        expect(() => concatAlongBatchDim([a, batchOf([[2], [4]], [1, 2, 1], 2, 7)])).toThrow(
          "concatAlongBatchDim: argument 'tts[1]' has raw shape [2,4], but 'tts[0]' has [2,3]",
        );
        expect(() => concatAlongBatchDim([a, a, batchOf([[2], [3]], [1, 3, 1], 2, 8)])).toThrow(
          "concatAlongBatchDim: argument 'tts[2]' has TT-ranks [1,3,1], but 'tts[0]' has [1,2,1]",
        );
        expect(() => concatAlongBatchDim([a, 3 as never])).toThrow(
          "concatAlongBatchDim: argument 'tts[1]' must be a TensorTrain or TensorTrainBatch, got number",
        );
        await expectNoLeaks(() => concatAlongBatchDim([a, a]));
      });

      it('is differentiable', () => {
        const [a, b] = [batchOf([[2], [2]], [1, 2, 1], 2, 9), batchOf([[2], [2]], [1, 2, 1], 1, 10)];
        const w = tf.randomNormal([3, 2, 2], 0, 1, 'float32', 11);
        const grads = tf.grads((x, y) =>
          tf.sum(
            tf.mul(
              w,
              full(
                concatAlongBatchDim([new TensorTrainBatch([x!, a.cores[1]!]), new TensorTrainBatch([y!, b.cores[1]!])]),
              ),
            ),
          ),
        )([a.cores[0]!, b.cores[0]!]);
        const dense = tf.grads((x, y) =>
          tf.sum(
            tf.mul(
              w,
              tf.concat(
                [full(new TensorTrainBatch([x!, a.cores[1]!])), full(new TensorTrainBatch([y!, b.cores[1]!]))],
                0,
              ),
            ),
          ),
        )([a.cores[0]!, b.cores[0]!]);
        grads.forEach((g, i) => {
          expectClose(g, dense[i]!, close);
        });
      });
    });

    describe('multiplyAlongBatchDim', () => {
      it('scales element i by weights[i] through the first core only', () => {
        const batch = batchOf(
          [
            [2, 2],
            [3, 1],
          ],
          [1, 2, 1],
          3,
          12,
        );
        const weights = [2, -0.5, 0];
        const scaled = multiplyAlongBatchDim(batch, weights);
        expect(scaled.ranks).toEqual(batch.ranks);
        expectClose(full(scaled), tf.mul(full(batch), tf.reshape(tf.tensor1d(weights), [3, 1, 1])), close);
        expectClose(scaled.cores[1]!, batch.cores[1]!, exact);
        expect(scaled.cores.some((core) => batch.cores.includes(core))).toBe(false);
        expectClose(
          full(multiplyAlongBatchDim(batch, tf.tensor1d([1, 2, 3]))),
          tf.mul(full(batch), tf.reshape(tf.tensor1d([1, 2, 3]), [3, 1, 1])),
          close,
        );
      });

      it('rejects single TTs and weights of the wrong length, leaks nothing, is differentiable in the weights', async () => {
        const batch = batchOf([[2], [3]], [1, 2, 1], 2, 13);
        expect(() => multiplyAlongBatchDim(single([[2], [3]], [1, 2, 1], 14) as never, [1])).toThrow(
          "multiplyAlongBatchDim: argument 'batch' must be a TensorTrainBatch, got a TensorTrain",
        );
        expect(() => multiplyAlongBatchDim(batch, [1, 2, 3])).toThrow(
          "multiplyAlongBatchDim: argument 'weights' must be a vector of length 2 (the batch size), got shape [3]",
        );
        expect(() => multiplyAlongBatchDim(batch, tf.ones([2, 1]))).toThrow('got shape [2,1]');
        // Before: strings became NaN weights through tf.tensor1d, and {} a raw tfjs error.
        expect(() => multiplyAlongBatchDim(batch, ['a', 'b'] as never)).toThrow(
          "multiplyAlongBatchDim: argument 'weights' must hold numbers, got the string 'a' at weights[0]",
        );
        expect(() => multiplyAlongBatchDim(batch, {} as never)).toThrow(
          "multiplyAlongBatchDim: argument 'weights' must be a tensor, a typed array or (nested) arrays of numbers, got {}",
        );
        expect(() => multiplyAlongBatchDim(batch, tf.tensor1d(['a', 'b']) as never)).toThrow(
          "multiplyAlongBatchDim: argument 'weights' must be a float32 or int32 tensor, got string",
        );
        await expectNoLeaks(() => multiplyAlongBatchDim(batch, [1, 2]));
        const grad = tf.grad((w) => tf.sum(full(multiplyAlongBatchDim(batch, w))))(tf.tensor1d([0.5, 3]));
        expectClose(grad, tf.sum(full(batch), [1, 2]), close);
      });
    });

    describe('pairwiseFlatInner and gramMatrix', () => {
      it.each([
        ['tensors, uneven ranks', [[2], [3], [2]], [1, 2, 3, 1], [1, 3, 1, 1], 3, 4],
        ['d = 1', [[5]], [1, 1], [1, 1], 2, 3],
        [
          'TT-matrices',
          [
            [2, 2],
            [3, 1],
          ],
          [1, 2, 1],
          [1, 3, 1],
          2,
          2,
        ],
        ['batches of one', [[2], [2]], [1, 2, 1], [1, 2, 1], 1, 1],
      ])('%s: res[i, j] = ⟨a_i, b_j⟩', (_, modes, ranksA, ranksB, b1, b2) => {
        const [a, b] = [batchOf(modes, ranksA, b1, 20), batchOf(modes, ranksB, b2, 21)];
        const result = pairwiseFlatInner(a, b);
        expect(result.shape).toEqual([b1, b2]);
        expectClose(result, tf.matMul(flatRows(full(a)), flatRows(full(b)), false, true), close);
      });

      it('treats a single TT as a batch of one, on either side', () => {
        const modes = [[2], [3]];
        const [a, b] = [single(modes, [1, 2, 1], 22), batchOf(modes, [1, 2, 1], 3, 23)];
        expectClose(pairwiseFlatInner(a, b), tf.matMul(flatRows(asBatch(a)), flatRows(full(b)), false, true), close);
        expectClose(pairwiseFlatInner(b, a), tf.matMul(flatRows(full(b)), flatRows(asBatch(a)), false, true), close);
      });

      it('with a TT-matrix M: res[i, j] = a_iᵀ·M·b_j, row vectors auto-transposed', () => {
        const [m, n] = [
          [2, 3],
          [3, 2],
        ];
        const M = single(
          m.map((mk, k) => [mk, n[k]!]),
          [1, 2, 1],
          24,
        );
        const a = batchOf(column(m), [1, 2, 1], 3, 25);
        const b = batchOf(rowVector(n), [1, 3, 1], 2, 26);
        const result = pairwiseFlatInner(a, b, M);
        expect(result.shape).toEqual([3, 2]);
        const expected = tf.matMul(tf.matMul(flatRows(full(a)), full(M)), flatRows(full(b)), false, true);
        expectClose(result, expected, close);
      });

      it('gramMatrix is symmetric and equals the dense Gram matrix, with and without M', () => {
        const modes = column([2, 2, 3]);
        const a = batchOf(modes, [1, 2, 2, 1], 4, 27);
        const gram = gramMatrix(a);
        expect(gram.shape).toEqual([4, 4]);
        const rows = flatRows(full(a));
        expectClose(gram, tf.matMul(rows, rows, false, true), close);
        expectClose(gram, tf.transpose(gram), close);
        const M = single(
          [
            [2, 2],
            [2, 2],
            [3, 3],
          ],
          [1, 2, 2, 1],
          28,
        );
        expectClose(gramMatrix(a, M), tf.matMul(tf.matMul(rows, full(M)), rows, false, true), close);
      });

      it('rejects mismatched shapes, non-vectors with M, and bad matrices, naming the function', () => {
        const a = batchOf([[2], [3]], [1, 2, 1], 2, 29);
        expect(() => pairwiseFlatInner(a, batchOf([[3], [3]], [1, 2, 1], 2, 30))).toThrow(
          'pairwiseFlatInner: arguments must have the same raw shape, got [2,3] and [3,3]',
        );
        const M = single(
          [
            [2, 2],
            [3, 3],
          ],
          [1, 2, 1],
          31,
        );
        expect(() => gramMatrix(a, M)).toThrow(
          "gramMatrix: argument 'a' must be a TT-vector (a TT-matrix whose column or row modes are all 1), got raw shape [2,3]",
        );
        const v = batchOf(column([2, 3]), [1, 2, 1], 2, 32);
        expect(() => pairwiseFlatInner(v, batchOf(column([2, 2]), [1, 2, 1], 2, 33), M)).toThrow(
          "pairwiseFlatInner: the modes [2,2] of 'b' do not match the column modes [2,3] of 'matrix' (raw shape [2,3]x[2,3])",
        );
        expect(() => gramMatrix(v, single([[2], [3]], [1, 1, 1], 34))).toThrow(
          "gramMatrix: argument 'matrix' must be a single TT-matrix, got a TT-tensor of shape [2,3]",
        );
        expect(() =>
          gramMatrix(
            v,
            batchOf(
              [
                [2, 2],
                [3, 3],
              ],
              [1, 1, 1],
              1,
              35,
            ) as never,
          ),
        ).toThrow("gramMatrix: argument 'matrix' must be a single TT-matrix, got a TensorTrainBatch");
        expect(() => gramMatrix(7 as never)).toThrow(
          "gramMatrix: argument 'a' must be a TensorTrain or TensorTrainBatch",
        );
      });

      it('leaks nothing and has the gradient of the dense Gram matrix', async () => {
        const modes = column([2, 3]);
        const a = batchOf(modes, [1, 2, 1], 3, 36);
        const b = batchOf(modes, [1, 3, 1], 2, 37);
        const M = single(
          [
            [2, 2],
            [3, 3],
          ],
          [1, 2, 1],
          38,
        );
        await expectNoLeaks(() => pairwiseFlatInner(a, b));
        await expectNoLeaks(() => gramMatrix(a, M));
        const w = tf.randomNormal([3, 3], 0, 1, 'float32', 39);
        const inputs = [...a.cores, ...M.cores];
        const viaTT = tf.grads((...xs: tf.Tensor[]) =>
          tf.sum(tf.mul(w, gramMatrix(new TensorTrainBatch(xs.slice(0, 2)), new TensorTrain(xs.slice(2))))),
        )(inputs);
        const viaDense = tf.grads((...xs: tf.Tensor[]) => {
          const rows = flatRows(full(new TensorTrainBatch(xs.slice(0, 2))));
          return tf.sum(tf.mul(w, tf.matMul(tf.matMul(rows, full(new TensorTrain(xs.slice(2)))), rows, false, true)));
        })(inputs);
        viaTT.forEach((g, i) => {
          expectClose(g, viaDense[i]!, close);
        });
        const pairGrads = tf.grads((...xs: tf.Tensor[]) =>
          tf.sum(pairwiseFlatInner(new TensorTrainBatch(xs.slice(0, 2)), new TensorTrainBatch(xs.slice(2)))),
        )([...a.cores, ...b.cores]);
        const pairDense = tf.grads((...xs: tf.Tensor[]) =>
          tf.sum(
            tf.matMul(
              flatRows(full(new TensorTrainBatch(xs.slice(0, 2)))),
              flatRows(full(new TensorTrainBatch(xs.slice(2)))),
              false,
              true,
            ),
          ),
        )([...a.cores, ...b.cores]);
        pairGrads.forEach((g, i) => {
          expectClose(g, pairDense[i]!, close);
        });
      });

      it('computes results whose running tensor would exceed 2^24 elements in tiles, with the same values', async () => {
        // Per pair the sweep holds up to 64·64·64 = 2^18 numbers, so 24 × 20 pairs need tiles.
        const a = batchOf([[64], [64]], [1, 64, 1], 24, 41);
        const b = batchOf([[64], [64]], [1, 64, 1], 20, 42);
        const result = pairwiseFlatInner(a, b);
        expect(result.shape).toEqual([24, 20]);
        // Each value sums 4096 products of entries of size ~8 (partial sums ~4·10³): float32 rounding ~1e-3 absolute.
        expectClose(result, tf.matMul(flatRows(full(a)), flatRows(full(b)), false, true), { rtol: 1e-4, atol: 1e-2 });
        await expectNoLeaks(() => pairwiseFlatInner(a, b));
      });

      it('elements of a batch Gram agree with single flat inner products', () => {
        const a = batchOf([[3], [2], [2]], [1, 2, 2, 1], 3, 40);
        const gram = gramMatrix(a).arraySync() as number[][];
        const one = element(a, 2);
        expectClose(gram[2]![2]!, tf.sum(tf.square(full(one))), close);
      });
    });
  },
  { backends: ['wasm'] },
);

describeBackends('batch ops smoke test', () => {
  it('pairwise, gram, concat and weighting agree with the dense computation', () => {
    const modes = column([2, 3]);
    const [a, b] = [batchOf(modes, [1, 2, 1], 2, 50), tt(modes, [1, 3, 1], 51, 3) as TensorTrainBatch];
    expectClose(pairwiseFlatInner(a, b), tf.matMul(flatRows(full(a)), flatRows(full(b)), false, true), close);
    expectClose(gramMatrix(b), tf.matMul(flatRows(full(b)), flatRows(full(b)), false, true), close);
    expectClose(full(concatAlongBatchDim([b, element(b, 0)])), tf.concat([full(b), asBatch(element(b, 0))], 0), exact);
    expectClose(
      full(multiplyAlongBatchDim(a, [3, -1])),
      tf.mul(full(a), tf.reshape(tf.tensor1d([3, -1]), [2, 1, 1])),
      close,
    );
  });
});
