import { shown } from '../internal/validate.js';

/** A column of a table: real-valued, or categorical with integer codes 0..categories−1. */
export type ColumnType = 'real' | { readonly categories: number };

/** Where each column sits in the network inputs and outputs (§1.2 of the spec). */
export interface ColumnLayout {
  /** Number of columns D. */
  readonly columns: number;
  /** Per column: 1 (real) or K (categorical, one-hot). */
  readonly inputSizes: readonly number[];
  /** Per column: the offset of its block in the encoded row. */
  readonly inputOffsets: readonly number[];
  /** Σ max(1, K_i): width of the encoded row. */
  readonly inputWidth: number;
  /** Per column: 2 (real: μ, s) or K (categorical: logits). */
  readonly outputSizes: readonly number[];
  /** Per column: the offset of its block in the generative output. */
  readonly outputOffsets: readonly number[];
  /** Σ max(2, K_i): width of the generative network's output. */
  readonly outputWidth: number;
  /** Σ max(1, K_i) + D: the prior network's input [observed encoding, mask]. */
  readonly priorInputWidth: number;
  /** Σ max(1, K_i) + 2D: the proposal network's input [encoding, NaN indicators, mask]. */
  readonly proposalInputWidth: number;
}

/** K of a column: 1 for a real column. */
export function categoriesOf(type: ColumnType): number {
  return type === 'real' ? 1 : type.categories;
}

/**
 * Checks a list of column types: a non-empty array of 'real' or `{ categories: K }` with K an integer ≥ 2.
 *
 * @throws Error naming `fn` and `arg` (and the offending column) otherwise.
 */
export function assertColumnTypes(value: unknown, fn: string, arg: string): ColumnType[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new Error(`${fn}: argument '${arg}' must be a non-empty array of column types, got ${shown(value)}`);
  }
  return value.map((type, i) => {
    if (type === 'real') return 'real';
    const k = (type as { categories?: unknown } | null)?.categories;
    if (
      type === null ||
      typeof type !== 'object' ||
      Object.keys(type).length !== 1 ||
      typeof k !== 'number' ||
      !Number.isInteger(k) ||
      k < 2 ||
      k > 2 ** 16
    ) {
      throw new Error(
        `${fn}: argument '${arg}[${i}]' must be 'real' or { categories: K } with K an integer in [2, 65536], got ${shown(type)}`,
      );
    }
    return { categories: k };
  });
}

/**
 * The input/output layout of `types`. O(D).
 *
 * @throws Error naming `columnLayout` for anything but a non-empty array of column types.
 */
export function columnLayout(types: readonly ColumnType[]): ColumnLayout {
  assertColumnTypes(types, 'columnLayout', 'types');
  const inputSizes = types.map(categoriesOf);
  const outputSizes = inputSizes.map((k) => Math.max(2, k));
  const offsets = (sizes: number[]) => sizes.map((_, i) => sizes.slice(0, i).reduce((a, b) => a + b, 0));
  const inputWidth = inputSizes.reduce((a, b) => a + b, 0);
  const columns = types.length;
  return {
    columns,
    inputSizes,
    inputOffsets: offsets(inputSizes),
    inputWidth,
    outputSizes,
    outputOffsets: offsets(outputSizes),
    outputWidth: outputSizes.reduce((a, b) => a + b, 0),
    priorInputWidth: inputWidth + columns,
    proposalInputWidth: inputWidth + 2 * columns,
  };
}
