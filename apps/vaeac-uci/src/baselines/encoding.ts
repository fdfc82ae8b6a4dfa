import { type ColumnType, categoriesOf, type Table } from '../table.js';

/** Where an original column lives in the encoded matrix. */
export interface ColumnGroup {
  readonly start: number;
  /** 1 for a real column, K for a categorical one (one-hot). */
  readonly size: number;
  /** K for a categorical column, null for a real one. */
  readonly categories: number | null;
  /** Mean and population standard deviation (floored at 1e-9) of the observed values; 0 and 1 for categorical. */
  readonly mean: number;
  readonly std: number;
}

/** A table in the baselines' working space, and how to map it back. */
export interface Encoded {
  /** n × width: standardized reals, one-hot categoricals; NaN where the original entry is missing. */
  readonly x: number[][];
  readonly groups: readonly ColumnGroup[];
  readonly width: number;
}

/**
 * Encodes a table for the baselines as VAEAC encodes its inputs (paper §4.1, repo's preprocessing): each real
 * column standardized with the mean and population std of its observed values, each categorical column one-hot
 * (a missing entry: NaN in all K slots). O(n·width).
 */
export function encodeTable(table: Table, types: readonly ColumnType[]): Encoded {
  let start = 0;
  const groups = types.map((type, j): ColumnGroup => {
    const categories = categoriesOf(type);
    const size = categories ?? 1;
    const group = { start, size, categories, ...(categories === null ? observedStats(table, j) : { mean: 0, std: 1 }) };
    start += size;
    return group;
  });
  const x = table.map((row) => {
    const out = new Array<number>(start).fill(Number.NaN);
    for (const [j, g] of groups.entries()) {
      const v = row[j]!;
      if (Number.isNaN(v)) continue;
      if (g.categories === null) out[g.start] = (v - g.mean) / g.std;
      else for (let c = 0; c < g.size; c++) out[g.start + c] = c === v ? 1 : 0;
    }
    return out;
  });
  return { x, groups, width: start };
}

/** Mean and population std (floored at 1e-9) of column j's observed values; 0 and 1 when none is observed. */
function observedStats(table: Table, j: number): { mean: number; std: number } {
  const values = table.map((row) => row[j]!).filter((v) => !Number.isNaN(v));
  if (values.length === 0) return { mean: 0, std: 1 };
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
  return { mean, std: Math.max(Math.sqrt(variance), 1e-9) };
}

/** The original-units value of column group `g` in encoded row `row`: de-standardized real, or the argmax class. */
export function decodeEntry(row: readonly number[], g: ColumnGroup): number {
  if (g.categories === null) return row[g.start]! * g.std + g.mean;
  let best = 0;
  for (let c = 1; c < g.size; c++) if (row[g.start + c]! > row[g.start + best]!) best = c;
  return best;
}

/**
 * The table with its missing entries taken from the completed encoded matrix `completed` (observed entries are
 * copied from `table` exactly). O(n·width).
 */
export function fillMissing(table: Table, completed: readonly (readonly number[])[], groups: readonly ColumnGroup[]) {
  return table.map((row, i) => row.map((v, j) => (Number.isNaN(v) ? decodeEntry(completed[i]!, groups[j]!) : v)));
}
