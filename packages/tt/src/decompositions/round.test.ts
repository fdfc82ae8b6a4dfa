import { svd } from '@proj/core/linalg';
import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { element, hostDistance, hostNorm, randomBatch, randomTT, randomTTMatrix } from '../../test/random-tt.js';
import { add } from '../ops/add.js';
import { full } from '../ops/full.js';
import { TensorTrain } from '../tensor-train.js';
import { TensorTrainBatch } from '../tensor-train-batch.js';
import { round } from './round.js';

/**
 * √(Σ_k ε_k²), ε_k = √(Σ_{i>r_k} s_i²) the best rank-r_k error of the k-th unfolding (Πn_{≤k}) × (Πn_{>k}) of
 * the dense tensor: Oseledets' bound on the rounding error, itself ≤ √(d − 1)·(best TT error with ranks r).
 */
function unfoldingBound(dense: tf.Tensor, sizes: readonly number[], ranks: readonly number[]): number {
  let sum = 0;
  for (let k = 1; k < sizes.length; k++) {
    const rows = sizes.slice(0, k).reduce((a, b) => a * b, 1);
    const s = svd(tf.reshape(dense, [rows, -1])).s.dataSync();
    for (let i = ranks[k]!; i < s.length; i++) sum += s[i]! ** 2;
  }
  return Math.sqrt(sum);
}

/** max_k ε_k: a lower bound on the best error with ranks r. */
function bestErrorLowerBound(dense: tf.Tensor, sizes: readonly number[], ranks: readonly number[]): number {
  let bound = 0;
  for (let k = 1; k < sizes.length; k++) {
    const rows = sizes.slice(0, k).reduce((a, b) => a * b, 1);
    const s = svd(tf.reshape(dense, [rows, -1])).s.dataSync();
    let tail = 0;
    for (let i = ranks[k]!; i < s.length; i++) tail += s[i]! ** 2;
    bound = Math.max(bound, Math.sqrt(tail));
  }
  return bound;
}

describeBackends(
  'round',
  () => {
    describe('round', () => {
      it.each([
        [[5], [1, 1], 3, [1, 1]],
        [[2, 3, 4], [1, 8, 8, 1], 10, [1, 2, 4, 1]],
        [[3, 4, 5, 2], [1, 2, 5, 2, 1], 10, [1, 2, 5, 2, 1]],
        [
          [3, 4, 5, 2],
          [1, 3, 6, 2, 1],
          [1, 3, 6, 2, 1],
          [1, 3, 6, 2, 1],
        ],
      ])('is exact when maxTTRank allows: %j with ranks %j, maxTTRank %j → %j', (sizes, ranks, maxTTRank, expected) => {
        const tt = randomTT(sizes, ranks, 1);
        const rounded = round(tt, { maxTTRank });
        expect(rounded.ranks).toEqual(expected);
        expectClose(full(rounded), full(tt), { rtol: 1e-4, atol: 1e-4 });
      });

      it("follows T3F's rank rule min(maxTTRank, rows, columns) and recovers the ranks of a sum", () => {
        const a = randomTT([3, 4, 5, 3], [1, 2, 3, 2, 1], 2);
        const sum = add(a, a); // ranks [1, 4, 6, 4, 1], true ranks [1, 2, 3, 2, 1]
        expect(round(sum, { maxTTRank: 3 }).ranks).toEqual([1, 3, 3, 3, 1]); // zero singular values kept (T3F)
        expect(round(sum, { maxTTRank: [1, 1, 2, 3, 1] }).ranks).toEqual([1, 1, 2, 3, 1]);
        const accurate = round(sum, { epsilon: 1e-4 });
        expect(accurate.ranks).toEqual([1, 2, 3, 2, 1]);
        expectClose(full(accurate), tf.mul(2, full(a)), { rtol: 1e-4, atol: 1e-4 });
      });

      it('is exact and quasi-optimal on cores large enough for backend QRs, and on a rank-deficient sum', () => {
        // Core 2's unfolding is 256×40 (256×80 for the sum): on wasm its QR runs as CholeskyQR2, and the sum's
        // duplicated columns make it decline (a singular Gram matrix), so that QR falls back to Householder.
        const sizes = [16, 16, 16, 4];
        const tt = randomTT(sizes, [1, 16, 40, 4, 1], 14);
        const dense = full(tt);
        const exact = round(tt, { maxTTRank: 40 });
        expect(exact.ranks).toEqual([1, 16, 40, 4, 1]);
        expect(hostDistance(full(exact), dense)).toBeLessThanOrEqual(1e-5 * hostNorm(dense));
        const rounded = round(tt, { maxTTRank: 12 });
        expect(hostDistance(full(rounded), dense)).toBeLessThanOrEqual(
          unfoldingBound(dense, sizes, rounded.ranks) + 1e-5 * hostNorm(dense),
        );
        const sum = round(add(tt, tt), { epsilon: 1e-4 });
        expect(sum.ranks).toEqual([1, 16, 40, 4, 1]);
        expect(hostDistance(full(sum), tf.mul(2, dense))).toBeLessThanOrEqual(2e-4 * hostNorm(dense));
      });

      it.each([
        [
          [4, 5, 6, 5],
          [1, 4, 8, 5, 1],
          [1, 2, 3, 2, 1],
        ],
        [
          [3, 3, 3, 3, 3],
          [1, 3, 6, 6, 3, 1],
          [1, 2, 2, 2, 2, 1],
        ],
        [
          [6, 7],
          [1, 6, 1],
          [1, 2, 1],
        ],
      ])(
        'is quasi-optimal: %j with ranks %j rounded to %j stays within √(Σ_k ε_k²) ≤ √(d − 1)·best',
        (sizes, ranks, target) => {
          const tt = randomTT(sizes, ranks, 3);
          const dense = full(tt);
          const rounded = round(tt, { maxTTRank: target });
          expect(rounded.ranks).toEqual(target);
          const error = hostDistance(full(rounded), dense);
          const bound = unfoldingBound(dense, sizes, target);
          // Float32 slack: 1e-5·‖A‖.
          expect(error).toBeLessThanOrEqual(bound + 1e-5 * hostNorm(dense));
          expect(error).toBeLessThanOrEqual(
            Math.sqrt(sizes.length - 1) * bestErrorLowerBound(dense, sizes, target) + 1e-5 * hostNorm(dense),
          );
          if (sizes.length === 2) expectClose(error, bound, { rtol: 1e-3 }); // d = 2: exactly the truncated SVD
        },
      );

      it.each([0.01, 0.1, 0.4])('guarantees ‖A − round(A)‖ ≤ ε‖A‖ (ε = %f) and lowers ranks', (epsilon) => {
        const tt = randomTT([4, 5, 6, 5], [1, 4, 12, 5, 1], 4);
        const dense = full(tt);
        const rounded = round(tt, { epsilon });
        expect(hostDistance(full(rounded), dense)).toBeLessThanOrEqual(epsilon * hostNorm(dense));
        expect(rounded.ranks[2]!).toBeLessThanOrEqual(12);
        if (epsilon >= 0.1) expect(rounded.ranks.reduce((x, y) => x + y)).toBeLessThan(1 + 4 + 12 + 5 + 1);
        const capped = round(tt, { epsilon, maxTTRank: 2 });
        expect(Math.max(...capped.ranks)).toBeLessThanOrEqual(2);
      });

      it('spends δ = ε‖A‖/√(d − 1) per step: the first truncated rank follows the last unfolding', () => {
        const tt = randomTT([4, 5, 6, 5], [1, 4, 12, 5, 1], 13);
        const dense = full(tt);
        const s = svd(tf.reshape(dense, [-1, 5])).s.dataSync();
        for (const epsilon of [0.2, 0.4, 0.6]) {
          const budget = (epsilon * hostNorm(dense)) / Math.sqrt(3);
          let tail = 0;
          let expected = s.length;
          for (let i = s.length - 1; i >= 0 && Math.sqrt(tail + s[i]! ** 2) <= budget; i--) {
            tail += s[i]! ** 2;
            expected = i;
          }
          expect(round(tt, { epsilon }).ranks[3]).toBe(expected);
        }
      });

      it('rounds TT-matrices', () => {
        const a = randomTTMatrix([2, 3, 2], [3, 2, 2], [1, 2, 3, 1], 5);
        const sum = add(a, a);
        const rounded = round(sum, { maxTTRank: 3 });
        expect(rounded.isMatrix).toBe(true);
        expect(rounded.ranks).toEqual([1, 3, 3, 1]);
        expectClose(full(rounded), tf.mul(2, full(a)), { rtol: 1e-4, atol: 1e-4 });
        expect(round(sum, { epsilon: 1e-4 }).ranks).toEqual([1, 2, 3, 1]);
      });

      it('rounds batches with common ranks, element by element', () => {
        const batch = randomBatch([[3], [4], [5], [3]], [1, 3, 6, 3, 1], 4, 6);
        const rounded = round(batch, { maxTTRank: 2 }) as TensorTrainBatch;
        expect(rounded).toBeInstanceOf(TensorTrainBatch);
        expect(rounded.batchSize).toBe(4);
        expect(rounded.ranks).toEqual([1, 2, 2, 2, 1]);
        for (let b = 0; b < 4; b++) {
          const single = round(element(batch, b), { maxTTRank: 2 });
          expectClose(full(element(rounded, b)), full(single), { rtol: 1e-4, atol: 1e-4 });
        }
      });

      it('meets epsilon per element of a batch whose norms differ by 10^4, with the largest rank any needs', () => {
        const low = randomTT([4, 5, 4], [1, 1, 1, 1], 7);
        const high = randomBatch([[4], [5], [4]], [1, 4, 4, 1], 1, 8);
        // Element 0: rank 1 and tiny; element 1: rank 4 and large.
        const cores = high.cores.map((core, k) =>
          tf.concat([
            tf.pad(tf.mul(tf.expandDims(low.cores[k]!, 0), k === 0 ? 1e-2 : 1), [
              [0, 0],
              [0, k === 0 ? 0 : 3],
              [0, 0],
              [0, k === 2 ? 0 : 3],
            ]),
            tf.mul(core, k === 0 ? 100 : 1),
          ]),
        );
        const batch = new TensorTrainBatch(cores);
        const dense = full(batch);
        const epsilon = 0.05;
        const rounded = round(batch, { epsilon });
        const result = full(rounded);
        for (let b = 0; b < 2; b++) {
          const [x, y] = [tf.slice(dense, [b], [1]), tf.slice(result, [b], [1])];
          expect(hostDistance(y, x)).toBeLessThanOrEqual(epsilon * hostNorm(x));
        }
        const alone = round(element(batch, 1), { epsilon });
        expect(rounded.ranks).toEqual(alone.ranks);
        expect(round(element(batch, 0), { epsilon }).ranks).toEqual([1, 1, 1, 1]);
      });

      it('rounds batches of TT-matrices with epsilon', () => {
        const batch = randomBatch(
          [
            [2, 3],
            [3, 2],
            [2, 2],
          ],
          [1, 4, 5, 1],
          3,
          14,
        );
        const dense = full(batch);
        const rounded = round(batch, { epsilon: 0.2 });
        expect(rounded.isMatrix).toBe(true);
        const result = full(rounded);
        for (let b = 0; b < 3; b++) {
          const [x, y] = [tf.slice(dense, [b], [1]), tf.slice(result, [b], [1])];
          expect(hostDistance(y, x)).toBeLessThanOrEqual(0.2 * hostNorm(x));
        }
        expectClose(full(round(batch, { maxTTRank: 100 })), dense, { rtol: 1e-4, atol: 1e-4 });
      });

      it('keeps a zero tensor zero (no NaN) with epsilon', () => {
        const zero = new TensorTrain([tf.zeros([1, 2, 3]), tf.zeros([3, 4, 1])]);
        const rounded = round(zero, { epsilon: 0.1, maxTTRank: 2 });
        expect(rounded.ranks).toEqual([1, 1, 1]);
        expectClose(full(rounded), 0);
      });

      it('rejects bad arguments, naming them', () => {
        const tt = randomTT([2, 3, 4], [1, 2, 2, 1], 9);
        expect(() => round(tt, {})).toThrow("round: pass 'maxTTRank', 'epsilon' or both in the options, got neither");
        expect(() => round(tt, undefined as never)).toThrow('got neither');
        expect(() => round(tt, { maxTTRank: 0 })).toThrow(
          "round: argument 'maxTTRank' must be a positive integer, got 0",
        );
        expect(() => round(tt, { maxTTRank: [1, 2, 1] })).toThrow(
          "round: argument 'maxTTRank' must be a positive integer or a list of d + 1 = 4 positive integers, got [1,2,1]",
        );
        expect(() => round(tt, { epsilon: -0.1 })).toThrow(
          "round: argument 'epsilon' must be a finite non-negative number, got -0.1",
        );
        expect(() => round({} as never, { maxTTRank: 2 })).toThrow(
          "round: argument 'tt' must be a TensorTrain or TensorTrainBatch, got Object",
        );
      });

      it('rejects a misspelt option instead of ignoring it', () => {
        // Before: round(x, {maxTTrank: 2}) fell through to "got neither"; with epsilon it rounded without a cap.
        const tt = randomTT([2, 3, 4], [1, 2, 2, 1], 13);
        expect(() => round(tt, { maxTTrank: 1, epsilon: 0.5 } as never)).toThrow(
          "round: unknown option 'maxTTrank' (did you mean 'maxTTRank'?); valid options: maxTTRank, epsilon",
        );
        expect(() => round(tt, 2 as never)).toThrow("round: argument 'options' must be an object, got number");
        expect(() => round(tt, { epsilon: '0.1' } as never)).toThrow(
          "round: argument 'epsilon' must be a finite non-negative number, got the string '0.1'",
        );
      });

      it('reads a list of d + 1 rank caps as T3F does, ignoring its ends', () => {
        const tt = randomTT([3, 4, 5], [1, 3, 4, 1], 14);
        const dense = full(tt);
        const inner = round(tt, { maxTTRank: [1, 2, 3, 1] });
        const t3f = round(tt, { maxTTRank: [5, 2, 3, 5] });
        expect(t3f.ranks).toEqual([1, 2, 3, 1]);
        expectClose(full(t3f), full(inner), { rtol: 0, atol: 0 });
        // and it is the rounding with those ranks: within Oseledets' bound of the dense tensor.
        expect(hostDistance(full(t3f), dense)).toBeLessThanOrEqual(
          unfoldingBound(dense, [3, 4, 5], [1, 2, 3, 1]) * 1.001,
        );
      });

      it('rejects non-finite cores, naming the core, instead of returning NaN everywhere', () => {
        // Before: one NaN entry in one core made every entry of the result NaN, silently.
        const cores = randomTT([2, 3, 4], [1, 2, 2, 1], 15).cores;
        const poisoned = tf.tensor3d(
          Array.from(cores[1]!.dataSync()).map((v, i) => (i === 5 ? Number.NaN : v)),
          [2, 3, 2],
        );
        const tt = new TensorTrain([cores[0]!, poisoned, cores[2]!]);
        expect(() => round(tt, { maxTTRank: 1 })).toThrow(
          "round: argument 'tt' has a non-finite entry NaN in core 1 at [0,2,1]",
        );
        const batch = new TensorTrainBatch([
          tf.stack([cores[0]!, cores[0]!]),
          tf.stack([cores[1]!, tf.mul(cores[1]!, Number.POSITIVE_INFINITY)]),
          tf.stack([cores[2]!, cores[2]!]),
        ]);
        expect(() => round(batch, { epsilon: 0.1 })).toThrow(
          /^round: argument 'tt' has a non-finite entry -?Infinity in core 1 of batch element 1 at \[0,0,0\]/,
        );
      });

      it('leaks nothing and is not differentiable', async () => {
        const tt = randomTT([3, 4, 5], [1, 3, 4, 1], 10);
        const batch = randomBatch([[3], [4], [5]], [1, 3, 4, 1], 3, 11);
        await expectNoLeaks(() => round(tt, { maxTTRank: 2 }));
        await expectNoLeaks(() => round(batch, { maxTTRank: 2, epsilon: 0.1 }));
        const one = randomTT([4], [1, 1], 12);
        await expectNoLeaks(() => round(one, { epsilon: 0.1 }));
        expect(() =>
          tf.grad((c) => tf.sum(full(round(new TensorTrain([c, ...tt.cores.slice(1)]), { maxTTRank: 2 }))))(
            tt.cores[0]!,
          ),
        ).toThrow('not differentiable');
      });
    });
  },
  { backends: ['wasm'] },
);
