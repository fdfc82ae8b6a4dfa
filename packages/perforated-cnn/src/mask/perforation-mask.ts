import { assertArrayLike, assertGrid, assertOneOf, shown } from '../internal/validate.js';
import { nearestKept } from './nearest-kept.js';
import { productGrid } from './product-grid.js';

/** How a mask's kept positions were chosen (paper §3: uniform, grid, pooling structure, impact; or all). */
export type MaskStrategy = 'full' | 'uniform' | 'grid' | 'pooling' | 'impact';

const STRATEGIES: readonly MaskStrategy[] = ['full', 'uniform', 'grid', 'pooling', 'impact'];

/**
 * An immutable perforation mask over an OH × OW conv OUTPUT grid (Figurnov et al., "PerforatedCNNs:
 * Acceleration through Elimination of Redundant Convolutions", NIPS 2016, §3): the positions a perforated
 * convolution computes, and for every position the computed one whose value it copies.
 *
 * `keepFraction` is the fraction COMPUTED; the paper's perforation rate is r = 1 − keepFraction and the
 * theoretical layer speedup 1 / keepFraction.
 */
export interface PerforationMask {
  /** OH, rows of the conv output grid. */
  readonly height: number;
  /** OW, columns of the conv output grid. */
  readonly width: number;
  /** Ascending linear indices oh·width + ow of the computed positions (P ≥ 1 of them). */
  readonly kept: Int32Array;
  /** Realized kept.length / (height·width). */
  readonly keepFraction: number;
  /**
   * Length height·width: the index INTO `kept` of the nearest computed position (Euclidean in grid
   * coordinates; ties → the lowest linear index). Computed positions map to themselves.
   */
  readonly nearest: Int32Array;
  /** How `kept` was chosen. */
  readonly strategy: MaskStrategy;
  /**
   * Set when the kept positions are exactly rows × cols (always for 'grid' and 'full'): the ascending row and
   * column indices.
   */
  readonly grid?: { readonly rows: Int32Array; readonly cols: Int32Array };
}

/**
 * A perforation mask from its computed positions: validates, sorts them, and precomputes the nearest-neighbour
 * interpolation indices (`nearest`) and, when `kept` is a rows × cols product, its `grid`. The result and its
 * arrays are frozen in spirit: never mutate them.
 *
 * O(H·W·(H + W)) time (the exact nearest-neighbour search), O(H·W) memory.
 *
 * @param height OH, an integer in [1, 2^14]; `height · width` at most 2^24.
 * @param width OW, an integer in [1, 2^14].
 * @param kept linear indices oh·width + ow of the computed positions, in any order, distinct, at least one.
 * @param strategy a label of how `kept` was chosen; defaults to 'full' when every position is kept and
 *   'uniform' otherwise. 'full' requires every position, 'grid' a rows × cols product.
 * @throws Error naming `createMask` and the argument for invalid sides, an empty, out-of-range, fractional or
 *   repeated `kept`, an unknown strategy, or a strategy `kept` does not fit.
 * @see Figurnov, Ibraimova, Vetrov, Kohli. "PerforatedCNNs". NIPS 2016, §3.1 (nearest-neighbour interpolation).
 * @example
 * const mask = createMask(4, 4, [0, 2, 8, 10]); // every other row and column
 * mask.nearest[5]; // → 0: position (1,1) copies (0,0)
 */
export function createMask(
  height: number,
  width: number,
  kept: ArrayLike<number>,
  strategy?: MaskStrategy,
): PerforationMask {
  return buildMask('createMask', height, width, kept, strategy);
}

/**
 * {@link createMask} with errors naming `fn`, for the mask builders of this package. Internal.
 */
export function buildMask(
  fn: string,
  height: number,
  width: number,
  kept: ArrayLike<number>,
  strategy?: MaskStrategy,
): PerforationMask {
  const [h, w] = assertGrid(height, width, fn);
  const positions = assertArrayLike(kept, fn, 'kept', 'an array of position indices');
  if (positions.length === 0) throw new Error(`${fn}: argument 'kept' must hold at least one position, got none`);
  if (positions.length > h * w) {
    throw new Error(`${fn}: argument 'kept' has ${positions.length} positions, more than height·width = ${h * w}`);
  }
  const sorted = new Int32Array(positions.length);
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i];
    if (typeof p !== 'number' || !Number.isInteger(p) || p < 0 || p >= h * w) {
      throw new Error(`${fn}: argument 'kept' must hold integers in [0, ${h * w - 1}], got ${shown(p)} at ${i}`);
    }
    sorted[i] = p;
  }
  sorted.sort();
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i] === sorted[i - 1]) {
      throw new Error(`${fn}: argument 'kept' must not repeat a position, got ${sorted[i]} twice`);
    }
  }
  const all = sorted.length === h * w;
  const label = strategy === undefined ? (all ? 'full' : 'uniform') : assertOneOf(strategy, fn, 'strategy', STRATEGIES);
  if (label === 'full' && !all) {
    throw new Error(`${fn}: argument 'strategy' is 'full' but 'kept' has ${sorted.length} of ${h * w} positions`);
  }
  const grid = productGrid(w, sorted);
  if (label === 'grid' && grid === undefined) {
    throw new Error(`${fn}: argument 'strategy' is 'grid' but 'kept' is not a rows × cols product`);
  }
  return {
    height: h,
    width: w,
    kept: sorted,
    keepFraction: sorted.length / (h * w),
    nearest: nearestKept(h, w, sorted),
    strategy: label,
    ...(grid === undefined ? {} : { grid }),
  };
}

/**
 * The mask that computes every position (no perforation): keepFraction 1, `nearest[i] = i`, strategy 'full'.
 * O(H·W).
 *
 * @throws Error naming `fullMask` and the argument for sides that are not integers in [1, 2^14].
 * @example
 * const mask = fullMask(28, 28); // perforatedConv2d with it equals tf.conv2d
 */
export function fullMask(height: number, width: number): PerforationMask {
  const [h, w] = assertGrid(height, width, 'fullMask');
  const kept = Int32Array.from({ length: h * w }, (_, i) => i);
  return {
    height: h,
    width: w,
    kept,
    keepFraction: 1,
    nearest: kept.slice(),
    strategy: 'full',
    grid: { rows: Int32Array.from({ length: h }, (_, i) => i), cols: Int32Array.from({ length: w }, (_, i) => i) },
  };
}
