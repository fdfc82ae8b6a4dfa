import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { TensorTrain } from '../tensor-train.js';
import { TensorTrainBatch } from '../tensor-train-batch.js';
import { add } from './add.js';
import { flatInner } from './flat-inner.js';
import { full } from './full.js';

const randomTT = (shapes: number[][], seed: number) =>
  new TensorTrain(shapes.map((shape, k) => tf.randomNormal(shape, 0, 1, 'float32', seed + k)));
const randomBatch = (shapes: number[][], seed: number) =>
  new TensorTrainBatch(shapes.map((shape, k) => tf.randomNormal(shape, 0, 1, 'float32', seed + k)));

describeBackends(
  'add and flatInner',
  () => {
    describe('add', () => {
      it.each([
        [
          [
            [1, 2, 3],
            [3, 4, 2],
            [2, 3, 1],
          ],
          [
            [1, 2, 1],
            [1, 4, 4],
            [4, 3, 1],
          ],
        ],
        [[[1, 5, 1]], [[1, 5, 1]]],
        [
          [
            [1, 2, 3, 2],
            [2, 3, 1, 1],
          ],
          [
            [1, 2, 3, 3],
            [3, 3, 1, 1],
          ],
        ],
      ])('sums exactly and adds ranks (%j + %j)', (shapesA, shapesB) => {
        const [a, b] = [randomTT(shapesA, 1), randomTT(shapesB, 20)];
        const sum = add(a, b);
        expect(sum.ranks).toEqual(a.ranks.map((r, k) => (k === 0 || k === a.ndims ? 1 : r + b.ranks[k]!)));
        expectClose(full(sum), tf.add(full(a), full(b)), { rtol: 1e-5, atol: 1e-5 });
        tf.dispose([a, b, sum].flatMap((t) => [...t.cores]));
      });

      it('broadcasts a single TT against a batch', () => {
        const a = randomTT(
          [
            [1, 2, 2],
            [2, 3, 1],
          ],
          3,
        );
        const b = randomBatch(
          [
            [4, 1, 2, 1],
            [4, 1, 3, 1],
          ],
          4,
        );
        const sum = add(a, b) as TensorTrainBatch;
        expect(sum.batchSize).toBe(4);
        expectClose(full(sum), tf.add(tf.expandDims(full(a), 0), full(b)), { rtol: 1e-5, atol: 1e-5 });
      });

      it('rejects mismatched shapes and batch sizes, naming them', () => {
        const a = randomTT(
          [
            [1, 2, 2],
            [2, 3, 1],
          ],
          5,
        );
        const b = randomTT(
          [
            [1, 2, 2],
            [2, 4, 1],
          ],
          6,
        );
        expect(() => add(a, b)).toThrow('add: arguments must have the same raw shape, got [2,3] and [2,4]');
        const [p, q] = [randomBatch([[2, 1, 2, 1]], 7), randomBatch([[3, 1, 2, 1]], 8)];
        expect(() => add(p, q)).toThrow('add: batch sizes 2 and 3 do not broadcast');
      });

      it('leaks nothing and is differentiable', async () => {
        const [a, b] = [
          randomTT(
            [
              [1, 2, 2],
              [2, 3, 1],
            ],
            9,
          ),
          randomTT(
            [
              [1, 2, 1],
              [1, 3, 1],
            ],
            10,
          ),
        ];
        await expectNoLeaks(() => add(a, b));
        const grad = tf.grad((c) => tf.sum(full(add(new TensorTrain([c, a.cores[1]!]), b))))(a.cores[0]!);
        expect(grad.shape).toEqual([1, 2, 2]);
      });
    });

    describe('flatInner', () => {
      it.each([
        [
          [
            [1, 3, 2],
            [2, 4, 3],
            [3, 2, 1],
          ],
          [
            [1, 3, 3],
            [3, 4, 1],
            [1, 2, 1],
          ],
        ],
        [
          [
            [1, 2, 3, 2],
            [2, 2, 1, 1],
          ],
          [
            [1, 2, 3, 1],
            [1, 2, 1, 1],
          ],
        ],
      ])('equals Σ A∘B of the dense objects', (shapesA, shapesB) => {
        const [a, b] = [randomTT(shapesA, 11), randomTT(shapesB, 30)];
        expectClose(flatInner(a, b), tf.sum(tf.mul(full(a), full(b))), { rtol: 1e-5, atol: 1e-5 });
      });

      it('gives one value per batch element, broadcasting a single TT', async () => {
        const a = randomBatch(
          [
            [3, 1, 2, 2],
            [3, 2, 3, 1],
          ],
          12,
        );
        const b = randomTT(
          [
            [1, 2, 1],
            [1, 3, 1],
          ],
          13,
        );
        const values = flatInner(a, b);
        expect(values.shape).toEqual([3]);
        expectClose(values, tf.sum(tf.mul(full(a), tf.expandDims(full(b), 0)), [1, 2]), { rtol: 1e-5, atol: 1e-5 });
        await expectNoLeaks(() => flatInner(a, b));
      });

      it('has the gradient of the dense inner product: ∂⟨A, B⟩/∂B_cores through full', () => {
        const [a, b] = [
          randomTT(
            [
              [1, 2, 2],
              [2, 3, 1],
            ],
            14,
          ),
          randomTT(
            [
              [1, 2, 2],
              [2, 3, 1],
            ],
            15,
          ),
        ];
        const viaFlat = tf.grad((c) => flatInner(a, new TensorTrain([c, b.cores[1]!])))(b.cores[0]!);
        const viaDense = tf.grad((c) => tf.sum(tf.mul(full(a), full(new TensorTrain([c, b.cores[1]!])))))(b.cores[0]!);
        expectClose(viaFlat, viaDense, { rtol: 1e-5, atol: 1e-5 });
      });

      it('rejects a tensor against a matrix', () => {
        const a = randomTT([[1, 6, 1]], 16);
        const b = randomTT([[1, 2, 3, 1]], 17);
        expect(() => flatInner(a, b)).toThrow('flatInner: arguments must have the same raw shape, got [6] and [2]x[3]');
      });
    });
  },
  { backends: ['wasm'] },
);
