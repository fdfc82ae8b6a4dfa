import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { batchOf, single, tt } from '../../test/algebra-helpers.js';
import { TensorTrain } from '../tensor-train.js';
import { TensorTrainBatch } from '../tensor-train-batch.js';
import { bilinearForm } from './bilinear-form.js';
import { flatInner } from './flat-inner.js';
import { full } from './full.js';

// Sums of up to ~100 products of N(0, 1) entries (float32 partial sums).
const close = { rtol: 1e-4, atol: 1e-4 };
const lift = (x: TensorTrain | TensorTrainBatch) => (x instanceof TensorTrain ? tf.expandDims(full(x), 0) : full(x));
const denseInner = (a: TensorTrain | TensorTrainBatch, b: TensorTrain | TensorTrainBatch) => {
  const product = tf.mul(lift(a), lift(b));
  return tf.sum(
    product,
    product.shape.slice(1).map((_, i) => i + 1),
  );
};

describeBackends(
  'flatInner',
  () => {
    describe('flatInner (batches and performance paths)', () => {
      it.each([
        ['B × B tensors, uneven ranks', [[2], [3], [2]], [1, 2, 3, 1], [1, 3, 2, 1], 4, 4],
        ['1 × B', [[3], [2]], [1, 2, 1], [1, 2, 1], 1, 3],
        ['B × TT', [[2], [2], [2]], [1, 2, 2, 1], [1, 1, 3, 1], 3, undefined],
        [
          'B × B TT-matrices',
          [
            [2, 3],
            [1, 2],
          ],
          [1, 3, 1],
          [1, 2, 1],
          2,
          2,
        ],
        ['d = 1 batches', [[6]], [1, 1], [1, 1], 3, 3],
      ])('%s equals Σ a_i ⊙ b_i of the dense elements', (_, modes, ranksA, ranksB, batchA, batchB) => {
        const [a, b] = [tt(modes, ranksA, 1, batchA), tt(modes, ranksB, 2, batchB)];
        const values = flatInner(a, b);
        expect(values.shape).toEqual([Math.max(batchA ?? 1, batchB ?? 1)]);
        expectClose(values, denseInner(a, b), close);
      });

      it('gives ⟨a, a⟩ = ‖a‖² when both arguments share cores', () => {
        const a = single(
          [
            [3, 2],
            [2, 2],
            [2, 1],
          ],
          [1, 3, 2, 1],
          3,
        );
        expectClose(flatInner(a, a), tf.sum(tf.square(full(a))), close);
        const batch = batchOf([[2], [3]], [1, 2, 1], 3, 4);
        expectClose(flatInner(batch, batch), tf.sum(tf.square(full(batch)), [1, 2]), close);
      });

      it.each([
        ['d = 1 tensors', [[6]], [1, 1], [1, 1]],
        ['d = 2 tensors, uneven ranks', [[3], [4]], [1, 3, 1], [1, 2, 1]],
        ['d = 3 tensors', [[2], [3], [2]], [1, 2, 3, 1], [1, 3, 2, 1]],
        [
          'd = 4 TT-matrices',
          [
            [2, 3],
            [1, 2],
            [3, 1],
            [2, 2],
          ],
          [1, 2, 3, 2, 1],
          [1, 3, 1, 2, 1],
        ],
      ])('%s (two single TTs): value and gradient of the dense inner product, no leaks', async (_, modes, rA, rB) => {
        const [a, b] = [single(modes, rA, 30), single(modes, rB, 31)];
        expectClose(flatInner(a, b), tf.sum(tf.mul(full(a), full(b))), close);
        await expectNoLeaks(() => flatInner(a, b));
        const d = a.ndims;
        const inputs = [...a.cores, ...b.cores];
        const split = (xs: tf.Tensor[]) => [new TensorTrain(xs.slice(0, d)), new TensorTrain(xs.slice(d))] as const;
        const viaTT = tf.grads((...xs: tf.Tensor[]) => flatInner(...split(xs)))(inputs);
        const viaDense = tf.grads((...xs: tf.Tensor[]) => {
          const [x, y] = split(xs);
          return tf.sum(tf.mul(full(x), full(y)));
        })(inputs);
        viaTT.forEach((g, i) => {
          expectClose(g, viaDense[i]!, close);
        });
      });

      it('leaks nothing on batches and has the gradient of the dense inner product for batches', async () => {
        const modes = [[2], [3], [2]];
        const [a, b] = [batchOf(modes, [1, 2, 2, 1], 3, 5), batchOf(modes, [1, 3, 2, 1], 3, 6)];
        await expectNoLeaks(() => flatInner(a, b));
        const w = tf.tensor1d([0.5, -1, 2]);
        const inputs = [...a.cores, ...b.cores];
        const split = (xs: tf.Tensor[]) =>
          [new TensorTrainBatch(xs.slice(0, 3)), new TensorTrainBatch(xs.slice(3))] as const;
        const viaTT = tf.grads((...xs: tf.Tensor[]) => tf.sum(tf.mul(w, flatInner(...split(xs)))))(inputs);
        const viaDense = tf.grads((...xs: tf.Tensor[]) => tf.sum(tf.mul(w, denseInner(...split(xs)))))(inputs);
        viaTT.forEach((g, i) => {
          expectClose(g, viaDense[i]!, close);
        });
      });

      it('supports second derivatives (a Hessian-vector product of xᵀAx over a batch of x)', () => {
        const modes = [
          [2, 1],
          [3, 1],
        ];
        const A = single(
          [
            [2, 2],
            [3, 3],
          ],
          [1, 2, 1],
          7,
        );
        const x = batchOf(modes, [1, 2, 1], 2, 8);
        const v = x.cores.map((core, k) => tf.randomNormal(core.shape, 0, 1, 'float32', 9 + k));
        const dense = (xs: TensorTrainBatch) => {
          const vectors = tf.reshape(full(xs), [2, 6, 1]);
          const m = tf.tile(tf.expandDims(full(A), 0), [2, 1, 1]);
          return tf.sum(tf.matMul(tf.transpose(vectors, [0, 2, 1]), tf.matMul(m, vectors)));
        };
        const hvp = (f: (xs: TensorTrainBatch) => tf.Tensor) =>
          tf.grads((...cores: tf.Tensor[]) => {
            const grads = tf.grads((...c: tf.Tensor[]) => f(new TensorTrainBatch(c)))(cores);
            return tf.addN(grads.map((g, k) => tf.sum(tf.mul(g, v[k]!))));
          })([...x.cores]);
        const viaTT = hvp((xs) => tf.sum(bilinearForm(A, xs, xs)));
        viaTT.forEach((h, k) => {
          expectClose(h, hvp(dense)[k]!, { rtol: 1e-4, atol: 1e-3 });
        });
      });
    });
  },
  { backends: ['wasm'] },
);

describeBackends('flatInner smoke test', () => {
  it('agrees with the dense inner products for batches', () => {
    const modes = [
      [2, 2],
      [3, 1],
    ];
    const [a, b] = [batchOf(modes, [1, 2, 1], 3, 20), single(modes, [1, 3, 1], 21)];
    expectClose(flatInner(a, b), denseInner(a, b), close);
    expectClose(flatInner(a, a), denseInner(a, a), close);
  });
});
