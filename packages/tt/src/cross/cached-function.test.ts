import { expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { type CrossFunction, cachedFunction } from './cached-function.js';

/** 100·i + 10·j + k on a [4, 5, 6] grid, on the host, counting calls and batch sizes. */
function counted() {
  const batches: number[] = [];
  const f: CrossFunction = (indices) => {
    batches.push(indices.shape[0]);
    const v = indices.dataSync();
    return Array.from({ length: indices.shape[0] }, (_, p) => 100 * v[3 * p]! + 10 * v[3 * p + 1]! + v[3 * p + 2]!);
  };
  return { f, batches };
}

describeBackends('cachedFunction', () => {
  describe('cachedFunction', () => {
    it('evaluates each distinct multi-index once, in one call per batch of new ones', () => {
      const { f, batches } = counted();
      const cached = cachedFunction(f, [4, 5, 6], 'ttCross');
      expect(Array.from(cached.evaluate(Int32Array.of(1, 2, 3, 0, 0, 5, 1, 2, 3), 3))).toEqual([123, 5, 123]);
      expect(Array.from(cached.evaluate(Int32Array.of(0, 0, 5, 3, 4, 5), 2))).toEqual([5, 345]);
      expect(Array.from(cached.evaluate(Int32Array.of(3, 4, 5), 1))).toEqual([345]);
      expect(batches).toEqual([2, 1]);
      expect(cached.evaluations()).toBe(3);
    });

    it('keys huge grids by the index list (Π n_k > 2^53)', () => {
      const { f, batches } = counted();
      const cached = cachedFunction(f, [2 ** 30, 2 ** 30, 2 ** 30], 'ttCross');
      cached.evaluate(Int32Array.of(1, 2, 3, 1, 2, 4), 2);
      cached.evaluate(Int32Array.of(1, 2, 4, 2, 2, 3), 2);
      expect(batches).toEqual([2, 1]);
    });

    it('reads tensors (float32, int32) and arrays (number[], Float32Array, Float64Array)', () => {
      const results: ((b: number) => tf.Tensor | ArrayLike<number>)[] = [
        (b) => tf.fill([b], 0.5),
        (b) => tf.fill([b], 2, 'int32'),
        (b) => new Array<number>(b).fill(0.25),
        (b) => new Float32Array(b).fill(4),
        (b) => new Float64Array(b).fill(1 / 3),
      ];
      const expected = [0.5, 2, 0.25, 4, 1 / 3];
      results.forEach((make, t) => {
        const cached = cachedFunction((indices) => make(indices.shape[0]), [3], 'ttCross');
        expect(Array.from(cached.evaluate(Int32Array.of(0, 2), 2))).toEqual([expected[t], expected[t]]);
      });
    });

    it.each<[string, CrossFunction, RegExp]>([
      ['too few values', () => [1], /ttCross: argument 'f' must return .* array of 2 numbers .* got \[1\]/],
      ['a [2, 1] tensor', () => tf.ones([2, 1]), /ttCross: argument 'f' must return .* shape \[2\]/],
      ['a bool tensor', () => tf.tensor1d([true, false], 'bool'), /ttCross: argument 'f' .* got a bool tensor/],
      ['a number', (() => 1) as unknown as CrossFunction, /ttCross: argument 'f' must return .* got 1/],
      ['strings', (() => ['a', 'b']) as unknown as CrossFunction, /ttCross: argument 'f' must return/],
      [
        'NaN',
        () => tf.tensor1d([1, Number.NaN]),
        /ttCross: argument 'f' returned the non-finite value NaN at the multi-index \[1\]/,
      ],
      ['Infinity', () => [Number.POSITIVE_INFINITY, 0], /non-finite value Infinity at the multi-index \[0\]/],
    ])('f returning %s is an error naming ttCross and f, leaking nothing', async (_, f, message) => {
      await expectNoLeaks(() => {
        expect(() => cachedFunction(f, [3], 'ttCross').evaluate(Int32Array.of(0, 1), 2)).toThrow(message);
      });
    });

    it("frees f's tensors, also when f throws", async () => {
      await expectNoLeaks(() => {
        const f: CrossFunction = (indices) => tf.add(tf.cast(tf.sum(indices, 1), 'float32'), tf.scalar(1));
        expect(Array.from(cachedFunction(f, [3, 3], 'ttCross').evaluate(Int32Array.of(1, 2), 1))).toEqual([4]);
      });
      await expectNoLeaks(() => {
        const f: CrossFunction = (indices) => {
          tf.mul(indices, 2);
          throw new Error('user error');
        };
        expect(() => cachedFunction(f, [3], 'ttCross').evaluate(Int32Array.of(1), 1)).toThrow('user error');
      });
    });
  });
});
