import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { full } from '../ops/full.js';
import { TensorTrain } from '../tensor-train.js';
import { TensorTrainBatch } from '../tensor-train-batch.js';
import { batchElement } from './batch-element.js';
import { batchSlice } from './batch-slice.js';

const randomBatch = (shapes: number[][], seed: number) =>
  new TensorTrainBatch(shapes.map((shape, k) => tf.randomNormal(shape, 0, 1, 'float32', seed + k)));

const tensorShapes = [
  [4, 1, 3, 2],
  [4, 2, 2, 3],
  [4, 3, 2, 1],
];
const matrixShapes = [
  [4, 1, 2, 3, 2],
  [4, 2, 2, 1, 1],
];

describeBackends(
  'batchElement and batchSlice',
  () => {
    describe('batchElement', () => {
      it.each([
        ['TT-tensors', tensorShapes, 2, 2],
        ['TT-matrices', matrixShapes, -1, 3],
      ])('picks one element of a batch of %s', (_, shapes, i, position) => {
        const batch = randomBatch(shapes, 1);
        const element = batchElement(batch, i);
        expect(element).toBeInstanceOf(TensorTrain);
        expect(element.rawShape).toEqual(batch.rawShape);
        expect(element.ranks).toEqual(batch.ranks);
        const dense = full(batch);
        expectClose(full(element), tf.reshape(tf.slice(dense, [position], [1]), dense.shape.slice(1)), {
          rtol: 1e-6,
          atol: 1e-7,
        });
      });

      it('passes gradients to the batch cores', () => {
        const batch = randomBatch(tensorShapes, 2);
        const [g] = tf.grads((c: tf.Tensor) =>
          tf.sum(batchElement(new TensorTrainBatch([c, ...batch.cores.slice(1)]), 1).cores[0]!),
        )([batch.cores[0]!]);
        expectClose(g!, tf.concat([tf.zeros([1, 1, 3, 2]), tf.ones([1, 1, 3, 2]), tf.zeros([2, 1, 3, 2])]), {
          rtol: 0,
          atol: 0,
        });
      });

      it('rejects bad arguments and leaks nothing', async () => {
        const batch = randomBatch(tensorShapes, 3);
        expect(() => batchElement(batch, 4)).toThrow(
          'batchElement: index 4 is out of range for the batch axis of size 4',
        );
        expect(() => batchElement(batch, 0.5)).toThrow(
          'batchElement: index of the batch axis must be an integer, got 0.5',
        );
        expect(() => batchElement(batch, null as never)).toThrow(
          "batchElement: argument 'i' must be an integer, got null",
        );
        const single = new TensorTrain([tf.ones([1, 2, 1])]);
        expect(() => batchElement(single as never, 0)).toThrow(
          "batchElement: argument 'batch' must be a TensorTrainBatch, got a single TensorTrain",
        );
        expect(() => batchElement([] as never, 0)).toThrow(
          "batchElement: argument 'batch' must be a TensorTrainBatch, got Array",
        );
        await expectNoLeaks(() => batchElement(batch, 0));
      });
    });

    describe('batchSlice', () => {
      it.each([
        [1, 3, [1, 2]],
        [-2, undefined, [2, 3]],
        [0, 100, [0, 1, 2, 3]],
        [undefined, undefined, [0, 1, 2, 3]],
      ])('batchSlice(batch, %j, %j) keeps elements %j', (start, stop, kept) => {
        const batch = randomBatch(matrixShapes, 4);
        const sliced = batchSlice(batch, start, stop);
        expect(sliced).toBeInstanceOf(TensorTrainBatch);
        expect(sliced.batchSize).toBe(kept.length);
        expect(sliced.ranks).toEqual(batch.ranks);
        expectClose(full(sliced), tf.gather(full(batch), tf.tensor1d(kept, 'int32')), { rtol: 1e-6, atol: 1e-7 });
        sliced.cores.forEach((core, k) => {
          expect(core).not.toBe(batch.cores[k]);
        });
      });

      it('passes gradients to the batch cores', () => {
        const batch = randomBatch(tensorShapes, 7);
        const weights = tf.randomNormal([2, 3, 2, 2], 0, 1, 'float32', 8);
        const viaSlice = tf.grads((...c: tf.Tensor[]) =>
          tf.sum(tf.mul(full(batchSlice(new TensorTrainBatch(c), 1, 3)), weights)),
        )([...batch.cores]);
        const viaDense = tf.grads((...c: tf.Tensor[]) =>
          tf.sum(tf.mul(tf.slice(full(new TensorTrainBatch(c)), [1], [2]), weights)),
        )([...batch.cores]);
        viaSlice.forEach((g, k) => {
          expectClose(g, viaDense[k]!, { rtol: 1e-5, atol: 1e-6 });
        });
      });

      it('rejects empty ranges and non-batches, and leaks nothing', async () => {
        const batch = randomBatch(tensorShapes, 5);
        expect(() => batchSlice(batch, 3, 3)).toThrow(
          'batchSlice: range {"start":3,"stop":3} selects nothing from the batch axis of size 4',
        );
        expect(() => batchSlice(batch, 1.5)).toThrow(
          'batchSlice: range start of the batch axis must be an integer, got 1.5',
        );
        expect(() => batchSlice(new TensorTrain([tf.ones([1, 2, 1])]) as never)).toThrow(
          "batchSlice: argument 'batch' must be a TensorTrainBatch, got a single TensorTrain",
        );
        await expectNoLeaks(() => batchSlice(batch, 1));
        batch.dispose();
        expect(() => batchSlice(batch, 1)).toThrow("batchSlice: argument 'batch' has disposed cores");
        expect(() => batchElement(batch, 1)).toThrow("batchElement: argument 'batch' has disposed cores");
      });
    });
  },
  { backends: ['wasm'] },
);

describeBackends('batchElement, batchSlice (smoke)', () => {
  it('agree with indexing the dense batch', () => {
    const batch = randomBatch(tensorShapes, 6);
    const dense = full(batch);
    expectClose(full(batchElement(batch, 3)), tf.reshape(tf.slice(dense, [3], [1]), [3, 2, 2]), {
      rtol: 1e-6,
      atol: 1e-7,
    });
    expectClose(full(batchSlice(batch, 0, 2)), tf.slice(dense, [0], [2]), { rtol: 1e-6, atol: 1e-7 });
  });
});
