import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { full } from '../ops/full.js';
import { TensorTrain } from '../tensor-train.js';
import { TensorTrainBatch } from '../tensor-train-batch.js';
import { coresRegularizer } from './cores-regularizer.js';
import { l2Regularizer } from './l2-regularizer.js';

const randomCores = (shapes: number[][], seed: number) =>
  shapes.map((shape, k) => tf.randomNormal(shape, 0, 1, 'float32', seed + k));

const tensorShapes = [
  [1, 3, 2],
  [2, 4, 3],
  [3, 2, 1],
];
const matrixShapes = [
  [1, 2, 3, 2],
  [2, 2, 1, 1],
];
const batchShapes = [
  [4, 1, 3, 2],
  [4, 2, 2, 1],
];

describeBackends(
  'regularizers',
  () => {
    describe('l2Regularizer', () => {
      it.each([
        ['TT-tensor', tensorShapes],
        ['TT-matrix', matrixShapes],
        ['d = 1', [[1, 5, 1]]],
      ])('is scale·Σ full(tt)² for a %s', (_, shapes) => {
        const tt = new TensorTrain(randomCores(shapes, 1));
        const penalty = l2Regularizer(0.3)(tt);
        expect(penalty.shape).toEqual([]);
        expectClose(penalty, tf.mul(tf.sum(tf.square(full(tt))), 0.3), { rtol: 1e-5, atol: 1e-6 });
      });

      it('gives one penalty per batch element', () => {
        const batch = new TensorTrainBatch(randomCores(batchShapes, 2));
        const penalty = l2Regularizer(2)(batch);
        expect(penalty.shape).toEqual([4]);
        expectClose(penalty, tf.mul(tf.sum(tf.square(full(batch)), [1, 2]), 2), { rtol: 1e-5, atol: 1e-6 });
      });

      it('has the gradient of the dense penalty with respect to every core', () => {
        const cores = randomCores(tensorShapes, 3);
        const viaTT = tf.grads((...c: tf.Tensor[]) => l2Regularizer(0.5)(new TensorTrain(c)))(cores);
        const viaDense = tf.grads((...c: tf.Tensor[]) => tf.mul(tf.sum(tf.square(full(new TensorTrain(c)))), 0.5))(
          cores,
        );
        viaTT.forEach((g, k) => {
          expectClose(g, viaDense[k]!, { rtol: 1e-4, atol: 1e-5 });
        });
      });

      it('returns zeros for scale 0', () => {
        expectClose(l2Regularizer(0)(new TensorTrain(randomCores(tensorShapes, 4))), 0, { rtol: 0, atol: 0 });
        expect(l2Regularizer(0)(new TensorTrainBatch(randomCores(batchShapes, 5))).shape).toEqual([4]);
      });

      it('rejects bad scales and arguments, and leaks nothing', async () => {
        for (const scale of [-1, Number.NaN, Number.POSITIVE_INFINITY, '1']) {
          expect(() => l2Regularizer(scale as number)).toThrow(
            `l2Regularizer: argument 'scale' must be a finite number ≥ 0, got ${String(scale)}`,
          );
        }
        expect(() => l2Regularizer(1)(tf.ones([2]) as never)).toThrow(
          "l2Regularizer: argument 'tt' must be a TensorTrain or TensorTrainBatch, got Tensor",
        );
        const tt = new TensorTrain(randomCores(tensorShapes, 6));
        await expectNoLeaks(() => l2Regularizer(0.1)(tt));
        await expectNoLeaks(() => l2Regularizer(0)(tt));
      });
    });

    describe('coresRegularizer', () => {
      const sumOfSquares = (core: tf.Tensor) => tf.sum(tf.square(core));

      it.each([
        ['TT-tensor', tensorShapes],
        ['TT-matrix', matrixShapes],
        ['batch', batchShapes],
      ])('is scale·Σ_k coreRegularizer(G_k) for a %s', (kind, shapes) => {
        const cores = randomCores(shapes, 7);
        const tt = kind === 'batch' ? new TensorTrainBatch(cores) : new TensorTrain(cores);
        const expected =
          0.25 * cores.reduce((sum, core) => sum + [...core.dataSync()].reduce((a, x) => a + x * x, 0), 0);
        expectClose(coresRegularizer(sumOfSquares, 0.25)(tt), expected, { rtol: 1e-5, atol: 1e-6 });
      });

      it('passes each core as stored and broadcasts the results', () => {
        const tt = new TensorTrainBatch(randomCores(batchShapes, 8));
        const seen: number[][] = [];
        const perElement = coresRegularizer((core) => {
          seen.push(core.shape);
          return tf.sum(core, [1, 2, 3]);
        }, 1)(tt);
        expect(seen).toEqual(batchShapes);
        expectClose(perElement, tf.add(tf.sum(tt.cores[0]!, [1, 2, 3]), tf.sum(tt.cores[1]!, [1, 2, 3])), {
          rtol: 1e-5,
          atol: 1e-6,
        });
      });

      it('has gradient 2·scale·G_k for the sum of squares', () => {
        const cores = randomCores(tensorShapes, 9);
        const grads = tf.grads((...c: tf.Tensor[]) => coresRegularizer(sumOfSquares, 0.5)(new TensorTrain(c)))(cores);
        grads.forEach((g, k) => {
          expectClose(g, cores[k]!, { rtol: 1e-6, atol: 1e-7 });
        });
      });

      it('rejects bad arguments and leaks nothing', async () => {
        expect(() => coresRegularizer('l2' as never, 1)).toThrow(
          "coresRegularizer: argument 'coreRegularizer' must be a function of a core returning a tensor, got string",
        );
        expect(() => coresRegularizer(sumOfSquares, -0.1)).toThrow(
          "coresRegularizer: argument 'scale' must be a finite number ≥ 0, got -0.1",
        );
        const tt = new TensorTrain(randomCores(tensorShapes, 10));
        expect(() => coresRegularizer(() => 1 as never, 1)(tt)).toThrow(
          "coresRegularizer: argument 'coreRegularizer' must return a tensor, got number for core 0",
        );
        expect(() => coresRegularizer(sumOfSquares, 1)({ cores: [] } as never)).toThrow(
          "coresRegularizer: argument 'tt' must be a TensorTrain or TensorTrainBatch, got Object",
        );
        await expectNoLeaks(() => coresRegularizer(sumOfSquares, 1)(tt));
        tt.dispose();
        expect(() => coresRegularizer(sumOfSquares, 1)(tt)).toThrow(
          "coresRegularizer: argument 'tt' has disposed cores",
        );
        expect(() => l2Regularizer(1)(tt)).toThrow("l2Regularizer: argument 'tt' has disposed cores");
      });
    });
  },
  { backends: ['wasm'] },
);

describeBackends('regularizers (smoke)', () => {
  it('compute the L2 penalty', () => {
    const tt = new TensorTrain(randomCores(tensorShapes, 11));
    expectClose(l2Regularizer(1)(tt), tf.sum(tf.square(full(tt))), { rtol: 1e-5, atol: 1e-6 });
    expectClose(coresRegularizer((c) => tf.sum(c), 2)(tt), tf.mul(tf.addN(tt.cores.map((c) => tf.sum(c))), 2), {
      rtol: 1e-5,
      atol: 1e-6,
    });
  });
});
