import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { element, hostDistance, randomBatch, randomTT } from '../../test/random-tt.js';
import { round } from '../decompositions/round.js';
import { add } from '../ops/add.js';
import { full } from '../ops/full.js';
import { TensorTrain } from '../tensor-train.js';
import { TensorTrainBatch } from '../tensor-train-batch.js';
import { reduceSumBatch } from './reduce-sum-batch.js';

/** Σ_i coef[i, j]·x_i from the dense batch [B, ...] and coef [B, N]: [N, ...]. */
function denseWeightedSums(dense: tf.Tensor, coef: tf.Tensor): tf.Tensor {
  const [b, ...rest] = dense.shape;
  return tf.reshape(tf.matMul(tf.transpose(coef), tf.reshape(dense, [b!, -1])), [coef.shape[1]!, ...rest]);
}

describeBackends(
  'approximate reduceSumBatch',
  () => {
    describe('reduceSumBatch', () => {
      it.each([1, 2, 3, 5, 8])('sums a batch of %i exactly when maxTTRank allows', (size) => {
        const batch = randomBatch([[3], [4], [3]], [1, 2, 2, 1], size, size);
        const sum = reduceSumBatch(batch, { maxTTRank: 100 });
        expect(sum).toBeInstanceOf(TensorTrain);
        expect(sum.ranks).toEqual(size === 1 ? [1, 2, 2, 1] : [1, 3, 3, 1]); // B = 1 is not rounded (T3F)
        expectClose(full(sum), tf.sum(full(batch), 0), { rtol: 1e-4, atol: 1e-4 });
      });

      it('sums d = 1 batches', () => {
        const batch = randomBatch([[6]], [1, 1], 3, 5);
        const sum = reduceSumBatch(batch, { maxTTRank: 1, coef: [1, 2, 3] });
        expectClose(full(sum), tf.reshape(denseWeightedSums(full(batch), tf.tensor2d([1, 2, 3], [3, 1])), [6]), {
          rtol: 1e-5,
          atol: 1e-5,
        });
      });

      it('rounds in binary-tree order with a zero TT padding odd levels', () => {
        const batch = randomBatch([[3], [4], [5], [3]], [1, 2, 3, 2, 1], 3, 10);
        const [a, b, c] = [0, 1, 2].map((i) => element(batch, i));
        // Level 1: round(a + b), round(c + 0); level 2: round of their sum.
        const expected = round(add(round(add(a!, b!), { maxTTRank: 3 }), round(c!, { maxTTRank: 3 })), {
          maxTTRank: 3,
        });
        const sum = reduceSumBatch(batch, { maxTTRank: 3 });
        expect(sum.ranks).toEqual([1, 3, 3, 3, 1]);
        expectClose(full(sum), full(expected), { rtol: 1e-3, atol: 1e-4 });
      });

      it('weights the elements with a coefficient vector', () => {
        const batch = randomBatch(
          [
            [2, 2],
            [3, 1],
            [2, 2],
          ],
          [1, 2, 3, 1],
          4,
          20,
        );
        const coef = [1, -0.5, 2, 0.25];
        const sum = reduceSumBatch(batch, { maxTTRank: 100, coef });
        expect(sum).toBeInstanceOf(TensorTrain);
        expect(sum.isMatrix).toBe(true);
        expectClose(full(sum), tf.reshape(denseWeightedSums(full(batch), tf.tensor2d(coef, [4, 1])), full(sum).shape), {
          rtol: 1e-4,
          atol: 1e-4,
        });
      });

      it('gives a batch of N weighted sums for a B × N coefficient matrix', () => {
        const batch = randomBatch([[3], [4], [3]], [1, 2, 2, 1], 5, 30);
        const coef = tf.randomNormal([5, 3], 0, 1, 'float32', 31);
        const sums = reduceSumBatch(batch, { maxTTRank: 100, coef });
        expect(sums).toBeInstanceOf(TensorTrainBatch);
        expect((sums as TensorTrainBatch).batchSize).toBe(3);
        expectClose(full(sums), denseWeightedSums(full(batch), coef), { rtol: 1e-4, atol: 1e-4 });
        // Each output equals the weighted sum with its own column.
        const column = reduceSumBatch(batch, { maxTTRank: 100, coef: tf.squeeze(tf.slice(coef, [0, 1], [5, 1]), [1]) });
        expectClose(full(element(sums as TensorTrainBatch, 1)), full(column), { rtol: 1e-4, atol: 1e-4 });
        const typed: TensorTrainBatch = reduceSumBatch(batch, { maxTTRank: 4, coef: [[1], [2], [3], [4], [5]] });
        expect(typed.batchSize).toBe(1);
      });

      it('with epsilon meets the bound of each rounding and drops the ranks of a low-rank sum', () => {
        const x = randomTT([3, 4, 5], [1, 2, 2, 1], 40);
        const cores = x.cores.map((core) => tf.tile(tf.expandDims(core, 0), [6, 1, 1, 1]));
        const batch = new TensorTrainBatch(cores); // six copies of x
        const sum = reduceSumBatch(batch, { maxTTRank: 100, epsilon: 1e-5 });
        expect(sum.ranks).toEqual([1, 2, 2, 1]);
        expect(hostDistance(full(sum), tf.mul(6, full(x)))).toBeLessThanOrEqual(
          1e-4 * 6 * tf.norm(full(x)).dataSync()[0]!,
        );
      });

      it('rejects bad arguments, naming them', () => {
        const batch = randomBatch([[2], [3]], [1, 2, 1], 3, 50);
        expect(() => reduceSumBatch(randomTT([2, 3], [1, 2, 1], 51) as never, { maxTTRank: 2 })).toThrow(
          "reduceSumBatch: argument 'batch' must be a TensorTrainBatch, got a TensorTrain (use addN for lists)",
        );
        expect(() => reduceSumBatch(batch, { maxTTRank: 2, coef: [1, 2] })).toThrow(
          "reduceSumBatch: argument 'coef' must have shape [3] or [3, N] with N ≥ 1 (the batch size is 3), got [2]",
        );
        expect(() => reduceSumBatch(batch, { maxTTRank: 2, coef: tf.ones([3, 2, 1]) })).toThrow('got [3,2,1]');
        expect(() => reduceSumBatch(batch, { maxTTRank: 2, coef: tf.ones([3, 0]) })).toThrow('got [3,0]');
        expect(() => reduceSumBatch(batch, {} as never)).toThrow("reduceSumBatch: argument 'maxTTRank' is required");
        expect(() => reduceSumBatch(batch, { maxTTRank: 2, epsilon: Number.POSITIVE_INFINITY })).toThrow(
          "reduceSumBatch: argument 'epsilon' must be a finite non-negative number, got Infinity",
        );
      });

      it('rejects unknown options and non-finite cores or weights (which would make the whole sum NaN)', () => {
        const batch = randomBatch([[2], [3]], [1, 2, 1], 3, 52);
        // Before: {coeff: [...]} was ignored and the plain sum returned.
        expect(() => reduceSumBatch(batch, { maxTTRank: 2, coeff: [1, 2, 3] } as never)).toThrow(
          "reduceSumBatch: unknown option 'coeff'; valid options: maxTTRank, epsilon, coef",
        );
        expect(() => reduceSumBatch(batch, { maxTTRank: 2, coef: [1, Number.NaN, 3] })).toThrow(
          "reduceSumBatch: argument 'coef' has a non-finite entry NaN at [1]",
        );
        expect(() => reduceSumBatch(batch, { maxTTRank: 2, coef: [['a'], ['b'], ['c']] } as never)).toThrow(
          "reduceSumBatch: argument 'coef' must hold numbers, got the string 'a' at coef[0][0]",
        );
        const poisoned = new TensorTrainBatch([batch.cores[0]!, tf.mul(batch.cores[1]!, Number.NEGATIVE_INFINITY)]);
        expect(() => reduceSumBatch(poisoned, { maxTTRank: 2 })).toThrow(
          /^reduceSumBatch: argument 'batch' has a non-finite entry -?Infinity in core 1 of batch element 0/,
        );
      });

      it('leaks nothing', async () => {
        const batch = randomBatch([[3], [4], [3]], [1, 2, 2, 1], 5, 60);
        const coef = tf.randomNormal([5, 2], 0, 1, 'float32', 61);
        await expectNoLeaks(() => reduceSumBatch(batch, { maxTTRank: 2 }));
        await expectNoLeaks(() => reduceSumBatch(batch, { maxTTRank: 2, epsilon: 0.1, coef }));
        await expectNoLeaks(() => reduceSumBatch(batch, { maxTTRank: 2, coef: [1, 2, 3, 4, 5] }));
        await expectNoLeaks(() => {
          expect(() => reduceSumBatch(batch, { maxTTRank: 2, coef: [1] })).toThrow();
        });
      });
    });
  },
  { backends: ['wasm'] },
);
