import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { batchOf, element, productRanks, single, tt } from '../../test/algebra-helpers.js';
import { TensorTrain } from '../tensor-train.js';
import { TensorTrainBatch } from '../tensor-train-batch.js';
import { full } from './full.js';
import { multiply } from './multiply.js';
import { subtract } from './subtract.js';

const close = { rtol: 1e-5, atol: 1e-5 };

describeBackends(
  'multiply and subtract',
  () => {
    describe('multiply (Hadamard)', () => {
      it.each([
        ['d = 3 tensors, uneven ranks', [[2], [3], [4]], [1, 2, 3, 1], [1, 3, 1, 1]],
        ['d = 1', [[5]], [1, 1], [1, 1]],
        [
          'd = 2 TT-matrices',
          [
            [2, 3],
            [3, 2],
          ],
          [1, 3, 1],
          [1, 2, 1],
        ],
        ['d = 4 with a mode of 1', [[2], [1], [3], [2]], [1, 2, 2, 2, 1], [1, 2, 1, 3, 1]],
      ])('%s: equals full(a)·full(b) and multiplies the ranks', (_, modes, ranksA, ranksB) => {
        const [a, b] = [single(modes, ranksA, 1), single(modes, ranksB, 2)];
        const c = multiply(a, b);
        expect(c).toBeInstanceOf(TensorTrain);
        expect(c.ranks).toEqual(productRanks(ranksA, ranksB));
        expect(c.rawShape).toEqual(a.rawShape);
        expectClose(full(c), tf.mul(full(a), full(b)), close);
      });

      it('puts the rank index of A major: core k is the Kronecker product of the slices', () => {
        const [a, b] = [single([[2], [2]], [1, 2, 1], 3), single([[2], [2]], [1, 3, 1], 4)];
        const core = multiply(a, b).cores[0]!.arraySync() as number[][][];
        const [ca, cb] = [a.cores[0]!.arraySync() as number[][][], b.cores[0]!.arraySync() as number[][][]];
        for (let i = 0; i < 2; i++) {
          for (let p = 0; p < 2; p++) {
            for (let q = 0; q < 3; q++) expect(core[0]![i]![p * 3 + q]).toBeCloseTo(ca[0]![i]![p]! * cb[0]![i]![q]!, 5);
          }
        }
      });

      it.each([
        ['batch × TT', 3, undefined, 3],
        ['TT × batch', undefined, 3, 3],
        ['B × B', 3, 3, 3],
        ['1 × B', 1, 3, 3],
        ['B × 1', 3, 1, 3],
        ['1 × 1', 1, 1, 1],
      ])('broadcasts %s', (_, batchA, batchB, expected) => {
        const modes = [[2], [3], [2]];
        const a = tt(modes, [1, 2, 2, 1], 5, batchA);
        const b = tt(modes, [1, 3, 1, 1], 6, batchB);
        const c = multiply(a, b) as TensorTrainBatch;
        expect(c).toBeInstanceOf(TensorTrainBatch);
        expect(c.batchSize).toBe(expected);
        expect(c.ranks).toEqual([1, 6, 2, 1]);
        const dense = (x: TensorTrain | TensorTrainBatch) =>
          x instanceof TensorTrain ? tf.expandDims(full(x), 0) : full(x);
        expectClose(full(c), tf.mul(dense(a), dense(b)), close);
      });

      it('multiplies batches of TT-matrices elementwise', () => {
        const modes = [
          [2, 2],
          [3, 1],
        ];
        const [a, b] = [batchOf(modes, [1, 2, 1], 2, 7), batchOf(modes, [1, 2, 1], 2, 8)];
        const c = multiply(a, b);
        for (let i = 0; i < 2; i++) {
          expectClose(full(element(c, i)), tf.mul(full(element(a, i)), full(element(b, i))), close);
        }
      });

      it('rejects mismatched raw shapes, tensor vs matrix, bad batch sizes and bad arguments', () => {
        const a = single([[2], [3]], [1, 2, 1], 9);
        expect(() => multiply(a, single([[2], [4]], [1, 2, 1], 10))).toThrow(
          'multiply: arguments must have the same raw shape, got [2,3] and [2,4]',
        );
        expect(() =>
          multiply(
            a,
            single(
              [
                [2, 1],
                [3, 1],
              ],
              [1, 2, 1],
              11,
            ),
          ),
        ).toThrow('multiply: arguments must have the same raw shape, got [2,3] and [2,3]x[1,1]');
        expect(() => multiply(batchOf([[2], [3]], [1, 1, 1], 2, 12), batchOf([[2], [3]], [1, 1, 1], 3, 13))).toThrow(
          'multiply: batch sizes 2 and 3 do not broadcast',
        );
        expect(() => multiply(a, tf.ones([2]))).toThrow(
          "multiply: argument 'b' must be a TensorTrain, TensorTrainBatch, number or scalar tensor, got a tensor of shape [2]",
        );
        expect(() => multiply(a, 'x' as never)).toThrow(
          "multiply: argument 'b' must be a TensorTrain or TensorTrainBatch, got string",
        );
        expect(() => multiply(tf.ones([2]) as never, a)).toThrow(
          "multiply: argument 'a' must be a TensorTrain or TensorTrainBatch, got Tensor",
        );
        const disposed = single([[2], [3]], [1, 1, 1], 14);
        disposed.dispose();
        expect(() => multiply(a, disposed)).toThrow("multiply: argument 'b' has disposed cores");
        const scalar = tf.scalar(2);
        scalar.dispose();
        expect(() => multiply(a, scalar)).toThrow('got a disposed tensor');
      });

      it('leaks nothing and returns new cores', async () => {
        const [a, b] = [single([[2], [3]], [1, 2, 1], 15), batchOf([[2], [3]], [1, 2, 1], 2, 16)];
        await expectNoLeaks(() => multiply(a, b));
        await expectNoLeaks(() => multiply(b, a));
        await expectNoLeaks(() => multiply(a, -2));
        const c = multiply(a, 1);
        expect(c.cores.some((core) => a.cores.includes(core))).toBe(false);
      });

      it('has the gradient of the dense Hadamard product with respect to both factors', () => {
        const [a, b] = [single([[2], [3], [2]], [1, 2, 3, 1], 17), single([[2], [3], [2]], [1, 2, 2, 1], 18)];
        const w = tf.randomNormal([2, 3, 2], 0, 1, 'float32', 19);
        const loss =
          (f: (x: TensorTrain, y: TensorTrain) => tf.Tensor) =>
          (...cores: tf.Tensor[]) =>
            tf.sum(tf.mul(w, f(new TensorTrain(cores.slice(0, 3)), new TensorTrain(cores.slice(3)))));
        const inputs = [...a.cores, ...b.cores];
        const viaTT = tf.grads(loss((x, y) => full(multiply(x, y))))(inputs);
        const viaDense = tf.grads(loss((x, y) => tf.mul(full(x), full(y))))(inputs);
        viaTT.forEach((g, i) => {
          expectClose(g, viaDense[i]!, close);
        });
      });
    });

    describe('multiply (scalar)', () => {
      it.each([
        [2.5, 3],
        [-0.7, 3],
        [-3, 1],
        [8, 2],
      ])('c = %d with d = %d scales every core by |c|^(1/d) and the first by sign(c)', (c, d) => {
        const modes = Array.from({ length: d }, (_, k) => [k + 2]);
        const ranks = Array.from({ length: d + 1 }, (_, k) => (k === 0 || k === d ? 1 : 2));
        const a = single(modes, ranks, 20 + d);
        const scaled = multiply(a, c);
        expect(scaled.ranks).toEqual(a.ranks);
        const magnitude = Math.abs(c) ** (1 / d);
        scaled.cores.forEach((core, k) => {
          expectClose(core, tf.mul(a.cores[k]!, k === 0 ? Math.sign(c) * magnitude : magnitude), close);
        });
        expectClose(full(scaled), tf.mul(full(a), c), close);
      });

      it('c = 0 gives the zero tensor with unchanged ranks', () => {
        const a = single([[2], [3], [2]], [1, 2, 2, 1], 30);
        const zero = multiply(a, 0);
        expect(zero.ranks).toEqual([1, 2, 2, 1]);
        expectClose(full(zero), 0, { atol: 0, rtol: 0 });
      });

      it('accepts a scalar tensor (int32 too), scales batches, and is differentiable in c', () => {
        const a = single([[2], [3]], [1, 2, 1], 31);
        expectClose(full(multiply(a, tf.scalar(-2))), tf.mul(full(a), -2), close);
        expectClose(full(multiply(a, tf.scalar(3, 'int32'))), tf.mul(full(a), 3), close);
        const batch = batchOf([[2], [3]], [1, 2, 1], 3, 32);
        const scaled = multiply(batch, -1.5);
        expect(scaled).toBeInstanceOf(TensorTrainBatch);
        expectClose(full(scaled), tf.mul(full(batch), -1.5), close);
        // d/dc Σ full(c·A) = Σ full(A), for c of either sign.
        for (const c of [-1.5, 0.8]) {
          const grad = tf.grad((x) => tf.sum(full(multiply(a, x))))(tf.scalar(c));
          expectClose(grad, tf.sum(full(a)), { rtol: 1e-4, atol: 1e-5 });
        }
      });
    });

    describe('subtract', () => {
      it.each([
        ['tensors', [[2], [3], [2]], [1, 2, 3, 1], [1, 1, 2, 1]],
        ['d = 1', [[4]], [1, 1], [1, 1]],
        [
          'TT-matrices',
          [
            [2, 2],
            [2, 3],
          ],
          [1, 3, 1],
          [1, 2, 1],
        ],
      ])('%s: equals full(a) − full(b) and adds the ranks', (_, modes, ranksA, ranksB) => {
        const [a, b] = [single(modes, ranksA, 40), single(modes, ranksB, 41)];
        const d = subtract(a, b);
        expect(d.ranks).toEqual(ranksA.map((r, k) => (k === 0 || k === modes.length ? 1 : r + ranksB[k]!)));
        expectClose(full(d), tf.sub(full(a), full(b)), close);
      });

      it('broadcasts a single TT against a batch, both ways', () => {
        const modes = [[2], [3]];
        const [a, b] = [single(modes, [1, 2, 1], 42), batchOf(modes, [1, 2, 1], 3, 43)];
        expectClose(full(subtract(a, b)), tf.sub(tf.expandDims(full(a), 0), full(b)), close);
        expectClose(full(subtract(b, a)), tf.sub(full(b), tf.expandDims(full(a), 0)), close);
      });

      it('names itself in errors, leaks nothing, and is differentiable', async () => {
        const a = single([[2], [3]], [1, 2, 1], 44);
        expect(() => subtract(a, single([[3], [3]], [1, 2, 1], 45))).toThrow(
          'subtract: arguments must have the same raw shape, got [2,3] and [3,3]',
        );
        expect(() => subtract(batchOf([[2], [3]], [1, 1, 1], 2, 46), batchOf([[2], [3]], [1, 1, 1], 4, 47))).toThrow(
          'subtract: batch sizes 2 and 4 do not broadcast',
        );
        expect(() => subtract(a, null as never)).toThrow("subtract: argument 'b' must be a TensorTrain");
        // Before: a string or bool scalar tensor reached tf.cast (a raw tfjs error, or true·A).
        expect(() => multiply(a, tf.scalar('x') as never)).toThrow(
          "multiply: argument 'b' must be a float32 or int32 scalar tensor, got string",
        );
        expect(() => multiply(a, tf.scalar(true) as never)).toThrow(
          "multiply: argument 'b' must be a float32 or int32 scalar tensor, got bool",
        );
        const b = single([[2], [3]], [1, 3, 1], 48);
        await expectNoLeaks(() => subtract(a, b));
        const w = tf.randomNormal([2, 3], 0, 1, 'float32', 49);
        const viaTT = tf.grad((c) => tf.sum(tf.mul(w, full(subtract(a, new TensorTrain([c, b.cores[1]!]))))))(
          b.cores[0]!,
        );
        const viaDense = tf.grad((c) => tf.sum(tf.mul(w, tf.neg(full(new TensorTrain([c, b.cores[1]!]))))))(
          b.cores[0]!,
        );
        expectClose(viaTT, viaDense, close);
      });
    });
  },
  { backends: ['wasm'] },
);

describeBackends('multiply and subtract smoke test', () => {
  it('agree with the dense computation', () => {
    const modes = [
      [2, 2],
      [2, 1],
    ];
    const [a, b] = [batchOf(modes, [1, 2, 1], 2, 50), single(modes, [1, 3, 1], 51)];
    expectClose(full(multiply(a, b)), tf.mul(full(a), tf.expandDims(full(b), 0)), close);
    expectClose(full(subtract(a, b)), tf.sub(full(a), tf.expandDims(full(b), 0)), close);
    expectClose(full(multiply(b, -2)), tf.mul(full(b), -2), close);
  });
});
