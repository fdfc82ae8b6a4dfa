import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { randomTT } from '../../test/random-tt.js';
import { full } from '../ops/full.js';
import { gatherND } from '../ops/gather-nd.js';
import { unravelIndex } from './unravel-index.js';

describeBackends(
  'unravelIndex',
  () => {
    describe('unravelIndex', () => {
      it("gives T3F's test values", () => {
        // t3f/utils_test.py, testUnravelIndex.
        const twoD = unravelIndex([22, 41, 37], [7, 6]);
        expect(twoD.dtype).toBe('int32');
        expect(twoD.arraySync()).toEqual([
          [3, 4],
          [6, 5],
          [6, 1],
        ]);
        expect(unravelIndex([19, 17, 0, 23], [2, 3, 4]).arraySync()).toEqual([
          [1, 1, 3],
          [1, 1, 1],
          [0, 0, 0],
          [1, 2, 3],
        ]);
      });

      it('finds every entry of a dense tensor by its C-order position', () => {
        const shape = [3, 1, 4, 2];
        const size = 24;
        // The dense tensor holds its own linear index; reading it at the multi-index gives the index back.
        const dense = tf.reshape(tf.range(0, size, 1, 'int32'), shape).arraySync() as number[][][][];
        const linear = Array.from({ length: size }, (_, i) => i);
        const rows = unravelIndex(tf.tensor1d(linear, 'int32'), shape).arraySync() as number[][];
        expect(rows.map(([a, b, c, d]) => dense[a!]![b!]![c!]![d!])).toEqual(linear);
        expect(unravelIndex(7, shape).arraySync()).toEqual([[0, 0, 3, 1]]); // a single index: one row, as in T3F
        expect(unravelIndex([], shape).shape).toEqual([0, 4]);
      });

      it('feeds gatherND: entries of a TT-tensor at linear positions', () => {
        const tt = randomTT([2, 3, 4], [1, 2, 2, 1], 1);
        const linear = [0, 5, 13, 23];
        const flat = tf.reshape(full(tt), [-1]);
        expectClose(gatherND(tt, unravelIndex(linear, [2, 3, 4])), tf.gather(flat, linear), {
          rtol: 1e-5,
          atol: 1e-6,
        });
      });

      it('rejects indices outside [0, Π n) (T3F wraps them) and bad shapes, naming them', async () => {
        expect(() => unravelIndex([3, 6], [2, 3])).toThrow(
          'unravelIndex: indices[1] = 6 is not an integer in [0, 6) for the shape [2,3]',
        );
        expect(() => unravelIndex([-1], [2, 3])).toThrow('unravelIndex: indices[0] = -1 is not an integer in [0, 6)');
        expect(() => unravelIndex([1.5], [2, 3])).toThrow('unravelIndex: indices[0] = 1.5 is not an integer');
        expect(() => unravelIndex(tf.tensor1d([1, 2]), [2, 3])).toThrow(
          "unravelIndex: argument 'indices' must be an int32 tensor of rank 0 or 1, an array of integers or an integer, got a float32 tensor of shape [2]",
        );
        expect(() => unravelIndex([1], [2, 0])).toThrow(
          "unravelIndex: argument 'shape' must be a non-empty list of positive integers below 2^31, got [2,0]",
        );
        expect(() => unravelIndex([1], [])).toThrow("unravelIndex: argument 'shape' must be a non-empty list");
        await expectNoLeaks(() => unravelIndex([1, 2], [2, 3]));
      });
    });
  },
  { backends: ['cpu', 'wasm'] },
);
