import { describeValue } from './internal/describe.js';

/**
 * The mode sizes of a TT object: `[n_1..n_d]` for a TT-tensor, `[[m_1..m_d], [n_1..n_d]]` for a TT-matrix
 * (rows by columns; the dense matrix is (m_1·…·m_d) × (n_1·…·n_d), C order).
 */
export type RawShape = readonly [readonly number[]] | readonly [readonly number[], readonly number[]];

/**
 * What functions accept as a shape: a TT-tensor's modes `[n_1..n_d]`, or a TT-matrix's `[rows, columns]`
 * where either may be `null` for all ones (a column vector is `[[m_1..m_d], null]`, T3F's `((m..), None)`).
 */
export type ShapeSpec = readonly number[] | readonly [readonly number[] | null, readonly number[] | null];

/** A TT-rank: one integer for every inner bond, or the full vector [1, r_1, ..., r_{d−1}, 1]. */
export type RankSpec = number | readonly number[];

/** True for a mode size or rank: a positive integer. */
export function isPositiveInteger(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x > 0;
}

/**
 * Normalizes a {@link ShapeSpec} to a {@link RawShape}.
 *
 * @param spec `[n_1..n_d]` or `[rows, columns]` (either may be null).
 * @param fn the function that errors name (default `toRawShape`); `arg` the argument (default `shape`).
 * @throws Error naming `fn` for non-positive or non-integer modes, an empty shape, both matrix parts null,
 *   or matrix parts of different lengths.
 */
export function toRawShape(spec: ShapeSpec, fn = 'toRawShape', arg = 'shape'): RawShape {
  checkNames(fn, arg, 'toRawShape');
  if (!Array.isArray(spec)) {
    throw new Error(`${fn}: argument '${arg}' must be a list of modes or [rows, columns], got ${describeValue(spec)}`);
  }
  const isMatrixSpec = spec.length === 2 && spec.some((part) => part === null || Array.isArray(part));
  if (!isMatrixSpec) {
    const modes = spec as readonly unknown[];
    if (modes.length === 0 || !modes.every(isPositiveInteger)) {
      throw new Error(
        `${fn}: argument '${arg}' must be a non-empty list of positive integers, got ${describeValue(spec)}`,
      );
    }
    return [[...(modes as number[])]];
  }
  const [rows, columns] = spec as unknown as readonly [unknown, unknown];
  if (rows === null && columns === null) {
    throw new Error(`${fn}: argument '${arg}' of a TT-matrix needs row or column modes, got [null, null]`);
  }
  const given = (rows ?? columns) as unknown;
  const d = Array.isArray(given) ? given.length : 0;
  const part = (modes: unknown) => (modes ?? new Array<number>(d).fill(1)) as readonly unknown[];
  const [m, n] = [part(rows), part(columns)];
  if (
    !Array.isArray(m) ||
    !Array.isArray(n) ||
    d === 0 ||
    m.length !== n.length ||
    ![...m, ...n].every(isPositiveInteger)
  ) {
    throw new Error(
      `${fn}: argument '${arg}' of a TT-matrix must be two equally long non-empty lists of positive integers, got ${describeValue(spec)}`,
    );
  }
  return [[...(m as number[])], [...(n as number[])]];
}

/**
 * Checks a {@link RawShape}: `[[n_1..n_d]]` or `[[m_1..m_d], [n_1..n_d]]` of positive integers, d ≥ 1.
 *
 * @throws Error naming `fn` and `arg` otherwise.
 */
export function checkRawShape(rawShape: unknown, fn: string, arg = 'rawShape'): RawShape {
  const valid =
    Array.isArray(rawShape) &&
    (rawShape.length === 1 || rawShape.length === 2) &&
    rawShape.every(
      (part) =>
        Array.isArray(part) &&
        part.length > 0 &&
        part.length === (rawShape[0] as unknown[]).length &&
        part.every(isPositiveInteger),
    );
  if (!valid) {
    throw new Error(
      `${fn}: argument '${arg}' must be a raw shape [[n_1..n_d]] or [[m_1..m_d], [n_1..n_d]] of positive integers, got ${describeValue(rawShape)}`,
    );
  }
  return rawShape as unknown as RawShape;
}

/** Number of cores d. */
export function ndimsOf(rawShape: RawShape): number {
  return rawShape[0].length;
}

/** Size of mode k as a core sees it: n_k for a TT-tensor, m_k·n_k for a TT-matrix. */
export function modeSizes(rawShape: RawShape): number[] {
  const [first, second] = rawShape;
  return second === undefined ? [...first] : first.map((m, k) => m * second[k]!);
}

/**
 * The dense shape as exact integers (TT objects can be astronomically large): [n_1..n_d] or [Πm, Πn].
 *
 * @throws Error naming `denseShape` unless `rawShape` is a {@link RawShape}.
 */
export function denseShape(rawShape: RawShape): bigint[] {
  return denseShapeOf(checkRawShape(rawShape, 'denseShape'));
}

/** {@link denseShape} of a raw shape known to be valid. */
export function denseShapeOf(rawShape: RawShape): bigint[] {
  const [first, second] = rawShape;
  if (second === undefined) return first.map(BigInt);
  const product = (modes: readonly number[]) => modes.reduce((acc, m) => acc * BigInt(m), 1n);
  return [product(first), product(second)];
}

/**
 * The largest TT-ranks a shape admits: r_k ≤ min(Π_{j≤k} n_j, Π_{j>k} n_j) (n_j = m_j·n_j for matrices),
 * with r_0 = r_d = 1.
 *
 * @throws Error naming `naturalRanks` unless `rawShape` is a {@link RawShape}.
 */
export function naturalRanks(rawShape: RawShape): number[] {
  const sizes = modeSizes(checkRawShape(rawShape, 'naturalRanks'));
  const d = sizes.length;
  return Array.from({ length: d + 1 }, (_, k) => {
    if (k === 0 || k === d) return 1;
    const left = sizes.slice(0, k).reduce((a, b) => a * b, 1);
    const right = sizes.slice(k).reduce((a, b) => a * b, 1);
    return Math.min(left, right);
  });
}

/** The most cores a TT object may have (a bound on allocations driven by a number of modes). */
export const MAX_NDIMS = 2 ** 20;

/**
 * Expands a {@link RankSpec} to the full vector [1, r_1, ..., r_{d−1}, 1] (T3F: a scalar r means r on every
 * inner bond). A vector gives the TT-ranks themselves, so it must start and end with 1 (as T3F's initializers
 * require); rank caps (`maxTTRank`) are read more leniently, see {@link expandRankCaps}.
 *
 * @param spec a positive integer, or d + 1 of them starting and ending with 1.
 * @param d the number of cores, a positive integer ≤ 2^20.
 * @param fn the function that errors name (default `expandRanks`); `arg` the argument (default `ttRank`).
 * @throws Error naming `fn` and `arg` for non-positive or non-integer ranks, a vector of the wrong length,
 *   or a vector whose ends are not 1; naming `fn` and `d` for a bad d.
 */
export function expandRanks(spec: RankSpec, d: number, fn = 'expandRanks', arg = 'ttRank'): number[] {
  const ranks = expandRankSpec(spec, d, fn, arg);
  if (ranks[0] !== 1 || ranks[d] !== 1) {
    throw new Error(`${fn}: argument '${arg}' must start and end with 1, got ${describeValue(spec)}`);
  }
  return ranks;
}

/**
 * Expands a cap on TT-ranks (`maxTTRank`) to [1, r_1, ..., r_{d−1}, 1]: a positive integer r caps every inner
 * rank by r; a vector of d + 1 positive integers caps rank k by its entry k, and its two ends are ignored, as
 * in T3F (the end ranks are 1 whatever the cap), so `[1, 4, 4, 1]` and `[4, 4, 4, 4]` cap alike.
 *
 * @throws Error naming `fn` and `arg` for non-positive or non-integer caps or a vector of the wrong length.
 */
export function expandRankCaps(spec: RankSpec, d: number, fn: string, arg = 'maxTTRank'): number[] {
  const caps = expandRankSpec(spec, d, fn, arg);
  caps[0] = 1;
  caps[d] = 1;
  return caps;
}

function expandRankSpec(spec: unknown, d: number, fn: string, arg: string): number[] {
  checkNames(fn, arg, 'expandRanks');
  if (!isPositiveInteger(d) || d > MAX_NDIMS) {
    throw new Error(
      `${fn}: argument 'd' (the number of cores) must be an integer in [1, 2^20], got ${describeValue(d)}`,
    );
  }
  if (typeof spec === 'number') {
    if (!isPositiveInteger(spec)) {
      throw new Error(`${fn}: argument '${arg}' must be a positive integer, got ${describeValue(spec)}`);
    }
    return Array.from({ length: d + 1 }, (_, k) => (k === 0 || k === d ? 1 : spec));
  }
  if (!Array.isArray(spec) || spec.length !== d + 1 || !spec.every(isPositiveInteger)) {
    throw new Error(
      `${fn}: argument '${arg}' must be a positive integer or a list of d + 1 = ${d + 1} positive integers, got ${describeValue(spec)}`,
    );
  }
  return [...(spec as number[])];
}

/** Checks the names a shared helper puts into its errors. */
function checkNames(fn: unknown, arg: unknown, helper: string): void {
  if (typeof fn !== 'string' || typeof arg !== 'string') {
    throw new Error(
      `${helper}: arguments 'fn' and 'arg' (the names errors carry) must be strings, got ${describeValue(fn)} and ${describeValue(arg)}`,
    );
  }
}

/** `[2,3,4]` for a TT-tensor, `[2,3]x[4,5]` for a TT-matrix: shapes in error messages. */
export function formatRawShape(rawShape: RawShape): string {
  return rawShape.map((part) => `[${part.join(',')}]`).join('x');
}

/** True when two raw shapes are equal (same kind and modes). */
export function sameRawShape(a: RawShape, b: RawShape): boolean {
  return (
    a.length === b.length && a.every((part, i) => part.length === b[i]!.length && part.every((m, k) => m === b[i]![k]))
  );
}
