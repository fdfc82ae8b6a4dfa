import { threefry2x32 } from '@proj/core';

/** A set of `count` distinct multi-indices of `width` modes each, row-major in `rows`. */
export interface IndexSet {
  readonly rows: Int32Array;
  readonly count: number;
  readonly width: number;
}

/** The set holding only the empty multi-index (I_0 and J_d of TT-cross). */
export const EMPTY_INDEX_SET: IndexSet = { rows: new Int32Array(0), count: 1, width: 0 };

/**
 * The fiber I × (0..n−1) × J of core k as a batch of full multi-indices: row (p·n + i)·|J| + s is
 * (I_p, i, J_s), so the values in row order form the core's r × n × r′ array.
 *
 * Complexity: O(|I|·n·|J|·d).
 */
export function fiberIndices(left: IndexSet, n: number, right: IndexSet): Int32Array {
  const d = left.width + 1 + right.width;
  const out = new Int32Array(left.count * n * right.count * d);
  let offset = 0;
  for (let p = 0; p < left.count; p++) {
    const prefix = left.rows.subarray(p * left.width, (p + 1) * left.width);
    for (let i = 0; i < n; i++) {
      for (let s = 0; s < right.count; s++) {
        out.set(prefix, offset);
        out[offset + left.width] = i;
        out.set(right.rows.subarray(s * right.width, (s + 1) * right.width), offset + left.width + 1);
        offset += d;
      }
    }
  }
  return out;
}

/** The left set I_{k+1} made of the rows ρ = p·n + i of I_k × (0..n−1): (I_p, i). Nested in I_k × n. */
export function growLeft(left: IndexSet, n: number, selected: readonly number[]): IndexSet {
  const width = left.width + 1;
  const rows = new Int32Array(selected.length * width);
  selected.forEach((rho, q) => {
    const p = Math.floor(rho / n);
    rows.set(left.rows.subarray(p * left.width, (p + 1) * left.width), q * width);
    rows[q * width + left.width] = rho % n;
  });
  return { rows, count: selected.length, width };
}

/** The right set J_k made of the rows ρ = i·|J| + s of (0..n−1) × J_{k+1}: (i, J_s). Nested in n × J. */
export function growRight(right: IndexSet, selected: readonly number[]): IndexSet {
  const width = right.width + 1;
  const rows = new Int32Array(selected.length * width);
  selected.forEach((rho, q) => {
    const s = rho % right.count;
    rows[q * width] = Math.floor(rho / right.count);
    rows.set(right.rows.subarray(s * right.width, (s + 1) * right.width), q * width + 1);
  });
  return { rows, count: selected.length, width };
}

/**
 * Random nested right index sets J_1..J_{d−1} (and J_d = {()}) for the first sweep of TT-cross: J_k holds
 * min(ranks[k], n_k·|J_{k+1}|) distinct rows of (0..n_k−1) × J_{k+1}, drawn with Threefry-2x32 under `seed`.
 *
 * @param ranks the wanted sizes, indexed by bond (entries 1..d−1 are used).
 * @returns d + 1 sets, entry k the right set of bond k (entry 0 unused: J_0 = {()}).
 */
export function randomRightSets(sizes: readonly number[], ranks: readonly number[], seed: number): IndexSet[] {
  const d = sizes.length;
  const sets: IndexSet[] = new Array<IndexSet>(d + 1).fill(EMPTY_INDEX_SET);
  let counter = 0;
  const draw = (range: number) =>
    Math.floor((threefry2x32(seed, RIGHT_SETS_DOMAIN, counter++, 0)[0] / 2 ** 32) * range);
  for (let k = d - 1; k >= 1; k--) {
    const range = sizes[k]! * sets[k + 1]!.count;
    const count = Math.min(ranks[k]!, range);
    const chosen = new Set<number>();
    // Rejection while the range is large; a partial shuffle of the whole range when it is small.
    if (range > 4 * count) {
      while (chosen.size < count) chosen.add(draw(range));
    } else {
      const all = Array.from({ length: range }, (_, i) => i);
      for (let i = 0; i < count; i++) {
        const j = i + draw(range - i);
        [all[i], all[j]] = [all[j]!, all[i]!];
        chosen.add(all[i]!);
      }
    }
    sets[k] = growRight(sets[k + 1]!, [...chosen]);
  }
  return sets;
}

const RIGHT_SETS_DOMAIN = 0x7c055e75;
