import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { denseMatrix } from '../../test/dense-reference.js';
import { hostDistance, hostNorm } from '../../test/random-tt.js';
import { full } from '../ops/full.js';
import { toTTMatrix } from './to-tt-matrix.js';

describeBackends(
  'toTTMatrix',
  () => {
    describe('toTTMatrix', () => {
      it.each([
        [
          [
            [2, 2, 2],
            [3, 3, 3],
          ] as const,
          [1, 6, 6, 1],
        ],
        [[[4], [3]] as const, [1, 1]],
        [
          [
            [2, 3],
            [4, 1],
          ] as const,
          [1, 3, 1],
        ],
        [[[3, 2], null] as const, [1, 2, 1]],
        [[null, [2, 2, 2]] as const, [1, 2, 2, 1]],
      ])('reconstructs a dense matrix of shape %j exactly at the natural ranks %j', (shape, ranks) => {
        const [m, n] = shape.map((part) => part ?? [1, 1, 1].slice(0, (shape[0] ?? shape[1])!.length));
        const rows = m!.reduce((a, b) => a * b, 1);
        const columns = n!.reduce((a, b) => a * b, 1);
        const dense = tf.randomNormal([rows, columns], 0, 1, 'float32', 1);
        const tt = toTTMatrix(dense, shape, { maxTTRank: 100 });
        expect(tt.isMatrix).toBe(true);
        expect(tt.rawShape).toEqual([m, n]);
        expect(tt.ranks).toEqual(ranks);
        expectClose(full(tt), dense, { rtol: 1e-4, atol: 1e-5 });
        expectClose(denseMatrix(tt.cores), dense, { rtol: 1e-4, atol: 1e-5 });
      });

      it('uses the interleaved (m_1 n_1, ..., m_d n_d) modes: a Kronecker product has TT-ranks 1', () => {
        const a = tf.randomNormal([2, 3], 0, 1, 'float32', 2);
        const b = tf.randomNormal([4, 5], 0, 1, 'float32', 3);
        // kron(a, b)[i·4 + k, j·5 + l] = a[i, j]·b[k, l]
        const kron = tf.reshape(
          tf.transpose(
            tf.reshape(tf.outerProduct(tf.reshape(a, [-1]), tf.reshape(b, [-1])), [2, 3, 4, 5]),
            [0, 2, 1, 3],
          ),
          [8, 15],
        );
        const tt = toTTMatrix(
          kron,
          [
            [2, 4],
            [3, 5],
          ],
          { epsilon: 1e-5 },
        );
        expect(tt.ranks).toEqual([1, 1, 1]);
        expectClose(full(tt), kron, { rtol: 1e-4, atol: 1e-5 });
      });

      it('keeps T3F ranks without epsilon and meets ‖A − TT‖ ≤ ε‖A‖ with it', () => {
        const dense = tf.randomNormal([8, 27], 0, 1, 'float32', 4);
        expect(
          toTTMatrix(
            dense,
            [
              [2, 2, 2],
              [3, 3, 3],
            ],
            { maxTTRank: 4 },
          ).ranks,
        ).toEqual([1, 4, 4, 1]);
        const tt = toTTMatrix(
          dense,
          [
            [2, 2, 2],
            [3, 3, 3],
          ],
          { maxTTRank: 100, epsilon: 0.5 },
        );
        expect(hostDistance(full(tt), dense)).toBeLessThanOrEqual(0.5 * hostNorm(dense));
        expect(tt.ranks[1]! + tt.ranks[2]!).toBeLessThan(12);
      });

      it('rejects bad arguments, naming them', () => {
        const dense = tf.ones([8, 27]);
        expect(() => toTTMatrix(dense, [8, 27])).toThrow(
          "toTTMatrix: argument 'shape' must be a TT-matrix shape [rows, columns], got the TT-tensor shape [8,27]",
        );
        expect(() =>
          toTTMatrix(dense, [
            [2, 2, 2],
            [3, 3],
          ]),
        ).toThrow("toTTMatrix: argument 'shape' of a TT-matrix");
        expect(() =>
          toTTMatrix(dense, [
            [2, 2, 2],
            [3, 3, 2],
          ]),
        ).toThrow(
          "toTTMatrix: argument 'dense' must be a [8,18] matrix for the shape [2,2,2]x[3,3,2], got shape [8,27]",
        );
        expect(() =>
          toTTMatrix(tf.ones([216]), [
            [2, 2, 2],
            [3, 3, 3],
          ]),
        ).toThrow('got shape [216]');
        expect(() =>
          toTTMatrix(
            dense,
            [
              [2, 2, 2],
              [3, 3, 3],
            ],
            { maxTTRank: [1, 2, 1] },
          ),
        ).toThrow(
          "toTTMatrix: argument 'maxTTRank' must be a positive integer or a list of d + 1 = 4 positive integers",
        );
        expect(() =>
          toTTMatrix(
            dense,
            [
              [2, 2, 2],
              [3, 3, 3],
            ],
            { epsilon: Number.NaN },
          ),
        ).toThrow("toTTMatrix: argument 'epsilon' must be a finite non-negative number, got NaN");
      });

      it('rejects NaN and ±Infinity entries, unknown options and non-numeric input, naming them', () => {
        const shape: [number[], number[]] = [
          [2, 3],
          [2, 2],
        ];
        const dense = tf.randomNormal([6, 4], 0, 1, 'float32', 6);
        const values = Array.from(dense.dataSync());
        values[9] = Number.POSITIVE_INFINITY; // row 2, column 1
        // Before: one Infinity made every entry of the TT-matrix NaN, silently.
        expect(() => toTTMatrix(tf.tensor2d(values, [6, 4]), shape)).toThrow(
          "toTTMatrix: argument 'dense' has a non-finite entry Infinity at [2,1]",
        );
        expect(() => toTTMatrix(dense, shape, { maxTTrank: 2 } as never)).toThrow(
          "toTTMatrix: unknown option 'maxTTrank' (did you mean 'maxTTRank'?); valid options: maxTTRank, epsilon",
        );
        expect(() => toTTMatrix({} as never, shape)).toThrow(
          "toTTMatrix: argument 'dense' must be a tensor, a typed array or (nested) arrays of numbers, got {}",
        );
      });

      it('reads a list of d + 1 rank caps as T3F does, ignoring its ends', () => {
        const shape: [number[], number[]] = [
          [2, 2, 2],
          [2, 2, 2],
        ];
        const dense = tf.randomNormal([8, 8], 0, 1, 'float32', 7);
        const t3f = toTTMatrix(dense, shape, { maxTTRank: [4, 3, 2, 4] });
        expect(t3f.ranks).toEqual([1, 3, 2, 1]);
        expectClose(full(t3f), full(toTTMatrix(dense, shape, { maxTTRank: [1, 3, 2, 1] })), { rtol: 0, atol: 0 });
      });

      it('leaks nothing', async () => {
        const dense = tf.randomNormal([6, 8], 0, 1, 'float32', 5);
        await expectNoLeaks(() =>
          toTTMatrix(dense, [
            [2, 3],
            [2, 4],
          ]),
        );
        await expectNoLeaks(() =>
          toTTMatrix(
            dense,
            [
              [2, 3],
              [2, 4],
            ],
            { epsilon: 0.2 },
          ),
        );
      });
    });
  },
  { backends: ['wasm'] },
);
