// Dtypes, options and non-finite entries of every linear-algebra function (issue 10). The README says that
// non-numeric input throws: bool tensors were cast silently (cholesky of a bool tensor returned a factor).
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose } from '../testing/expect-close.js';
import { describeBackends } from '../vitest/describe-backends.js';
import { cholesky, det, inv, qr, slogdet, solve, svd, triangularSolve, truncatedSvd, truncationRank } from './index.js';

const NAN = Number.NaN;
const INF = Number.POSITIVE_INFINITY;

describeBackends(
  'linalg arguments',
  () => {
    let flags: tf.Tensor;
    let eye: tf.Tensor;
    beforeAll(() => {
      flags = tf.tensor2d([true, false, false, true], [2, 2], 'bool');
      eye = tf.eye(2);
    });

    describe('dtypes', () => {
      const unary = { cholesky, det, inv, qr, slogdet, svd, truncatedSvd } as const;
      it.each(Object.keys(unary) as (keyof typeof unary)[])('%s rejects a bool tensor (was cast to 0/1)', (name) => {
        const before = tf.memory().numTensors;
        expect(() => unary[name](flags)).toThrow(`${name}: argument 'x' must be numeric, got dtype bool`);
        expect(tf.memory().numTensors).toBe(before);
      });

      it('solve, triangularSolve and truncationRank reject bool tensors, naming the argument', () => {
        expect(() => solve(eye, flags)).toThrow("solve: argument 'b' must be numeric, got dtype bool");
        expect(() => triangularSolve(flags, eye)).toThrow(
          "triangularSolve: argument 'a' must be numeric, got dtype bool",
        );
        expect(() => truncationRank(tf.tensor1d([true], 'bool'))).toThrow(
          "truncationRank: argument 's' must be numeric, got dtype bool",
        );
      });

      it('accept int32 tensors and typed arrays, reject ragged arrays and booleans in arrays', () => {
        expectClose(cholesky(tf.tensor2d([4, 2, 2, 5], [2, 2], 'int32')), [
          [2, 0],
          [1, 2],
        ]);
        expect(truncationRank(Float32Array.from([4, 2, 0.125]), { relTol: 0.05 })).toBe(2);
        expect(() => det([[1, 2], [3]] as never)).toThrow(
          "det: argument 'x' must be numeric: nested arrays of numbers, all rows of equal length",
        );
        expect(() => inv([[true]] as never)).toThrow("inv: argument 'x' must be numeric");
        expect(() => svd({} as never)).toThrow(
          "svd: argument 'x' must be numeric (a number, nested number arrays or a float32/int32 tensor), got an object",
        );
      });
    });

    describe('options', () => {
      it('unknown keys are errors naming the valid ones (a misspelt option was ignored)', () => {
        expect(() => triangularSolve(eye, eye, { Lower: false } as never)).toThrow(
          "triangularSolve: unknown option 'Lower' (did you mean 'lower'?); valid options: lower, adjoint",
        );
        expect(() => truncatedSvd(eye, { maxrank: 1 } as never)).toThrow(
          "truncatedSvd: unknown option 'maxrank' (did you mean 'maxRank'?); valid options: maxRank, relTol, absTol",
        );
        expect(() => truncationRank([1, 0.5], { rtol: 0.1 } as never)).toThrow("truncationRank: unknown option 'rtol'");
        expect(() => truncationRank([1, 0.5], { relTol: '0.1' } as never)).toThrow(
          "truncationRank: option 'relTol' must be a finite non-negative number, got the string '0.1'",
        );
        expect(() => truncatedSvd(eye, null as never)).toThrow(
          "truncatedSvd: argument 'options' must be an object, got null",
        );
      });
    });

    // The policy: these are building blocks, so non-finite entries never throw; packages check their own inputs
    // (as @proj/tt does before its SVDs). The decompositions that mix every entry give all-NaN factors for that
    // matrix; the others compute in float64 IEEE arithmetic, so NaN reaches exactly the entries that depend on it.
    describe('NaN and ±∞ entries (documented, no error)', () => {
      const withNaN = [
        [1, 0],
        [NAN, 1],
      ];

      it('qr, svd and truncatedSvd give all-NaN factors for that matrix only', () => {
        const batch = [
          withNaN,
          [
            [2, 0],
            [0, 1],
          ],
        ];
        const { q, r } = qr(batch);
        expectClose(tf.slice(q, [0, 0, 0], [1, 2, 2]), NAN);
        expectClose(tf.slice(r, [1, 0, 0], [1, 2, 2]), [
          [
            [2, 0],
            [0, 1],
          ],
        ]);
        const { u, s, v } = truncatedSvd(batch, { relTol: 0.1 });
        expectClose(tf.slice(s, [0, 0], [1, s.shape[1]!]), NAN);
        expectClose(tf.slice(s, [1, 0], [1, 2]), [[2, 1]]);
        expectClose(tf.slice(u, [0, 0, 0], [1, 2, 2]), NAN);
        expectClose(tf.slice(v, [0, 0, 0], [1, 2, 2]), NAN);
        expectClose(
          svd([
            [INF, 0],
            [0, 1],
          ]).s,
          [NAN, NAN],
        );
      });

      it('the factorizations propagate NaN to the entries that depend on it', () => {
        // Lower triangular [[1, 0], [NaN, 1]]: the second row of everything derived from it is NaN.
        expectClose(
          cholesky([
            [1, NAN],
            [NAN, 1],
          ]),
          [
            [1, 0],
            [NAN, NAN],
          ],
        );
        expectClose(det(withNaN), NAN);
        const { sign, logAbsDet } = slogdet(withNaN);
        expectClose(sign, NAN);
        expectClose(logAbsDet, NAN);
        expectClose(inv(withNaN), [
          [1, 0],
          [NAN, NAN],
        ]);
        expectClose(solve(withNaN, [[1], [1]]), [[1], [NAN]]);
        expectClose(triangularSolve(withNaN, [[1], [1]]), [[1], [NAN]]);
        expectClose(solve(eye, [[NAN], [1]]), [[NAN], [1]]);
      });

      it('±∞ follows IEEE arithmetic: det and slogdet of diag(∞, 1) are ∞', () => {
        expectClose(
          det([
            [INF, 0],
            [0, 1],
          ]),
          INF,
        );
        expectClose(
          slogdet([
            [INF, 0],
            [0, 1],
          ]).logAbsDet,
          INF,
        );
        expectClose(
          inv([
            [INF, 0],
            [0, 1],
          ]),
          [
            [0, 0],
            [0, 1],
          ],
        );
      });

      it('truncationRank keeps every rank for NaN singular values', () => {
        expect(truncationRank([NAN, 1], { relTol: 0.1 })).toBe(2);
      });
    });
  },
  { backends: ['cpu'] },
);
