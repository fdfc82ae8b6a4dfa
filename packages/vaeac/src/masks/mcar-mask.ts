import { assertSeed, type Seed } from '@proj/core';
import { hostUniform } from '../internal/host-random.js';
import { assertInteger, assertProbability, shown } from '../internal/validate.js';

/**
 * An MCAR mask (true = unobserved): each entry independently unobserved with probability p, OR'ed with the
 * NaNs of `data` when given (the authors' training-mask generator: b' = b ∪ isnan). Seeded. O(rows·columns).
 *
 * @param data optional table of `rows` rows of `columns` numbers.
 * @throws Error naming `mcarMask` and the argument for non-integer or negative sizes, p outside [0, 1], a bad
 *   seed, or `data` of the wrong shape.
 */
export function mcarMask(
  rows: number,
  columns: number,
  p: number,
  seed: Seed,
  data?: readonly (readonly number[])[],
): boolean[][] {
  const fn = 'mcarMask';
  assertInteger(rows, fn, 'rows', 0);
  assertInteger(columns, fn, 'columns', 0);
  assertProbability(p, fn, 'p');
  assertSeed(seed, fn);
  if (rows * columns > 2 ** 27) throw new Error(`${fn}: rows × columns must be at most 2^27, got ${rows * columns}`);
  if (
    data !== undefined &&
    !(
      Array.isArray(data) &&
      data.length === rows &&
      data.every((row) => Array.isArray(row) && row.length === columns && row.every((v) => typeof v === 'number'))
    )
  ) {
    throw new Error(`${fn}: argument 'data' must be a table of ${rows}×${columns} numbers, got ${shown(data)}`);
  }
  const u = rows * columns === 0 ? new Float32Array(0) : hostUniform(rows * columns, seed);
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: columns }, (_, c) => (u[r * columns + c] as number) < p || Number.isNaN(data?.[r]?.[c] ?? 0)),
  );
}

/** The flat training-mask draw of {@link mcarMask} without NaN union: [count] with 1 = unobserved. O(count). */
export function mcarMaskHost(count: number, p: number, seed: Seed): Uint8Array {
  const u = hostUniform(count, seed);
  return Uint8Array.from(u, (v) => (v < p ? 1 : 0));
}
