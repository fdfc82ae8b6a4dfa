import { expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import {
  CROSS_TEST_FUNCTIONS,
  type CrossTestFunction,
  exactValues,
  sampleIndices,
} from '../../test/fixtures/cross-functions.js';
import { randomTT } from '../../test/random-tt.js';
import { full } from '../ops/full.js';
import { gatherND } from '../ops/gather-nd.js';
import type { CrossFunction } from './cached-function.js';
import { type TTCrossOptions, ttCross } from './tt-cross.js';

/** The test function as a host CrossFunction (float64 values) on a grid of d modes of size n. */
const hostFunction =
  (fn: CrossTestFunction, d: number, n: number): CrossFunction =>
  (indices) =>
    exactValues(fn, indices.dataSync() as Int32Array, d, n);

/** ‖approx − exact‖₂/‖exact‖₂ over `count` seeded random entries, the TT read through gatherND (float32). */
function sampledError(tt: Parameters<typeof gatherND>[0], fn: CrossTestFunction, d: number, n: number, count: number) {
  const indices = sampleIndices(count, d, n, 2024);
  const exact = exactValues(fn, indices, d, n);
  const approx = tf.tidy(() => gatherND(tt, tf.tensor2d(indices, [count, d], 'int32')).dataSync());
  let [error, norm] = [0, 0];
  exact.forEach((e, p) => {
    error += (approx[p]! - e) ** 2;
    norm += e * e;
  });
  return Math.sqrt(error / norm);
}

const OPTIONS: TTCrossOptions = { seed: 1, epsilon: 1e-6, maxTTRank: 15 };

describeBackends('ttCross', () => {
  describe('ttCross', () => {
    it.each(CROSS_TEST_FUNCTIONS.map((fn) => [fn.name, fn] as const))(
      '%s, d = 10, n = 20 (10^13 entries): relative error ≤ 1e-5 on 10,000 random entries, a vanishing share evaluated',
      (_, fn) => {
        const [d, n] = [10, 20];
        const result = ttCross(hostFunction(fn, d, n), new Array(d).fill(n), OPTIONS);
        expect(sampledError(result.tt, fn, d, n, 10_000)).toBeLessThanOrEqual(1e-5);
        expect(result.converged).toBe(true);
        expect(result.estimatedError).toBeLessThanOrEqual(1e-6);
        expect(result.evaluations / n ** d).toBeLessThan(1e-8);
        result.tt.dispose();
      },
    );

    it.each(CROSS_TEST_FUNCTIONS.map((fn) => [fn.name, fn] as const))(
      '%s, d = 5, n = 20: at most 1% of the 3.2·10^6 entries evaluated, relative error ≤ 1e-5',
      (_, fn) => {
        const [d, n] = [5, 20];
        const result = ttCross(hostFunction(fn, d, n), new Array(d).fill(n), OPTIONS);
        expect(result.evaluations).toBeLessThanOrEqual(0.01 * n ** d);
        expect(sampledError(result.tt, fn, d, n, 10_000)).toBeLessThanOrEqual(1e-5);
        result.tt.dispose();
      },
    );

    it('recovers a random TT of rank 3 given as a tfjs function (gatherND), from fewer entries than it has', () => {
      const shape = [5, 4, 6, 5, 3];
      const a = randomTT(shape, [1, 3, 3, 3, 3, 1], 11);
      const result = ttCross((indices) => gatherND(a, indices), shape, { seed: 3, epsilon: 1e-5 });
      const [approx, exact] = [full(result.tt), full(a)];
      const error = tf.tidy(() => tf.div(tf.norm(tf.sub(approx, exact)), tf.norm(exact)).dataSync()[0]!);
      expect(error).toBeLessThan(1e-5);
      expect(result.converged).toBe(true);
      expect(result.evaluations).toBeLessThan(5 * 4 * 6 * 5 * 3);
      tf.dispose([approx, exact]);
      a.dispose();
      result.tt.dispose();
    });

    it('is deterministic for a seed', () => {
      const fn = CROSS_TEST_FUNCTIONS[3]!;
      const run = () => {
        const result = ttCross(hostFunction(fn, 6, 9), new Array(6).fill(9), { seed: 7, epsilon: 1e-5 });
        const cores = result.tt.cores.map((core) => Array.from(core.dataSync()));
        result.tt.dispose();
        return { ...result, tt: undefined, cores };
      };
      expect(run()).toEqual(run());
    });

    it('d = 1 evaluates the vector once', () => {
      const result = ttCross((indices) => tf.cast(tf.squeeze(indices, [1]), 'float32'), [7], { seed: 1 });
      expect(Array.from(full(result.tt).dataSync())).toEqual([0, 1, 2, 3, 4, 5, 6]);
      expect(result).toMatchObject({ evaluations: 7, sweeps: 1, converged: true, estimatedError: 0 });
      result.tt.dispose();
    });

    it('reports no convergence when maxTTRank is too small (the Hilbert tensor at rank 2)', () => {
      const fn = CROSS_TEST_FUNCTIONS[3]!;
      const result = ttCross(hostFunction(fn, 6, 10), new Array(6).fill(10), { seed: 1, maxTTRank: 2, maxSweeps: 3 });
      expect(result.converged).toBe(false);
      expect(result.sweeps).toBeLessThanOrEqual(3);
      expect(sampledError(result.tt, fn, 6, 10, 1000)).toBeGreaterThan(1e-4);
      expect(Math.max(...result.tt.ranks)).toBe(2);
      result.tt.dispose();
    });

    it('leaves no tensor behind but its result', async () => {
      const a = randomTT([3, 4, 3], [1, 2, 2, 1], 5);
      await expectNoLeaks(() => ttCross((indices) => gatherND(a, indices), [3, 4, 3], { seed: 1, epsilon: 1e-5 }));
      a.dispose();
    });

    const f: CrossFunction = (indices) => tf.add(tf.cast(tf.sum(indices, 1), 'float32'), 1);
    it.each<[string, () => unknown, RegExp]>([
      ['f not a function', () => ttCross(3 as unknown as CrossFunction, [2, 3], { seed: 1 }), /ttCross: argument 'f'/],
      ['an empty shape', () => ttCross(f, [], { seed: 1 }), /ttCross: argument 'shape'/],
      ['a zero mode', () => ttCross(f, [2, 0], { seed: 1 }), /ttCross: argument 'shape'/],
      ['a fractional mode', () => ttCross(f, [2, 1.5], { seed: 1 }), /ttCross: argument 'shape'/],
      ['a mode of 2^31', () => ttCross(f, [2, 2 ** 31], { seed: 1 }), /ttCross: argument 'shape'/],
      [
        'a TT-matrix shape',
        () => ttCross(f, [[2], [3]] as unknown as number[], { seed: 1 }),
        /ttCross: argument 'shape'/,
      ],
      ['no options', () => ttCross(f, [2, 3], undefined as unknown as TTCrossOptions), /ttCross: argument 'options'/],
      ['no seed', () => ttCross(f, [2, 3], {} as TTCrossOptions), /ttCross: argument 'seed'/],
      ['maxTTRank 0', () => ttCross(f, [2, 3], { seed: 1, maxTTRank: 0 }), /ttCross: argument 'maxTTRank'/],
      ['epsilon 0', () => ttCross(f, [2, 3], { seed: 1, epsilon: 0 }), /ttCross: argument 'epsilon'/],
      ['epsilon -1', () => ttCross(f, [2, 3], { seed: 1, epsilon: -1 }), /ttCross: argument 'epsilon'/],
      ['epsilon NaN', () => ttCross(f, [2, 3], { seed: 1, epsilon: Number.NaN }), /ttCross: argument 'epsilon'/],
      ['maxSweeps 0', () => ttCross(f, [2, 3], { seed: 1, maxSweeps: 0 }), /ttCross: argument 'maxSweeps'/],
      ['kickRank 1.5', () => ttCross(f, [2, 3], { seed: 1, kickRank: 1.5 }), /ttCross: argument 'kickRank'/],
      [
        'an unknown option',
        () => ttCross(f, [2, 3], { seed: 1, maxTTrank: 2 } as TTCrossOptions),
        /ttCross: unknown option 'maxTTrank' \(did you mean 'maxTTRank'\?\)/,
      ],
      ['a fiber over 2^28 numbers', () => ttCross(f, [2 ** 30, 3], { seed: 1 }), /ttCross: the fiber of core 0/],
      [
        'f returning too few values',
        () => ttCross((indices) => tf.zeros([indices.shape[0] - 1]), [2, 3], { seed: 1 }),
        /ttCross: argument 'f' must return/,
      ],
      [
        'f returning NaN',
        () => ttCross((indices) => tf.fill([indices.shape[0]], Number.NaN), [2, 3], { seed: 1 }),
        /ttCross: argument 'f' returned the non-finite value NaN/,
      ],
    ])('%s is an error naming ttCross and the argument, leaking nothing', async (_, call, message) => {
      await expectNoLeaks(() => {
        expect(call).toThrow(message);
      });
    });
  });
});
