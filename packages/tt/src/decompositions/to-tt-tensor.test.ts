import { svd } from '@proj/core/linalg';
import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { denseTensor } from '../../test/dense-reference.js';
import { hostDistance, hostNorm } from '../../test/random-tt.js';
import { full } from '../ops/full.js';
import { toTTTensor } from './to-tt-tensor.js';

/** Σ_{j<terms} a_j ⊗ b_j ⊗ ...: TT-ranks ≤ terms exactly. */
function sumOfRankOne(sizes: number[], terms: number, seed: number): tf.Tensor {
  return tf.tidy(() => {
    let sum = tf.zeros(sizes);
    for (let j = 0; j < terms; j++) {
      let term: tf.Tensor = tf.ones([]);
      sizes.forEach((n, k) => {
        const factor = tf.randomNormal([n], 0, 1, 'float32', seed + 100 * j + k);
        term = tf.reshape(tf.mul(tf.expandDims(term, -1), factor), sizes.slice(0, k + 1));
      });
      sum = tf.add(sum, term);
    }
    return sum;
  });
}

/** The smallest r with √(Σ_{i≥r} s_i²) ≤ tol (host float64). */
function rankForTolerance(s: Float32Array | number[], tol: number): number {
  let tail = 0;
  let rank = s.length;
  for (let i = s.length - 1; i >= 0; i--) {
    tail += s[i]! ** 2;
    if (Math.sqrt(tail) > tol) break;
    rank = i;
  }
  return rank;
}

describeBackends(
  'toTTTensor',
  () => {
    describe('toTTTensor', () => {
      it.each([
        [[5], [1, 1]],
        [
          [3, 4],
          [1, 3, 1],
        ],
        [
          [2, 3, 4],
          [1, 2, 4, 1],
        ],
        [
          [2, 3, 4, 5],
          [1, 2, 6, 5, 1],
        ],
        [
          [3, 1, 4, 2],
          [1, 3, 3, 2, 1],
        ],
      ])('reconstructs a %j tensor exactly at the natural ranks %j', (sizes, ranks) => {
        const dense = tf.randomNormal(sizes, 0, 1, 'float32', 1);
        const tt = toTTTensor(dense, { maxTTRank: 100 });
        expect(tt.ranks).toEqual(ranks);
        expect(tt.rawShape).toEqual([sizes]);
        // Float32 cores from a float64 SVD: a few roundings per entry.
        expectClose(full(tt), dense, { rtol: 1e-4, atol: 1e-5 });
        expectClose(denseTensor(tt.cores), dense, { rtol: 1e-4, atol: 1e-5 });
      });

      it("keeps T3F's ranks min(maxTTRank, rows, columns) without epsilon, zero singular values included", () => {
        const dense = sumOfRankOne([4, 5, 6, 3], 2, 10); // true TT-ranks [1, 2, 2, 2, 1]
        expect(toTTTensor(dense).ranks).toEqual([1, 4, 10, 3, 1]);
        expect(toTTTensor(dense, { maxTTRank: 3 }).ranks).toEqual([1, 3, 3, 3, 1]);
        expect(toTTTensor(dense, { maxTTRank: [1, 1, 5, 2, 1] }).ranks).toEqual([1, 1, 5, 2, 1]);
        expect(toTTTensor(dense, { maxTTRank: 1 }).ranks).toEqual([1, 1, 1, 1, 1]);
      });

      it('left cores are left-orthonormal', () => {
        const tt = toTTTensor(tf.randomNormal([3, 4, 5], 0, 1, 'float32', 2), { maxTTRank: 3 });
        for (let k = 0; k < 2; k++) {
          const core = tf.reshape(tt.cores[k]!, [-1, tt.ranks[k + 1]!]);
          expectClose(tf.matMul(tf.transpose(core), core), tf.eye(tt.ranks[k + 1]!), { atol: 1e-5 });
        }
      });

      it('with epsilon reaches the true small ranks of a sum of rank-1 terms', () => {
        const dense = sumOfRankOne([5, 6, 4, 5], 3, 20);
        const tt = toTTTensor(dense, { maxTTRank: 100, epsilon: 1e-3 });
        expect(tt.ranks).toEqual([1, 3, 3, 3, 1]);
        expect(hostDistance(full(tt), dense)).toBeLessThanOrEqual(1e-3 * hostNorm(dense));
      });

      it('with epsilon reaches rank 4 for exp(−4xy) on a 64 × 64 grid (T3F issue #202)', () => {
        const x = tf.linspace(0, 1, 64);
        const dense = tf.exp(tf.mul(-4, tf.outerProduct(x, x)));
        // numpy 2.4: singular values / ‖A‖ = 0.97, 0.24, 0.031, 0.0027, 1.7e-4, ...: the tail after 4 is < 1e-3.
        const tt = toTTTensor(dense, { epsilon: 1e-3 });
        expect(tt.ranks).toEqual([1, 4, 1]);
        const s = svd(dense).s.dataSync() as Float32Array;
        expect(tt.ranks[1]).toBe(rankForTolerance(s, 1e-3 * hostNorm(dense)));
        expect(hostDistance(full(tt), dense)).toBeLessThanOrEqual(1e-3 * hostNorm(dense));
        expect(toTTTensor(dense).ranks).toEqual([1, 10, 1]); // T3F keeps 10
      });

      it.each([0.05, 0.2, 0.5])(
        'guarantees ‖A − TT‖ ≤ ε‖A‖ on a random tensor (ε = %f) with lower ranks',
        (epsilon) => {
          const dense = tf.randomNormal([4, 5, 6, 5], 0, 1, 'float32', 3);
          const tt = toTTTensor(dense, { maxTTRank: 100, epsilon });
          const error = hostDistance(full(tt), dense);
          expect(error).toBeLessThanOrEqual(epsilon * hostNorm(dense));
          expect(error).toBeGreaterThan(0);
          // Natural ranks [1, 4, 20, 5, 1]; a random tensor is incompressible at 5%, not at 20%.
          const natural = 1 + 4 + 20 + 5 + 1;
          if (epsilon < 0.1) expect(tt.ranks.reduce((a, b) => a + b)).toBeLessThanOrEqual(natural);
          else expect(tt.ranks.reduce((a, b) => a + b)).toBeLessThan(natural);
        },
      );

      it('per step keeps the fewest singular values within δ = ε‖A‖/√(d − 1)', () => {
        const dense = tf.randomNormal([6, 30], 0, 1, 'float32', 4);
        const epsilon = 0.3;
        const tt = toTTTensor(dense, { epsilon, maxTTRank: 100 });
        const s = svd(dense).s.dataSync() as Float32Array;
        expect(tt.ranks[1]).toBe(rankForTolerance(s, epsilon * hostNorm(dense)));
        // d = 3: the first step's budget is ε‖A‖/√2, read off the first unfolding's singular values.
        const cube = tf.randomNormal([4, 6, 5], 0, 1, 'float32', 5);
        const first = svd(tf.reshape(cube, [4, 30])).s.dataSync() as Float32Array;
        const expected = rankForTolerance(first, (0.6 * hostNorm(cube)) / Math.SQRT2);
        expect(expected).toBeGreaterThan(rankForTolerance(first, 0.6 * hostNorm(cube))); // the case tells them apart
        expect(toTTTensor(cube, { epsilon: 0.6, maxTTRank: 100 }).ranks[1]).toBe(expected);
        // maxTTRank wins over epsilon.
        expect(toTTTensor(dense, { epsilon: 1e-6, maxTTRank: 2 }).ranks).toEqual([1, 2, 1]);
      });

      it('accepts nested arrays, typed arrays and int32 tensors', () => {
        const tt = toTTTensor([
          [1, 2],
          [3, 4],
        ]);
        expectClose(full(tt), [
          [1, 2],
          [3, 4],
        ]);
        expectClose(full(toTTTensor(tf.tensor2d([[1, 2]], [1, 2], 'int32'))), [[1, 2]]);
        expectClose(full(toTTTensor(new Float64Array([1, -2, 3]))), [1, -2, 3]);
      });

      it('rejects a NaN or ±Infinity entry, naming its index, instead of returning NaN everywhere', () => {
        // Before: one NaN entry made every entry of the result NaN (the SVDs mix all entries), silently.
        const withNaN = tf.tensor3d([1, 2, 3, 4, 5, 6, 7, Number.NaN], [2, 2, 2]);
        expect(() => toTTTensor(withNaN, { epsilon: 0.1 })).toThrow(
          "toTTTensor: argument 'dense' has a non-finite entry NaN at [1,1,1]",
        );
        expect(() => toTTTensor(withNaN)).toThrow('would make every entry of the result NaN');
        expect(() =>
          toTTTensor([
            [1, Number.NEGATIVE_INFINITY],
            [3, 4],
          ]),
        ).toThrow("toTTTensor: argument 'dense' has a non-finite entry -Infinity at [0,1]");
      });

      it('names the argument for values that are not tensors or nested arrays of numbers', () => {
        for (const [dense, message] of [
          [{}, "toTTTensor: argument 'dense' must be a tensor, a typed array or (nested) arrays of numbers, got {}"],
          ['abc', "toTTTensor: argument 'dense' must be a tensor, a typed array or (nested) arrays of numbers"],
          [
            [[1, 2], [3]],
            "toTTTensor: argument 'dense' must be rectangular (a nested array of shape [2,2]), got [3] at dense[1]",
          ],
          [[[1, 'a']], "toTTTensor: argument 'dense' must hold numbers, got the string 'a' at dense[0][1]"],
          [[true, false], "toTTTensor: argument 'dense' must hold numbers, got true at dense[0]"],
        ] as const) {
          expect(() => toTTTensor(dense as never)).toThrow(message);
        }
      });

      it('reads a list of d + 1 rank caps as T3F does, ignoring its ends', () => {
        const dense = tf.randomNormal([2, 3, 4], 0, 1, 'float32', 8);
        const inner = toTTTensor(dense, { maxTTRank: [1, 2, 3, 1] });
        for (const caps of [
          [2, 2, 3, 2],
          [7, 2, 3, 9],
        ]) {
          const t3f = toTTTensor(dense, { maxTTRank: caps });
          expect(t3f.ranks).toEqual([1, 2, 3, 1]);
          expectClose(full(t3f), full(inner), { rtol: 0, atol: 0 });
        }
        // The inner caps bind (the natural ranks are [1, 2, 4, 1]); before, a list not starting and ending with
        // 1 was an error.
        expect(toTTTensor(dense, { maxTTRank: 100 }).ranks).toEqual([1, 2, 4, 1]);
      });

      it('rejects unknown option keys, naming the one it most likely meant', () => {
        const dense = tf.ones([2, 3]);
        expect(() => toTTTensor(dense, { maxTTrank: 1 } as never)).toThrow(
          "toTTTensor: unknown option 'maxTTrank' (did you mean 'maxTTRank'?); valid options: maxTTRank, epsilon",
        );
        expect(() => toTTTensor(dense, null as never)).toThrow("toTTTensor: argument 'options' must be an object");
      });

      it('rejects bad arguments, naming them', () => {
        const dense = tf.ones([2, 3, 4]);
        expect(() => toTTTensor(dense, { maxTTRank: 0 })).toThrow(
          "toTTTensor: argument 'maxTTRank' must be a positive integer, got 0",
        );
        expect(() => toTTTensor(dense, { maxTTRank: [1, 2, 1] })).toThrow(
          "toTTTensor: argument 'maxTTRank' must be a positive integer or a list of d + 1 = 4 positive integers, got [1,2,1]",
        );
        expect(() => toTTTensor(dense, { maxTTRank: [0, 2, 2, 1] })).toThrow(
          "toTTTensor: argument 'maxTTRank' must be a positive integer or a list of d + 1 = 4 positive integers, got [0,2,2,1]",
        );
        expect(() => toTTTensor(dense, { maxTTRank: 2.5 })).toThrow("argument 'maxTTRank' must be a positive integer");
        expect(() => toTTTensor(dense, { epsilon: -1 })).toThrow(
          "toTTTensor: argument 'epsilon' must be a finite non-negative number, got -1",
        );
        expect(() => toTTTensor(tf.scalar(1))).toThrow(
          "toTTTensor: argument 'dense' must have at least one axis and no empty axis, got shape []",
        );
        expect(() => toTTTensor(tf.zeros([2, 0]))).toThrow('got shape [2,0]');
        expect(() => toTTTensor(tf.tensor([true, false]))).toThrow(
          "toTTTensor: argument 'dense' must be a float32 or int32 tensor, got bool",
        );
        const disposed = tf.ones([2, 2]);
        disposed.dispose();
        expect(() => toTTTensor(disposed)).toThrow("toTTTensor: argument 'dense' is a disposed tensor");
      });

      it('leaks nothing, with and without epsilon, and is not differentiable', async () => {
        const dense = tf.randomNormal([3, 4, 5], 0, 1, 'float32', 5);
        await expectNoLeaks(() => toTTTensor(dense));
        await expectNoLeaks(() => toTTTensor(dense, { epsilon: 0.1 }));
        await expectNoLeaks(() => {
          expect(() => toTTTensor(dense, { maxTTRank: -1 })).toThrow();
        });
        expect(() => tf.grad((x) => full(toTTTensor(x)))(dense)).toThrow('truncatedSvd: not differentiable');
      });
    });
  },
  { backends: ['wasm'] },
);
