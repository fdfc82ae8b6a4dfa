import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectNoLeaks } from '../testing/expect-no-leaks.js';
import { describeBackends } from '../vitest/describe-backends.js';
import { truncationRank } from './truncation-rank.js';

describeBackends('truncationRank', () => {
  it('reads singular values from a tensor, leaking nothing', async () => {
    const t = tf.tensor2d([4, 2, 0.125, 1, 1, 1], [2, 3]);
    expect(truncationRank(t, { relTol: 0.05 })).toBe(3);
    expect(truncationRank(tf.slice(t, [0, 0], [1, 3]), { relTol: 0.05 })).toBe(2);
    await expectNoLeaks(() => truncationRank(t, { relTol: 0.05 }));
    t.dispose();
  });
});

describeBackends(
  'truncationRank',
  () => {
    describe('truncationRank', () => {
      // s = (4, 2, 0.125), exact in float32: ‖s‖ = √20.015625 = 4.47388; tails: after 2 ranks 0.125, after 1 rank
      // √4.015625 = 2.00390.
      const s = [4, 2, 0.125];

      it('keeps the fewest singular values whose discarded tail is within relTol·‖s‖', () => {
        expect(truncationRank(s, { relTol: 0.05 })).toBe(2); // 0.125 ≤ 0.2237 < 2.0039
        expect(truncationRank(s, { relTol: 0.02 })).toBe(3); // 0.0895 < 0.125
        expect(truncationRank(s, { relTol: 0.45 })).toBe(1); // 2.0133 ≥ 2.0039
        expect(truncationRank(s, { relTol: 0.44 })).toBe(2); // 1.9685 < 2.0039
      });

      it('takes an absolute budget, inclusive, and the tighter of the two budgets when both are given', () => {
        expect(truncationRank(s, { absTol: 0.125 })).toBe(2);
        expect(truncationRank(s, { absTol: 0.1249 })).toBe(3);
        expect(truncationRank(s, { absTol: 2.01 })).toBe(1);
        expect(truncationRank(s, { relTol: 0.5, absTol: 0.125 })).toBe(2);
        expect(truncationRank(s, { relTol: 0.02, absTol: 3 })).toBe(3);
      });

      it('caps by maxRank and by k, and keeps all without options', () => {
        expect(truncationRank(s)).toBe(3);
        expect(truncationRank(s, { maxRank: 5 })).toBe(3);
        expect(truncationRank(s, { maxRank: 1, relTol: 0.02 })).toBe(1);
        expect(truncationRank(s, { maxRank: 2 })).toBe(2);
      });

      it('gives one rank for a batch, the largest any matrix needs', () => {
        expect(
          truncationRank(
            [
              [4, 2, 0.125],
              [1, 1, 1],
            ],
            { relTol: 0.05 },
          ),
        ).toBe(3);
        expect(truncationRank([[[4, 2, 0.125]], [[5, 0, 0]]], { relTol: 0.05 })).toBe(2);
      });

      it('drops exact zeros at relTol 0, keeps at least one, and keeps everything for NaN', () => {
        expect(truncationRank([3, 1, 0], { relTol: 0 })).toBe(2);
        expect(truncationRank([0, 0], { relTol: 0.1 })).toBe(1);
        expect(truncationRank([Number.NaN, 1], { relTol: 0.1 })).toBe(2);
      });

      it('rejects bad options and arguments, naming them', () => {
        expect(() => truncationRank(s, { maxRank: 0 })).toThrow(
          "truncationRank: option 'maxRank' must be a positive integer, got 0",
        );
        expect(() => truncationRank(s, { maxRank: 1.5 })).toThrow(
          "option 'maxRank' must be a positive integer, got 1.5",
        );
        expect(() => truncationRank(s, { relTol: -1 })).toThrow(
          "truncationRank: option 'relTol' must be a finite non-negative number, got -1",
        );
        expect(() => truncationRank(s, { absTol: Number.NaN })).toThrow(
          "option 'absTol' must be a finite non-negative number",
        );
        expect(() => truncationRank(3)).toThrow(
          "truncationRank: argument 's' must hold non-empty vectors [..., k], got shape []",
        );
        expect(() => truncationRank([])).toThrow('got shape [0]');
        expect(() => truncationRank(['a'] as never)).toThrow("truncationRank: argument 's' must be numeric");
      });
    });
  },
  { backends: ['cpu'] },
);
