import { assertTable, type ColumnType, type Table } from '../table.js';
import { encodeTable } from './encoding.js';
import { mode } from './mean-impute.js';

/**
 * nan-Euclidean distance between two encoded rows (scikit-learn's `nan_euclidean_distances`):
 * sqrt(width / present · Σ over the coordinates present in both of (a − b)²); NaN when none is present in both.
 * O(width).
 */
export function nanEuclidean(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  let present = 0;
  for (let k = 0; k < a.length; k++) {
    const d = a[k]! - b[k]!;
    if (Number.isNaN(d)) continue;
    sum += d * d;
    present++;
  }
  return present === 0 ? Number.NaN : Math.sqrt((a.length / present) * sum);
}

/**
 * k-nearest-neighbour imputation (as scikit-learn's `KNNImputer(n_neighbors=k, weights='uniform')`, but with
 * distances between the rows' encodings of {@link encodeTable}, standardized reals and one-hot classes, so that
 * no column dominates by its units): a missing entry of column j in row i gets the mean (a categorical column: the
 * most frequent class, ties the lowest code) of column j over the k rows nearest to row i by
 * {@link nanEuclidean} (rounded to 1e-9) among the rows where j is observed and the distance is defined (ties:
 * the lower row index);
 * with no such row, the column's observed mean or most frequent class. O(n²·width + n·d·n log n).
 *
 * @returns the completed table (observed entries unchanged; a column with nothing observed stays NaN).
 */
export function knnImpute(table: Table, types: readonly ColumnType[], k: number): number[][] {
  assertTable('knnImpute', table, types);
  if (!(Number.isInteger(k) && k >= 1)) throw new Error(`knnImpute: 'k' must be an integer ≥ 1, got ${k}`);
  const { x, groups } = encodeTable(table, types);
  const n = table.length;
  const distance = (i: number, r: number) => nanEuclidean(x[i]!, x[r]!);
  const out = table.map((row) => [...row]);
  for (let i = 0; i < n; i++) {
    const row = table[i]!;
    if (!row.some(Number.isNaN)) continue;
    // Rounded to 1e-9 so that mathematically equal distances (frequent on tables of 1-decimal values), whose float
    // values differ in the last bits, are ties broken by the row index.
    const distances = Array.from({ length: n }, (_, r) => (r === i ? Number.NaN : Math.round(distance(i, r) * 1e9)));
    for (const [j, g] of groups.entries()) {
      if (!Number.isNaN(row[j]!)) continue;
      const donors = Array.from({ length: n }, (_, r) => r)
        .filter((r) => !Number.isNaN(table[r]![j]!) && !Number.isNaN(distances[r]!))
        .sort((a, b) => distances[a]! - distances[b]! || a - b)
        .slice(0, k)
        .map((r) => table[r]![j]!);
      const pool = donors.length > 0 ? donors : table.map((r) => r[j]!).filter((v) => !Number.isNaN(v));
      if (pool.length === 0) continue;
      out[i]![j] = g.categories === null ? pool.reduce((s, v) => s + v, 0) / pool.length : mode(pool, g.categories);
    }
  }
  return out;
}
