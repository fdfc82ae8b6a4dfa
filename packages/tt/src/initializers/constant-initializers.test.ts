import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { denseMatrix } from '../../test/dense-reference.js';
import { full } from '../ops/full.js';
import { TensorTrain } from '../tensor-train.js';
import { TensorTrainBatch } from '../tensor-train-batch.js';
import { eye } from './eye.js';
import { matrixOnes } from './matrix-ones.js';
import { matrixZeros } from './matrix-zeros.js';
import { onesLike } from './ones-like.js';
import { tensorOnes } from './tensor-ones.js';
import { tensorZeros } from './tensor-zeros.js';
import { zerosLike } from './zeros-like.js';

const size = (modes: readonly number[]) => modes.reduce((a, b) => a * b, 1);

describeBackends(
  'constant initializers',
  () => {
    describe('tensorOnes, tensorZeros', () => {
      it.each([[[5]], [[2, 3, 4]], [[1, 2, 1, 3]]])('are rank-1 TTs of ones / zeros of shape %j', (shape) => {
        const [ones, zeros] = [tensorOnes(shape), tensorZeros(shape)];
        for (const tt of [ones, zeros]) {
          expect(tt.rawShape).toEqual([shape]);
          expect(tt.ranks).toEqual(new Array(shape.length + 1).fill(1));
          expect(tt.isMatrix).toBe(false);
        }
        expectClose(full(ones), tf.ones(shape), { rtol: 0, atol: 0 });
        expectClose(full(zeros), tf.zeros(shape), { rtol: 0, atol: 0 });
        tf.dispose([...ones.cores, ...zeros.cores]);
      });

      it.each([
        [[], '[]'],
        [[2, 0], '[2,0]'],
        [[2.5, 3], '[2.5,3]'],
        [
          [
            [2, 3],
            [4, 5],
          ],
          '[[2,3],[4,5]]',
        ],
        [5, '5'],
      ])('reject the shape %j', (shape, shown) => {
        expect(() => tensorOnes(shape as never)).toThrow(
          `tensorOnes: argument 'shape' must be a non-empty list of positive integers`,
        );
        expect(() => tensorZeros(shape as never)).toThrow(`got ${shown}`);
      });

      it('leak nothing', async () => {
        await expectNoLeaks(() => tensorOnes([2, 3]));
        await expectNoLeaks(() => tensorZeros([2, 3]));
      });
    });

    describe('matrixOnes, matrixZeros', () => {
      it.each([
        [
          [
            [2, 3],
            [4, 5],
          ],
          [6, 20],
        ],
        [
          [[2, 3], null],
          [6, 1],
        ],
        [
          [null, [2, 2]],
          [1, 4],
        ],
        [
          [[3], [2]],
          [3, 2],
        ],
      ] as const)('are rank-1 TT-matrices of ones / zeros for %j (dense %j)', (shape, dense) => {
        const [ones, zeros] = [matrixOnes(shape), matrixZeros(shape)];
        for (const tt of [ones, zeros]) {
          expect(tt.isMatrix).toBe(true);
          expect(tt.shape).toEqual(dense.map(BigInt));
          expect(tt.ranks).toEqual(new Array(tt.ndims + 1).fill(1));
        }
        expectClose(full(ones), tf.ones([...dense]), { rtol: 0, atol: 0 });
        expectClose(full(zeros), tf.zeros([...dense]), { rtol: 0, atol: 0 });
      });

      it.each([
        [
          [2, 3],
          "matrixOnes: argument 'shape' must be [rowModes, columnModes] of a TT-matrix (either may be null), got [2,3]",
        ],
        [
          [null, null],
          "matrixOnes: argument 'shape' must be [rowModes, columnModes] of a TT-matrix (either may be null), got [null,null]",
        ],
        [
          [[2, 3], [4]],
          "matrixOnes: argument 'shape' of a TT-matrix must be two equally long non-empty lists of positive integers, got [[2,3],[4]]",
        ],
        [
          [
            [2, -1],
            [4, 4],
          ],
          'matrixOnes: argument ',
        ],
      ])('rejects %j', (shape, message) => {
        expect(() => matrixOnes(shape as never)).toThrow(message);
        expect(() => matrixZeros(shape as never)).toThrow(message.replace('matrixOnes', 'matrixZeros'));
      });

      it('leak nothing', async () => {
        await expectNoLeaks(() => matrixOnes([[2, 3], null]));
        await expectNoLeaks(() => matrixZeros([[2], [3]]));
      });
    });

    describe('eye', () => {
      it.each([[[4]], [[2, 3]], [[2, 1, 3]]])('is the identity of size Π n_k for modes %j', (shape) => {
        const identity = eye(shape);
        expect(identity.rawShape).toEqual([shape, shape]);
        expect(identity.ranks).toEqual(new Array(shape.length + 1).fill(1));
        expectClose(full(identity), tf.eye(size(shape)), { rtol: 0, atol: 0 });
        expectClose(tf.eye(size(shape)), denseMatrix(identity.cores), { rtol: 0, atol: 0 });
      });

      it('rejects bad shapes and leaks nothing', async () => {
        expect(() => eye([3, 0])).toThrow(
          "eye: argument 'shape' must be a non-empty list of positive integers, got [3,0]",
        );
        // Before: eye([2 ** 16]) asked tfjs for a 2^32-entry identity (a RangeError; wasm aborts).
        expect(() => eye([2 ** 16])).toThrow(
          'eye: the cores would hold 4294967296 numbers; the limit is 2^28 (1 GiB of float32) per call',
        );
        expect(() => tensorOnes([2 ** 31, 2])).toThrow('tensorOnes: the cores would hold 2147483650 numbers');
        expect(() => matrixZeros([[2 ** 20], [2 ** 10]])).toThrow(
          'matrixZeros: the cores would hold 1073741824 numbers',
        );
        await expectNoLeaks(() => eye([2, 3]));
      });
    });

    describe('onesLike, zerosLike', () => {
      const tensor = () => new TensorTrain([tf.randomNormal([1, 2, 3], 0, 1, 'float32', 1), tf.ones([3, 4, 1])]);
      const matrix = () => new TensorTrain([tf.randomNormal([1, 2, 3, 2], 0, 1, 'float32', 2), tf.ones([2, 1, 2, 1])]);
      const batch = () => new TensorTrainBatch([tf.ones([5, 1, 3, 2]), tf.ones([5, 2, 2, 1])]);

      it.each([
        ['TT-tensor', tensor, [2, 4]],
        ['TT-matrix', matrix, [2, 6]],
        ['batch (gives a single TT)', batch, [3, 2]],
      ] as const)('copy the raw shape of a %s', (_, make, dense) => {
        const tt = make();
        const [ones, zeros] = [onesLike(tt), zerosLike(tt)];
        for (const result of [ones, zeros]) {
          expect(result).toBeInstanceOf(TensorTrain);
          expect(result.rawShape).toEqual(tt.rawShape);
          expect(result.ranks).toEqual(new Array(tt.ndims + 1).fill(1));
        }
        expectClose(full(ones), tf.ones([...dense]), { rtol: 0, atol: 0 });
        expectClose(full(zeros), tf.zeros([...dense]), { rtol: 0, atol: 0 });
        tt.dispose();
      });

      it('reject non-TT and disposed arguments, and leak nothing', async () => {
        expect(() => onesLike(tf.ones([2]) as never)).toThrow(
          "onesLike: argument 'tt' must be a TensorTrain or TensorTrainBatch, got Tensor",
        );
        const tt = tensor();
        await expectNoLeaks(() => onesLike(tt));
        await expectNoLeaks(() => zerosLike(tt));
        tt.dispose();
        expect(() => zerosLike(tt)).toThrow("zerosLike: argument 'tt' has disposed cores");
      });
    });
  },
  { backends: ['wasm'] },
);

describeBackends('constant initializers (smoke)', () => {
  it('build ones, zeros and the identity', () => {
    expectClose(full(tensorOnes([2, 3])), tf.ones([2, 3]), { rtol: 0, atol: 0 });
    expectClose(full(matrixZeros([[2], [3]])), tf.zeros([2, 3]), { rtol: 0, atol: 0 });
    expectClose(full(eye([2, 2])), tf.eye(4), { rtol: 0, atol: 0 });
  });
});
