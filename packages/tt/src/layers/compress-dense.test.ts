import { randomNormal } from '@proj/core';
import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { denseMatrix } from '../../test/dense-reference.js';
import { hostDistance, hostNorm, randomTTMatrix } from '../../test/random-tt.js';
import { compressDense } from './compress-dense.js';

const shape = { inputModes: [4, 3, 2], outputModes: [2, 3, 4] }; // 24 × 24

describeBackends('compressDense', () => {
  describe('compressDense', () => {
    it.each([[{ maxTTRank: 2 }], [{ maxTTRank: [1, 5, 3, 1] }], [{ maxTTRank: 100, epsilon: 0.5 }]])(
      'the measured error of a random kernel stays within the reported TT-SVD bound (%j)',
      (options) => {
        const kernel = randomNormal([24, 24], 1) as tf.Tensor2D;
        const { ttMatrix, relativeError, errorBound } = compressDense(kernel, { ...shape, ...options });
        // measured independently: the TT formed entry by entry on the host
        const formed = tf.tensor2d(denseMatrix(ttMatrix.cores), [24, 24]);
        expect(relativeError).toBeCloseTo(hostDistance(formed, kernel) / hostNorm(kernel), 5);
        expect(relativeError).toBeGreaterThan(0.1); // a random kernel is far from low rank: the bound is exercised
        expect(relativeError).toBeLessThanOrEqual(errorBound + 1e-4);
        expect(errorBound).toBeLessThan(relativeError + 1e-3); // TT-SVD is an orthogonal projection: attained
        if ('epsilon' in options) expect(errorBound).toBeLessThanOrEqual(0.5 + 1e-6);
        ttMatrix.dispose();
      },
    );

    it('is exact for a kernel built from a known low-rank TT-matrix, and finds its ranks with epsilon', () => {
      const source = randomTTMatrix(shape.inputModes, shape.outputModes, [1, 2, 3, 1], 7);
      const kernel = tf.tensor2d(denseMatrix(source.cores), [24, 24]);
      const exact = compressDense(kernel, { ...shape, maxTTRank: 10 });
      expect(exact.relativeError).toBeLessThan(1e-5);
      expect(exact.errorBound).toBeLessThan(1e-2);
      const tight = compressDense(kernel, { ...shape, epsilon: 1e-4 });
      expect(tight.ranks).toEqual([1, 2, 3, 1]);
      expect(tight.relativeError).toBeLessThan(1e-4);
      expectClose(tf.tensor2d(denseMatrix(tight.ttMatrix.cores), [24, 24]), kernel, { rtol: 1e-4, atol: 1e-4 });
      // 576 entries in 4·2·2 + 2·3·3·3 + 3·2·4 = 16 + 54 + 24 = 94 core numbers
      expect(tight.compressionRatio).toBeCloseTo(576 / 94, 10);
      [source, exact.ttMatrix, tight.ttMatrix].forEach((tt) => {
        tt.dispose();
      });
    });

    it('caps the ranks by maxTTRank (one integer or one per bond; default 10)', () => {
      const kernel = randomNormal([24, 24], 2) as tf.Tensor2D;
      const capped = compressDense(kernel, { ...shape, maxTTRank: 3 });
      expect(capped.ranks).toEqual([1, 3, 3, 1]);
      const perBond = compressDense(kernel, { ...shape, maxTTRank: [1, 2, 5, 1] });
      expect(perBond.ranks).toEqual([1, 2, 5, 1]);
      const byDefault = compressDense(kernel, shape);
      // modes m_k·n_k = 8, 9, 8: natural ranks min(8, 72) = 8 and min(72, 8) = 8, under the default cap 10
      expect(byDefault.ranks).toEqual([1, 8, 8, 1]);
      const square = randomNormal([16, 16], 4) as tf.Tensor2D;
      const tenByDefault = compressDense(square, { inputModes: [4, 4], outputModes: [4, 4] });
      expect(tenByDefault.ranks).toEqual([1, 10, 1]); // natural rank 16, capped at 10
      [capped, perBond, byDefault, tenByDefault].forEach(({ ttMatrix }) => {
        ttMatrix.dispose();
      });
    });

    it('a zero kernel compresses with zero error', () => {
      const { ttMatrix, relativeError, errorBound } = compressDense(tf.zeros([24, 24]) as tf.Tensor2D, shape);
      expect([relativeError, errorBound]).toEqual([0, 0]);
      ttMatrix.dispose();
    });

    it('is memory-neutral (only the TT-matrix survives), also on error paths', async () => {
      const kernel = randomNormal([24, 24], 3) as tf.Tensor2D;
      await expectNoLeaks(() => compressDense(kernel, { ...shape, maxTTRank: 2 }));
      const bad = tf.tensor2d([
        [1, Number.NaN],
        [0, 1],
      ]);
      await expectNoLeaks(() => {
        expect(() => compressDense(bad, { inputModes: [2], outputModes: [2] })).toThrow(/compressDense: .*'kernel'/);
      });
    });

    it.each([
      [
        { inputModes: [4, 6], outputModes: [2, 3, 4] },
        /compressDense: arguments 'inputModes' \[4,6\] and 'outputModes' \[2,3,4\] must have the same length/,
      ],
      [{ inputModes: [4, 3, 3], outputModes: [2, 3, 4] }, /compressDense: argument 'kernel' must have shape \[36,24\]/],
      [
        { inputModes: [4, 3, 2], outputModes: [2, 3, 0] },
        /compressDense: argument 'outputModes' must be a non-empty list/,
      ],
      [{ ...shape, maxTTRank: 0 }, /compressDense: argument 'maxTTRank' must be a positive integer/],
      [{ ...shape, epsilon: -1 }, /compressDense: argument 'epsilon'/],
      [{ ...shape, rank: 2 }, /compressDense: unknown option 'rank'/],
    ])('%j throws naming compressDense and the argument', (options, message) => {
      const kernel = tf.zeros([24, 24]) as tf.Tensor2D;
      expect(() => compressDense(kernel, options as never)).toThrow(message);
    });
  });
});
