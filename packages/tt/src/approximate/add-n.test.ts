import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { element, randomBatch, randomTT, randomTTMatrix } from '../../test/random-tt.js';
import { round } from '../decompositions/round.js';
import { add } from '../ops/add.js';
import { full } from '../ops/full.js';
import { TensorTrain } from '../tensor-train.js';
import { TensorTrainBatch } from '../tensor-train-batch.js';
import { addN } from './add-n.js';

const denseSum = (tts: readonly (TensorTrain | TensorTrainBatch)[]) =>
  tts.map((tt) => full(tt)).reduce((a, b) => tf.add(a, b));

describeBackends(
  'approximate addN',
  () => {
    describe('addN', () => {
      it.each([2, 3, 4, 5])('sums %i TT-tensors of different ranks exactly when maxTTRank allows', (count) => {
        const tts = Array.from({ length: count }, (_, i) =>
          randomTT([3, 4, 3], [1, 1 + (i % 3), 1 + (i % 2), 1], 10 * i),
        );
        const sum = addN(tts, { maxTTRank: 100 });
        expect(sum).toBeInstanceOf(TensorTrain);
        expect(sum.ranks).toEqual([1, 3, 3, 1]); // natural ranks: the sum is rounded
        expectClose(full(sum), denseSum(tts), { rtol: 1e-4, atol: 1e-4 });
      });

      it('rounds in binary-tree order: round(round(a + b) + round(c + d))', () => {
        const [a, b, c, e] = [0, 1, 2, 3].map((i) => randomTT([3, 4, 5, 3], [1, 3, 4, 2, 1], 20 + i));
        const expected = round(add(round(add(a!, b!), { maxTTRank: 3 }), round(add(c!, e!), { maxTTRank: 3 })), {
          maxTTRank: 3,
        });
        const sum = addN([a!, b!, c!, e!], { maxTTRank: 3 });
        expect(sum.ranks).toEqual([1, 3, 3, 3, 1]);
        expectClose(full(sum), full(expected), { rtol: 1e-3, atol: 1e-4 });
      });

      it('with epsilon recovers the low rank of a sum that has one', () => {
        const a = randomTT([3, 4, 5], [1, 2, 2, 1], 30);
        const b = randomTT([3, 4, 5], [1, 1, 2, 1], 31);
        const sum = addN([a, b, a, b, a], { maxTTRank: 100, epsilon: 1e-5 }); // 3a + 2b: ranks ≤ [1, 3, 4, 1]
        expect(Math.max(...sum.ranks)).toBeLessThanOrEqual(4);
        expectClose(full(sum), tf.add(tf.mul(3, full(a)), tf.mul(2, full(b))), { rtol: 1e-4, atol: 1e-4 });
      });

      it('sums TT-matrices and d = 1 objects', () => {
        const matrices = [0, 1, 2].map((i) => randomTTMatrix([2, 3], [2, 2], [1, 2, 1], 40 + i));
        const sum = addN(matrices, { maxTTRank: 6 });
        expect(sum.isMatrix).toBe(true);
        expectClose(full(sum), denseSum(matrices), { rtol: 1e-4, atol: 1e-4 });
        const vectors = [0, 1, 2].map((i) => randomTT([7], [1, 1], 50 + i));
        expectClose(full(addN(vectors, { maxTTRank: 1 })), denseSum(vectors), { rtol: 1e-5, atol: 1e-5 });
      });

      it('sums batches element by element, broadcasting single TTs', () => {
        const batch1 = randomBatch([[2], [3], [4]], [1, 2, 2, 1], 3, 60);
        const batch2 = randomBatch([[2], [3], [4]], [1, 3, 1, 1], 3, 61);
        const single = randomTT([2, 3, 4], [1, 1, 2, 1], 62);
        const sum = addN([batch1, single, batch2], { maxTTRank: 10 }) as TensorTrainBatch;
        expect(sum).toBeInstanceOf(TensorTrainBatch);
        expect(sum.batchSize).toBe(3);
        expectClose(full(sum), tf.add(tf.add(full(batch1), tf.expandDims(full(single), 0)), full(batch2)), {
          rtol: 1e-4,
          atol: 1e-4,
        });
        const ofOne = randomBatch([[2], [3], [4]], [1, 2, 2, 1], 1, 63);
        const broadcast = addN([ofOne, batch1], { maxTTRank: 10 }) as TensorTrainBatch;
        expect(broadcast.batchSize).toBe(3);
        expectClose(full(element(broadcast, 2)), tf.add(full(element(ofOne, 0)), full(element(batch1, 2))), {
          rtol: 1e-4,
          atol: 1e-4,
        });
      });

      it('returns a single term as an unrounded copy (T3F)', () => {
        const tt = randomTT([3, 4], [1, 3, 1], 70);
        const copy = addN([tt], { maxTTRank: 1 });
        expect(copy.ranks).toEqual([1, 3, 1]);
        expect(copy.cores[0]).not.toBe(tt.cores[0]);
        expectClose(full(copy), full(tt));
      });

      it('rejects bad arguments, naming them', () => {
        const a = randomTT([2, 3], [1, 2, 1], 80);
        const b = randomTT([2, 4], [1, 2, 1], 81);
        expect(() => addN([], { maxTTRank: 2 })).toThrow(
          "addN: argument 'tts' must be a non-empty array of TT objects, got an empty array",
        );
        expect(() => addN(a as never, { maxTTRank: 2 })).toThrow("addN: argument 'tts' must be a non-empty array");
        expect(() => addN([a, b], { maxTTRank: 2 })).toThrow(
          'addN: all TT objects must have the same raw shape, got [2,3] (tts[0]) and [2,4] (tts[1])',
        );
        expect(() => addN([a, tf.ones([2, 3]) as never], { maxTTRank: 2 })).toThrow(
          "addN: argument 'tts[1]' must be a TensorTrain or TensorTrainBatch, got Tensor",
        );
        const [p, q] = [randomBatch([[2], [3]], [1, 2, 1], 2, 82), randomBatch([[2], [3]], [1, 2, 1], 3, 83)];
        expect(() => addN([p, q], { maxTTRank: 2 })).toThrow('addN: batch sizes 2, 3 do not broadcast');
        expect(() => addN([a, a], {} as never)).toThrow("addN: argument 'maxTTRank' is required");
        expect(() => addN([a, a], { maxTTRank: [1, 1] })).toThrow(
          "addN: argument 'maxTTRank' must be a positive integer or a list of d + 1 = 3 positive integers, got [1,1]",
        );
        expect(() => addN([a, a], { maxTTRank: 2, epsilon: -1 })).toThrow(
          "addN: argument 'epsilon' must be a finite non-negative number, got -1",
        );
      });

      it('rejects unknown options and non-finite cores (which would make the whole sum NaN)', () => {
        const a = randomTT([2, 3], [1, 2, 1], 84);
        // Before: {maxRank: 1} was ignored ("maxTTRank is required" at best), {epsilon, max_tt_rank} silently.
        expect(() => addN([a, a], { maxTTRank: 2, max_tt_rank: 1 } as never)).toThrow(
          "addN: unknown option 'max_tt_rank'; valid options: maxTTRank, epsilon",
        );
        const nan = new TensorTrain([tf.tensor3d([1, Number.NaN], [1, 2, 1]), tf.ones([1, 3, 1])]);
        expect(() => addN([a, a, nan], { maxTTRank: 2 })).toThrow(
          "addN: argument 'tts[2]' has a non-finite entry NaN in core 0 at [0,1,0]",
        );
      });

      it('leaks nothing', async () => {
        const tts = [0, 1, 2].map((i) => randomTT([3, 4, 3], [1, 2, 1 + i, 1], 90 + i));
        const batch = randomBatch([[3], [4], [3]], [1, 2, 2, 1], 2, 95);
        await expectNoLeaks(() => addN(tts, { maxTTRank: 2 }));
        await expectNoLeaks(() => addN([...tts, batch], { maxTTRank: 2, epsilon: 0.1 }));
        await expectNoLeaks(() => addN([batch], { maxTTRank: 2 }));
      });
    });
  },
  { backends: ['wasm'] },
);
