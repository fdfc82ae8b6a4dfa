import { describeValue } from '../../validation/assert-args.js';
import { assertOptions } from '../../validation/assert-options.js';
import type { TruncationOptions } from '../truncation-rank.js';

/**
 * Throws, naming `opName`, unless `options` is undefined or an object with only the keys `maxRank` (a positive
 * integer), `relTol` and `absTol` (finite numbers ≥ 0).
 */
export function checkTruncationOptions(options: TruncationOptions, opName: string): void {
  assertOptions(opName, options, ['maxRank', 'relTol', 'absTol']);
  const { maxRank, relTol, absTol } = options ?? {};
  if (maxRank !== undefined && !(Number.isInteger(maxRank) && maxRank >= 1)) {
    throw new Error(`${opName}: option 'maxRank' must be a positive integer, got ${describeValue(maxRank)}`);
  }
  for (const [name, value] of [
    ['relTol', relTol],
    ['absTol', absTol],
  ] as const) {
    if (value !== undefined && !(typeof value === 'number' && value >= 0 && value < Number.POSITIVE_INFINITY)) {
      throw new Error(`${opName}: option '${name}' must be a finite non-negative number, got ${describeValue(value)}`);
    }
  }
}

/**
 * The rank that {@link TruncationOptions} select for a batch of descending singular-value vectors (`k` per
 * matrix, `batchSize` of them, in float64): per matrix the smallest r whose discarded tail
 * √(Σ_{i≥r} s_i²) is within the budget min(relTol·‖s‖₂, absTol), then the maximum over the batch, capped by
 * `maxRank` and k, and at least 1. NaN singular values keep every rank.
 */
export function chooseRank(s: ArrayLike<number>, batchSize: number, k: number, options: TruncationOptions): number {
  const { maxRank = k, relTol, absTol } = options;
  let rank = relTol === undefined && absTol === undefined ? k : 1;
  for (let b = 0; b < batchSize && rank < k; b++) {
    let normSquared = 0;
    for (let i = 0; i < k; i++) normSquared += s[b * k + i]! ** 2;
    const budgetSquared = Math.min(
      relTol === undefined ? Number.POSITIVE_INFINITY : relTol ** 2 * normSquared,
      absTol === undefined ? Number.POSITIVE_INFINITY : absTol ** 2,
    );
    let r = k;
    let tailSquared = 0;
    for (let i = k - 1; i >= 0; i--) {
      tailSquared += s[b * k + i]! ** 2;
      if (!(tailSquared <= budgetSquared)) break;
      r = i;
    }
    rank = Math.max(rank, r);
  }
  return Math.min(rank, maxRank, k);
}
