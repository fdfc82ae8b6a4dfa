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
 * @throws Error naming `fn` for non-positive or non-integer modes, an empty shape, both matrix parts null,
 *   or matrix parts of different lengths.
 */
export function toRawShape(spec: ShapeSpec, fn: string, arg = 'shape'): RawShape {
  if (!Array.isArray(spec)) {
    throw new Error(`${fn}: argument '${arg}' must be a list of modes or [rows, columns], got ${JSON.stringify(spec)}`);
  }
  const isMatrixSpec = spec.length === 2 && spec.some((part) => part === null || Array.isArray(part));
  if (!isMatrixSpec) {
    const modes = spec as readonly unknown[];
    if (modes.length === 0 || !modes.every(isPositiveInteger)) {
      throw new Error(
        `${fn}: argument '${arg}' must be a non-empty list of positive integers, got ${JSON.stringify(spec)}`,
      );
    }
    return [[...(modes as number[])]];
  }
  const [rows, columns] = spec as unknown as readonly [readonly number[] | null, readonly number[] | null];
  if (rows === null && columns === null) {
    throw new Error(`${fn}: argument '${arg}' of a TT-matrix needs row or column modes, got [null, null]`);
  }
  const d = (rows ?? columns)!.length;
  const part = (modes: readonly number[] | null) => modes ?? new Array<number>(d).fill(1);
  const [m, n] = [part(rows), part(columns)];
  if (d === 0 || m.length !== n.length || ![...m, ...n].every(isPositiveInteger)) {
    throw new Error(
      `${fn}: argument '${arg}' of a TT-matrix must be two equally long non-empty lists of positive integers, got ${JSON.stringify(spec)}`,
    );
  }
  return [[...m], [...n]];
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

/** The dense shape as exact integers (TT objects can be astronomically large): [n_1..n_d] or [Πm, Πn]. */
export function denseShape(rawShape: RawShape): bigint[] {
  const [first, second] = rawShape;
  if (second === undefined) return first.map(BigInt);
  const product = (modes: readonly number[]) => modes.reduce((acc, m) => acc * BigInt(m), 1n);
  return [product(first), product(second)];
}

/**
 * The largest TT-ranks a shape admits: r_k ≤ min(Π_{j≤k} n_j, Π_{j>k} n_j) (n_j = m_j·n_j for matrices),
 * with r_0 = r_d = 1.
 */
export function naturalRanks(rawShape: RawShape): number[] {
  const sizes = modeSizes(rawShape);
  const d = sizes.length;
  return Array.from({ length: d + 1 }, (_, k) => {
    if (k === 0 || k === d) return 1;
    const left = sizes.slice(0, k).reduce((a, b) => a * b, 1);
    const right = sizes.slice(k).reduce((a, b) => a * b, 1);
    return Math.min(left, right);
  });
}

/**
 * Expands a {@link RankSpec} to the full vector [1, r_1, ..., r_{d−1}, 1] (T3F: a scalar r means r on every
 * inner bond).
 *
 * @throws Error naming `fn` and `arg` for non-positive or non-integer ranks, a vector of the wrong length,
 *   or a vector whose ends are not 1.
 */
export function expandRanks(spec: RankSpec, d: number, fn: string, arg = 'ttRank'): number[] {
  if (typeof spec === 'number') {
    if (!isPositiveInteger(spec)) throw new Error(`${fn}: argument '${arg}' must be a positive integer, got ${spec}`);
    return Array.from({ length: d + 1 }, (_, k) => (k === 0 || k === d ? 1 : spec));
  }
  if (spec.length !== d + 1 || !spec.every(isPositiveInteger)) {
    throw new Error(
      `${fn}: argument '${arg}' must be a positive integer or a list of d + 1 = ${d + 1} positive integers, got ${JSON.stringify(spec)}`,
    );
  }
  if (spec[0] !== 1 || spec[d] !== 1) {
    throw new Error(`${fn}: argument '${arg}' must start and end with 1, got ${JSON.stringify(spec)}`);
  }
  return [...spec];
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
