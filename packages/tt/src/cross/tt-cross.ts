import { assertOptions, assertSeed, type Seed } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import { describeValue } from '../internal/describe.js';
import { checkSize } from '../internal/limits.js';
import { expandRankCaps, isPositiveInteger, MAX_NDIMS, naturalRanks, type RankSpec } from '../shapes.js';
import { TensorTrain } from '../tensor-train.js';
import { type CachedFunction, type CrossFunction, cachedFunction } from './cached-function.js';
import { hostRelativeDistance } from './host-tt.js';
import { EMPTY_INDEX_SET, fiberIndices, growLeft, growRight, type IndexSet, randomRightSets } from './index-sets.js';
import { selectRows } from './select-rows.js';

/** Options of {@link ttCross}. */
export interface TTCrossOptions {
  /** Seed of the random initial index sets (required): the same seed and f give the same result. */
  readonly seed: Seed;
  /**
   * Largest TT-ranks: one integer for every inner bond or a list of d + 1 (its ends ignored), as in
   * {@link round}; the natural bounds min(Π_{j≤k} n_j, Π_{j>k} n_j) apply too. Default 10.
   */
  readonly maxTTRank?: RankSpec;
  /**
   * Relative accuracy ε > 0 (default 1e-6): each unfolding is truncated to relative Frobenius error
   * ε/(10·√(d − 1)), and the sweeps stop once two successive approximations differ by at most ε relative. Keep it
   * well above the precision of f's values, which would otherwise look like rank: ≥ 1e-5 when f returns float32
   * tensors, ≥ 1e-7 (the float32 cores' own precision) for float64 values.
   */
  readonly epsilon?: number;
  /** Most sweeps (one sweep = left-to-right and back), a positive integer; default 10. */
  readonly maxSweeps?: number;
  /**
   * Rows added to each index set beyond the numerical rank (rect-maxvol), so that ranks can grow; also the
   * size of the random initial sets. A positive integer, default 2.
   */
  readonly kickRank?: number;
}

/** What {@link ttCross} returns. */
export interface TTCrossResult {
  /** The approximation, a TT-tensor of the given shape with float32 cores. */
  readonly tt: TensorTrain;
  /** The number of distinct multi-indices f was evaluated at (each once: evaluations are cached). */
  readonly evaluations: number;
  /** The number of sweeps run. */
  readonly sweeps: number;
  /**
   * ‖A_R − A_L‖_F/‖A_R‖_F for the approximations A_L and A_R after the two halves of the last sweep, computed
   * from their cores in float64 (no extra evaluations); resolves differences down to ~1e-8.
   */
  readonly estimatedError: number;
  /**
   * Whether the sweeps stopped on the estimate (≤ ε, ranks no longer growing) with no unfolding at full rank
   * where `maxTTRank` binds. False when `maxSweeps` stopped them, or when the cap may hold the ranks back: two
   * sweeps on unchanged index sets agree whatever the error, so a small estimate alone proves nothing there.
   */
  readonly converged: boolean;
}

const OPTION_KEYS = ['seed', 'maxTTRank', 'epsilon', 'maxSweeps', 'kickRank'];
/**
 * How far below ε/√(d − 1) the unfoldings are truncated. The cross's error exceeds the truncation level by the
 * interpolation's quasi-optimality constants (measured 10–20× on the Hilbert tensor 1/(i_1+..+i_d+1),
 * d = 5 and 10, n = 20): with margin 1 the change between sweeps stalled above ε (ε = 1e-5 and 1e-6, 10 sweeps),
 * with 2 it still did at d = 10, ε = 1e-5; with 10 it reached ε in 4–5 sweeps for ε = 1e-4..1e-6, with an
 * error on random entries ≤ ε.
 */
const TRUNCATION_MARGIN = 10;
/** Mode sizes must be int32 indices. */
const MAX_MODE = 2 ** 31 - 1;

/**
 * TT-cross: a TT approximation of a tensor given as a black-box function of its multi-indices, from a small
 * number of its entries (never the whole grid), by alternating maxvol cross interpolation (Oseledets &
 * Tyrtyshnikov 2010, with the rank adaptivity of Savostyanov & Oseledets 2011; teneva's `cross`, ttpy's
 * `rect_cross`).
 *
 * Index sets I_k (left, over modes 1..k) and J_k (right, over modes k..d) start random (size `kickRank`, from
 * the seed). A sweep goes left to right, then right to left; at core k it calls f once on the fiber
 * I_{k−1} × n_k × J_{k+1} (r_{k−1}·n_k·r_k multi-indices, those not evaluated before), unfolds it, truncates
 * a column-pivoted QR to relative accuracy ε/(10·√(d − 1)), picks dominant rows with maxvol plus `kickRank` more
 * with rect-maxvol (capped by `maxTTRank`), and makes them the next index set; the core is the interpolation
 * matrix Q·Q_I⁺, the last core of the half-sweep the fiber itself. It stops when the approximations after the
 * two halves of a sweep differ by at most ε relative and no unfolding had full rank below its cap (the ranks
 * stopped growing), or after `maxSweeps`; `converged` also asks that no unfolding had full rank at a binding
 * `maxTTRank`. The returned ranks are the numerical ranks plus up to `kickRank`;
 * {@link round} compresses them. All linear algebra runs on the host in float64 (matrices of at most
 * (r·n) × r); the cores are uploaded once, as float32.
 *
 * @param f the tensor: a batch of multi-indices [B, d] (int32 tensor) to B values, see {@link CrossFunction}.
 * @param shape the mode sizes (n_1..n_d), positive integers below 2^31.
 * @param options `seed` (required), `maxTTRank`, `epsilon`, `maxSweeps`, `kickRank`; no other keys.
 * @returns `{tt, evaluations, sweeps, estimatedError, converged}`.
 * @throws Error naming `ttCross` and the argument for a non-function f, a bad shape, an unknown option, a bad
 *   seed, `maxTTRank` < 1, ε ≤ 0 or not finite, `maxSweeps` or `kickRank` not a positive integer, a fiber of
 *   more than 2^28 numbers, or f returning the wrong number of values, a non-numeric result or NaN/±Infinity.
 *   Errors f throws propagate; no tensor is left behind either way.
 * Complexity: per sweep 2·Σ_k r_{k−1}·n_k·r_k evaluations of f at most and O(d·n·r³) host flops.
 * @example
 * // exp(−Σ x_k) on a 20^10 grid of [0, 1]^10 (rank 1): a few thousand evaluations out of 10^13.
 * const { tt, evaluations } = ttCross((indices) => tf.exp(tf.mul(tf.sum(tf.cast(indices, 'float32'), 1), -1 / 19)),
 *   new Array(10).fill(20), { seed: 1, epsilon: 1e-5 }); // float32 values: ε well above their precision
 * @see I. Oseledets, E. Tyrtyshnikov, "TT-cross approximation for multidimensional arrays", Linear Algebra Appl.
 *   432, 2010; D. Savostyanov, I. Oseledets, "Fast adaptive interpolation of multi-dimensional arrays in tensor
 *   train format", nDS 2011; teneva `cross` (A. Chertkov et al.).
 * @category Decompositions
 */
export function ttCross(f: CrossFunction, shape: readonly number[], options: TTCrossOptions): TTCrossResult {
  if (typeof f !== 'function') {
    throw new Error(`ttCross: argument 'f' must be a function of a batch of multi-indices, got ${describeValue(f)}`);
  }
  const sizes = checkShape(shape);
  assertOptions('ttCross', options, OPTION_KEYS);
  if (options === undefined) throw new Error("ttCross: argument 'options' must be given, with at least 'seed'");
  const seed = assertSeed(options.seed, 'ttCross', 'seed');
  const { maxTTRank = 10, epsilon = 1e-6, maxSweeps = 10, kickRank = 2 } = options;
  if (!(typeof epsilon === 'number' && epsilon > 0 && epsilon < Number.POSITIVE_INFINITY)) {
    throw new Error(`ttCross: argument 'epsilon' must be a finite positive number, got ${describeValue(epsilon)}`);
  }
  for (const [name, value] of [
    ['maxSweeps', maxSweeps],
    ['kickRank', kickRank],
  ] as const) {
    if (!isPositiveInteger(value)) {
      throw new Error(`ttCross: argument '${name}' must be a positive integer, got ${describeValue(value)}`);
    }
  }
  const d = sizes.length;
  const natural = naturalRanks([sizes]);
  // A bond whose cap is below its natural bound can hold the cross back (see `limited` below).
  const userCaps = expandRankCaps(maxTTRank, d, 'ttCross');
  const caps = userCaps.map((cap, k) => Math.min(cap, natural[k]!));
  const binding = userCaps.map((cap, k) => cap < natural[k]!);
  const cached = cachedFunction(f, sizes, 'ttCross');
  return crossSweeps(cached, sizes, { caps, binding, seed, epsilon, maxSweeps, kick: kickRank });
}

function checkShape(shape: unknown): number[] {
  const valid =
    Array.isArray(shape) &&
    shape.length > 0 &&
    shape.length <= MAX_NDIMS &&
    shape.every((n) => isPositiveInteger(n) && n <= MAX_MODE);
  if (!valid) {
    throw new Error(
      `ttCross: argument 'shape' must be a non-empty list of positive integers below 2^31, got ${describeValue(shape)}`,
    );
  }
  return [...(shape as number[])];
}

/** The checked settings of {@link crossSweeps}. */
interface CrossSettings {
  /** Rank cap of each bond (maxTTRank and the natural bound). */
  readonly caps: readonly number[];
  /** Whether maxTTRank is below the natural bound there. */
  readonly binding: readonly boolean[];
  readonly seed: number;
  readonly epsilon: number;
  readonly maxSweeps: number;
  readonly kick: number;
}

/** The sweeps of {@link ttCross} on checked arguments. */
function crossSweeps(f: CachedFunction, sizes: readonly number[], settings: CrossSettings): TTCrossResult {
  const { caps, binding, seed, epsilon, maxSweeps, kick } = settings;
  const d = sizes.length;
  const relTol = epsilon / (TRUNCATION_MARGIN * Math.sqrt(Math.max(1, d - 1)));
  const left: IndexSet[] = new Array<IndexSet>(d + 1).fill(EMPTY_INDEX_SET);
  const right = randomRightSets(
    sizes,
    caps.map((cap) => Math.min(cap, kick)),
    seed,
  );
  const fiber = (k: number) => {
    const [a, n, b] = [left[k]!.count, sizes[k]!, right[k + 1]!.count];
    checkSize(a * n * b * d, 'ttCross', `the fiber of core ${k} would hold ${a * n * b} multi-indices of ${d}`);
    return f.evaluate(fiberIndices(left[k]!, n, right[k + 1]!), a * n * b);
  };
  let sweeps = 0;
  let estimatedError = Number.POSITIVE_INFINITY;
  let converged = false;
  let settled = false;
  let result: Float64Array[] = [];
  let ranks: number[] = [];
  while (sweeps < maxSweeps && !settled) {
    sweeps += 1;
    // growing: an unfolding had full rank below its cap, so the next sweep has larger index sets; limited: one
    // had full rank at a binding maxTTRank, so the tensor may have a larger rank than the cross can see.
    let growing = false;
    let limited = false;
    const note = (rank: number, rows: number, columns: number, bond: number) => {
      growing ||= rank === columns && rank < Math.min(caps[bond]!, rows);
      limited ||= rank === columns && rank === caps[bond]! && binding[bond]!;
    };
    // Left to right: cores 1..d−1 interpolate, the last is its fiber.
    const leftCores: Float64Array[] = [];
    for (let k = 0; k < d; k++) {
      const values = fiber(k);
      if (k === d - 1) {
        leftCores.push(values);
        break;
      }
      const [a, n, b] = [left[k]!.count, sizes[k]!, right[k + 1]!.count];
      const step = selectRows(values, a * n, b, caps[k + 1]!, kick, relTol);
      leftCores.push(step.coefficients);
      left[k + 1] = growLeft(left[k]!, n, step.rows);
      note(step.rank, a * n, b, k + 1);
    }
    const leftRanks = left.map((set) => set.count);
    // Right to left: cores d..2 interpolate (on the transposed unfoldings), the first is its fiber.
    const rightCores: Float64Array[] = new Array<Float64Array>(d);
    for (let k = d - 1; k >= 0; k--) {
      const values = fiber(k);
      if (k === 0) {
        rightCores[0] = values;
        break;
      }
      const [a, n, b] = [left[k]!.count, sizes[k]!, right[k + 1]!.count];
      const step = selectRows(transposeUnfolding(values, a, n * b), n * b, a, caps[k]!, kick, relTol);
      rightCores[k] = transposeUnfolding(step.coefficients, n * b, step.rows.length);
      right[k] = growRight(right[k + 1]!, step.rows);
      note(step.rank, n * b, a, k);
    }
    ranks = right.map((set, k) => (k === 0 ? 1 : set.count));
    result = rightCores;
    estimatedError = hostRelativeDistance(
      { cores: rightCores, ranks, sizes },
      { cores: leftCores, ranks: leftRanks, sizes },
    );
    settled = estimatedError <= epsilon && !growing;
    converged = settled && !limited;
  }
  const cores = result.map((core, k) => tf.tensor3d(Float32Array.from(core), [ranks[k]!, sizes[k]!, ranks[k + 1]!]));
  return { tt: new TensorTrain(cores), evaluations: f.evaluations(), sweeps, estimatedError, converged };
}

/** The transpose of a rows × columns row-major matrix. */
function transposeUnfolding(x: Float64Array, rows: number, columns: number): Float64Array {
  const out = new Float64Array(rows * columns);
  for (let i = 0; i < rows; i++) for (let j = 0; j < columns; j++) out[j * rows + i] = x[i * columns + j]!;
  return out;
}
