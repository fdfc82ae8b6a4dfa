import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { batchOf, element, single } from '../../test/algebra-helpers.js';
import { hostCores, ttEntry, ttMatrixEntry } from '../../test/dense-reference.js';
import { TensorTrain } from '../tensor-train.js';
import { TensorTrainBatch } from '../tensor-train-batch.js';
import { full } from './full.js';
import { gatherND } from './gather-nd.js';

const close = { rtol: 1e-5, atol: 1e-5 };

/** P random index rows below `sizes` (deterministic). */
function randomRows(sizes: number[], count: number, salt: number): number[][] {
  return Array.from({ length: count }, (_, p) => sizes.map((n, c) => (p * 7 + c * 13 + salt * 5 + p * c) % n));
}

describeBackends(
  'gatherND',
  () => {
    describe('gatherND', () => {
      it.each([
        ['d = 3, uneven ranks', [2, 3, 4], [1, 2, 3, 1]],
        ['d = 1', [5], [1, 1]],
        ['d = 4 with a mode of 1', [3, 1, 2, 2], [1, 2, 2, 3, 1]],
      ])('TT-tensor %s: entries equal products of core slices', (_, sizes, ranks) => {
        const x = single(
          sizes.map((n) => [n]),
          ranks,
          1,
        );
        const rows = randomRows(sizes, 9, 1);
        const host = hostCores(x.cores);
        expectClose(
          gatherND(x, rows),
          rows.map((index) => ttEntry(host, index)),
          close,
        );
        expectClose(gatherND(x, tf.tensor2d(rows, undefined, 'int32')), tf.gatherND(full(x), rows), close);
      });

      it('TT-matrices (beyond T3F): rows are (row multi-index, column multi-index)', () => {
        const [m, n] = [
          [2, 3],
          [3, 2],
        ];
        const x = single(
          m.map((mk, k) => [mk, n[k]!]),
          [1, 3, 1],
          2,
        );
        const rows = randomRows([...m, ...n], 12, 2);
        const host = hostCores(x.cores);
        expectClose(
          gatherND(x, rows),
          rows.map((index) => ttMatrixEntry(host, index.slice(0, 2), index.slice(2))),
          close,
        );
      });

      it('batches take the batch element first, for tensors and matrices', () => {
        const tensors = batchOf([[2], [3], [2]], [1, 2, 2, 1], 3, 3);
        const rows = randomRows([3, 2, 3, 2], 10, 3);
        expectClose(gatherND(tensors, rows), tf.gatherND(full(tensors), rows), close);
        const matrices = batchOf(
          [
            [2, 2],
            [3, 1],
          ],
          [1, 2, 1],
          2,
          4,
        );
        const matrixRows = randomRows([2, 2, 3, 2, 1], 8, 4);
        const expected = matrixRows.map((r) =>
          ttMatrixEntry(hostCores(element(matrices, r[0]!).cores), r.slice(1, 3), r.slice(3)),
        );
        expectClose(gatherND(matrices, matrixRows), expected, close);
      });

      it('returns an empty vector for no indices', () => {
        const x = single([[2], [2]], [1, 2, 1], 5);
        expect(gatherND(x, []).shape).toEqual([0]);
        expect(gatherND(x, tf.zeros([0, 2], 'int32')).shape).toEqual([0]);
      });

      it('validates the index shape, dtype, integrality and ranges, naming the entry and the mode', () => {
        const x = single([[2], [3]], [1, 2, 1], 6);
        expect(() => gatherND(x, [[0, 1, 1]])).toThrow(
          "gatherND: argument 'indices' must have shape [P, 2] = (i_1..i_d) for a [2,3] TT-tensor, got [1, 3]",
        );
        expect(() =>
          gatherND(x, [
            [0, 1],
            [1, 3],
          ]),
        ).toThrow('gatherND: indices[1, 1] = 3 is out of range for mode 1 of size 3');
        expect(() => gatherND(x, [[-1, 0]])).toThrow(
          'gatherND: indices[0, 0] = -1 is out of range for mode 0 of size 2',
        );
        expect(() => gatherND(x, [[0.5, 0]])).toThrow(
          'gatherND: indices[0, 0] = 0.5 is not an integer for mode 0 of size 2',
        );
        expect(() => gatherND(x, tf.zeros([1, 2]))).toThrow(
          "gatherND: argument 'indices' must be an int32 tensor of shape [P, width], got float32 [1,2]",
        );
        expect(() => gatherND(x, [[0, 1], [1]])).toThrow(
          "gatherND: argument 'indices' must be an int32 tensor or an array",
        );
        // Before: a TypeError ("Cannot read properties of undefined").
        expect(() => gatherND(x, undefined as never)).toThrow(
          "gatherND: argument 'indices' must be an int32 tensor or an array of equally long rows of integers, got undefined",
        );
        const batch = batchOf([[2], [3]], [1, 1, 1], 2, 7);
        expect(() => gatherND(batch, [[2, 0, 0]])).toThrow(
          'gatherND: indices[0, 0] = 2 is out of range for the batch axis of size 2',
        );
        expect(() => gatherND(batch, [[0, 0]])).toThrow(
          'must have shape [P, 3] = (b, i_1..i_d) for a batch of [2,3] TT-tensor',
        );
        const matrix = single(
          [
            [2, 3],
            [2, 2],
          ],
          [1, 1, 1],
          8,
        );
        expect(() => gatherND(matrix, [[0, 0, 3, 0]])).toThrow(
          'gatherND: indices[0, 2] = 3 is out of range for column mode 0 of size 3',
        );
        expect(() => gatherND(matrix, [[0, 0]])).toThrow('(i_1..i_d, j_1..j_d)');
      });

      it('leaks nothing and has the gradient of gathering from the dense tensor', async () => {
        const x = single([[2], [3], [2]], [1, 2, 2, 1], 9);
        const rows = randomRows([2, 3, 2], 7, 9);
        await expectNoLeaks(() => gatherND(x, rows));
        const batch = batchOf([[2], [2]], [1, 2, 1], 2, 10);
        await expectNoLeaks(() => gatherND(batch, [[1, 0, 1]]));
        const flat = rows.map(([i, j, k]) => i! * 6 + j! * 2 + k!);
        const w = tf.randomNormal([7], 0, 1, 'float32', 11);
        const viaTT = tf.grads((...cores: tf.Tensor[]) => tf.sum(tf.mul(w, gatherND(new TensorTrain(cores), rows))))([
          ...x.cores,
        ]);
        const viaDense = tf.grads((...cores: tf.Tensor[]) =>
          tf.sum(tf.mul(w, tf.gather(tf.reshape(full(new TensorTrain(cores)), [-1]), flat))),
        )([...x.cores]);
        viaTT.forEach((g, i) => {
          expectClose(g, viaDense[i]!, close);
        });
        const batchGrad = tf.grads((...cores: tf.Tensor[]) =>
          tf.sum(gatherND(new TensorTrainBatch(cores), [[1, 0, 1]])),
        )([...batch.cores]);
        expectClose(tf.slice(batchGrad[0]!, [0], [1]), 0, { rtol: 0, atol: 0 });
      });
    });
  },
  { backends: ['wasm'] },
);

describeBackends('gatherND smoke test', () => {
  it('agrees with the dense tensor', () => {
    const x = batchOf(
      [
        [2, 2],
        [1, 3],
      ],
      [1, 2, 1],
      2,
      20,
    );
    const rows = randomRows([2, 2, 1, 2, 3], 6, 20);
    const dense = tf.reshape(full(x), [2, 2, 1, 2, 3]);
    expectClose(gatherND(x, rows), tf.gatherND(dense, rows), close);
  });
});
