import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { denseMatrix, denseTensor } from '../test/dense-reference.js';
import { full } from './ops/full.js';
import { denseShape, expandRanks, naturalRanks, toRawShape } from './shapes.js';
import { TensorTrain } from './tensor-train.js';
import { TensorTrainBatch } from './tensor-train-batch.js';

const cores = (shapes: number[][], seed: number) =>
  shapes.map((shape, k) => tf.randomNormal(shape, 0, 1, 'float32', seed + k));

describeBackends(
  'TensorTrain',
  () => {
    describe('TensorTrain', () => {
      it('reads shape, raw shape, ranks and kind off the cores', () => {
        const tt = new TensorTrain(
          cores(
            [
              [1, 2, 3],
              [3, 4, 2],
              [2, 5, 1],
            ],
            1,
          ),
        );
        expect(tt.rawShape).toEqual([[2, 4, 5]]);
        expect(tt.ranks).toEqual([1, 3, 2, 1]);
        expect(tt.ndims).toBe(3);
        expect(tt.isMatrix).toBe(false);
        expect(tt.shape).toEqual([2n, 4n, 5n]);
        expect(String(tt)).toBe('A Tensor Train of shape [2,4,5], TT-ranks [1,3,2,1]');
        const matrix = new TensorTrain(
          cores(
            [
              [1, 2, 3, 2],
              [2, 4, 1, 1],
            ],
            2,
          ),
        );
        expect(matrix.isMatrix).toBe(true);
        expect(matrix.rawShape).toEqual([
          [2, 4],
          [3, 1],
        ]);
        expect(matrix.shape).toEqual([8n, 3n]);
        tt.dispose();
        matrix.dispose();
      });

      it('keeps huge shapes exact', () => {
        const modes = Array.from({ length: 40 }, () => 3);
        const tt = new TensorTrain(modes.map(() => tf.ones([1, 3, 1])));
        expect(tt.shape.reduce((a, b) => a * b, 1n)).toBe(3n ** 40n);
        expect(() => full(tt)).toThrow(/full: the dense result would have 12157665459056928801 elements/);
        tt.dispose();
      });

      it.each([
        [() => [tf.ones([2, 3, 1])], 'TensorTrain: the first and last TT-ranks must be 1, got [2,1]'],
        [
          () => [tf.ones([1, 3, 2]), tf.ones([3, 3, 1])],
          'TensorTrain: core 1 has left rank 3, but core 0 has right rank 2',
        ],
        [
          () => [tf.ones([1, 3, 2]), tf.ones([2, 3, 3, 1])],
          'TensorTrain: all cores must have rank 3, core 1 has shape [2,3,3,1]',
        ],
        [() => [tf.ones([1, 3])], 'TensorTrain: cores must have shape [r, n, r′] or [r, m, n, r′], core 0 has [1,3]'],
        [() => [tf.ones([1, 3, 1], 'int32')], 'TensorTrain: core 0 must be float32, got int32'],
        [() => [], "TensorTrain: argument 'cores' must be a non-empty array of tensors"],
      ])('rejects invalid cores (%#)', (make, message) => {
        const bad = make();
        expect(() => new TensorTrain(bad)).toThrow(message);
        tf.dispose(bad);
      });

      it('checks declared shape and ranks', () => {
        const c = cores(
          [
            [1, 2, 2],
            [2, 3, 1],
          ],
          3,
        );
        expect(() => new TensorTrain(c, { shape: [2, 4] })).toThrow(
          "TensorTrain: declared shape [2,4] does not match the cores' [2,3]",
        );
        expect(() => new TensorTrain(c, { ranks: [1, 3, 1] })).toThrow(
          "TensorTrain: declared ranks [1,3,1] do not match the cores' [1,2,1]",
        );
        expect(new TensorTrain(c, { shape: [2, 3], ranks: [1, 2, 1] }).ranks).toEqual([1, 2, 1]);
        tf.dispose(c);
      });

      it('rejects unknown option keys, malformed declared ranks and cores with an empty axis', () => {
        const c = cores(
          [
            [1, 2, 2],
            [2, 3, 1],
          ],
          5,
        );
        // Before: {rank: [1, 3, 1]} was ignored, and {ranks: {}} threw a TypeError ("join is not a function").
        expect(() => new TensorTrain(c, { rank: [1, 3, 1] } as never)).toThrow(
          "TensorTrain: unknown option 'rank'; valid options: shape, ranks",
        );
        expect(() => new TensorTrain(c, { ranks: {} } as never)).toThrow(
          "TensorTrain: option 'ranks' must be a list of integers, got {}",
        );
        expect(() => new TensorTrain(c, null as never)).toThrow("TensorTrain: argument 'options' must be an object");
        expect(() => new TensorTrainBatch([tf.ones([2, 1, 3, 1])], { batchsize: 2 } as never)).toThrow(
          "TensorTrainBatch: unknown option 'batchsize' (did you mean 'batchSize'?); valid options: shape, ranks, batchSize",
        );
        // Before: a core with a zero-size mode made a TT of shape [0].
        expect(() => new TensorTrain([tf.zeros([1, 0, 1])])).toThrow(
          'TensorTrain: core 0 has an empty axis, shape [1,0,1]',
        );
        expect(() => new TensorTrainBatch([tf.zeros([0, 1, 2, 1])])).toThrow(
          'TensorTrainBatch: core 0 has an empty axis, shape [0,1,2,1]',
        );
        tf.dispose(c);
      });
    });

    describe('TensorTrainBatch', () => {
      it('has a batch axis in front of every core', () => {
        const batch = new TensorTrainBatch(
          cores(
            [
              [4, 1, 2, 3],
              [4, 3, 5, 1],
            ],
            4,
          ),
        );
        expect(batch.batchSize).toBe(4);
        expect(batch.shape).toEqual([4n, 2n, 5n]);
        expect(String(batch)).toBe('A batch of 4 Tensor Trains of shape [2,5], TT-ranks [1,3,1]');
        expect(
          () =>
            new TensorTrainBatch(
              cores(
                [
                  [4, 1, 2, 3],
                  [5, 3, 5, 1],
                ],
                5,
              ),
            ),
        ).toThrow('TensorTrainBatch: all cores must have the same batch size 4, core 1 has 5');
        batch.dispose();
      });
    });

    describe('full', () => {
      it.each([
        [[[1, 3, 1]]],
        [
          [
            [1, 2, 3],
            [3, 4, 2],
            [2, 5, 1],
          ],
        ],
        [
          [
            [1, 3, 2],
            [2, 1, 4],
            [4, 2, 3],
            [3, 2, 1],
          ],
        ],
      ])('TT-tensor with cores %j equals the entry-by-entry product of core slices', (shapes) => {
        const c = cores(shapes, 10);
        const tt = new TensorTrain(c);
        expectClose(full(tt), denseTensor(c), { rtol: 1e-5, atol: 1e-5 });
        tt.dispose();
      });

      it.each([
        [
          [
            [1, 2, 3, 2],
            [2, 4, 1, 3],
            [3, 1, 2, 1],
          ],
        ],
        [[[1, 3, 2, 1]]],
      ])('TT-matrix with cores %j equals the entry-by-entry product', (shapes) => {
        const c = cores(shapes, 20);
        const tt = new TensorTrain(c);
        const dense = full(tt);
        expect(dense.shape).toEqual(tt.shape.map(Number));
        expectClose(dense, denseMatrix(c), { rtol: 1e-5, atol: 1e-5 });
        tt.dispose();
      });

      it('handles batches element by element', () => {
        const c = cores(
          [
            [3, 1, 2, 2],
            [3, 2, 3, 1],
          ],
          30,
        );
        const batch = new TensorTrainBatch(c);
        const dense = full(batch);
        expect(dense.shape).toEqual([3, 2, 3]);
        for (let b = 0; b < 3; b++) {
          const element = c.map((core) => tf.squeeze(tf.slice(core, [b], [1]), [0]));
          expectClose(tf.slice(dense, [b], [1]), denseTensor(element), { rtol: 1e-5, atol: 1e-5 });
        }
        batch.dispose();
      });

      it('is differentiable with respect to the cores and leaks nothing', async () => {
        const tt = new TensorTrain(
          cores(
            [
              [1, 2, 2],
              [2, 3, 1],
            ],
            40,
          ),
        );
        await expectNoLeaks(() => full(tt));
        const [g0] = tf.grads((a, b) => tf.sum(full(new TensorTrain([a!, b!]))))([...tt.cores]);
        // d/dG_1[0,i,a] Σ_j Σ_b G_1[0,i,a] G_2[a,j,0] = Σ_j G_2[a,j,0].
        const rowSums = tf.sum(tf.reshape(tt.cores[1]!, [2, 3]), 1);
        expectClose(g0!, tf.tile(tf.reshape(rowSums, [1, 1, 2]), [1, 2, 1]));
        tt.dispose();
      });

      it('rejects non-TT arguments', () => {
        expect(() => full(tf.ones([2]) as never)).toThrow(
          "full: argument 'tt' must be a TensorTrain or TensorTrainBatch, got Tensor",
        );
      });
    });

    describe('shapes', () => {
      it('normalizes shape specs and natural ranks', () => {
        expect(toRawShape([[2, 3], null], 'f')).toEqual([
          [2, 3],
          [1, 1],
        ]);
        expect(naturalRanks([[2, 3, 4]])).toEqual([1, 2, 4, 1]);
        expect(
          naturalRanks([
            [2, 2],
            [3, 3],
          ]),
        ).toEqual([1, 6, 1]);
        expect(() => toRawShape([2, 0], 'randomTensor')).toThrow(
          "randomTensor: argument 'shape' must be a non-empty list of positive integers",
        );
        expect(() => toRawShape([[2, 3], [1]], 'f')).toThrow('two equally long');
      });

      it('validates their arguments, naming the helper (or the caller that passes its name)', () => {
        // Before: denseShape(undefined) and naturalRanks({}) threw TypeErrors; expandRanks(2, 2 ** 31) tried to
        // build a 2^31-entry array (V8 ran out of memory).
        expect(denseShape([[2, 3]])).toEqual([2n, 3n]);
        expect(() => denseShape(undefined as never)).toThrow(
          "denseShape: argument 'rawShape' must be a raw shape [[n_1..n_d]] or [[m_1..m_d], [n_1..n_d]] of positive integers, got undefined",
        );
        expect(() => naturalRanks({} as never)).toThrow("naturalRanks: argument 'rawShape' must be a raw shape");
        expect(() => naturalRanks([[2, 3], [4]] as never)).toThrow(
          "naturalRanks: argument 'rawShape' must be a raw shape",
        );
        expect(expandRanks(3, 2)).toEqual([1, 3, 1]);
        expect(() => expandRanks(2, 2 ** 31)).toThrow(
          "expandRanks: argument 'd' (the number of cores) must be an integer in [1, 2^20], got 2147483648",
        );
        expect(() => expandRanks('3' as never, 2, 'randomTensor')).toThrow(
          "randomTensor: argument 'ttRank' must be a positive integer or a list of d + 1 = 3 positive integers, got the string '3'",
        );
        expect(() => expandRanks(2, 2, 3 as never)).toThrow("expandRanks: arguments 'fn' and 'arg'");
        expect(() => toRawShape(undefined as never)).toThrow(
          "toRawShape: argument 'shape' must be a list of modes or [rows, columns], got undefined",
        );
      });
    });
  },
  { backends: ['wasm'] },
);
