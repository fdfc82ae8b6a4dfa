import type { ColumnType, Table } from '../table.js';
import { assertTable } from '../table.js';

/**
 * Mean imputation: every missing real entry gets its column's observed mean, every missing categorical entry its
 * column's most frequent observed class (ties: the lowest code). A column with nothing observed gets 0. O(n·d).
 *
 * @returns the completed table (observed entries unchanged).
 */
export function meanImpute(table: Table, types: readonly ColumnType[]): number[][] {
  assertTable('meanImpute', table, types);
  const fills = types.map((type, j) => {
    const values = table.map((row) => row[j]!).filter((v) => !Number.isNaN(v));
    if (values.length === 0) return 0;
    if (type === 'real') return values.reduce((s, v) => s + v, 0) / values.length;
    return mode(values, type.categories);
  });
  return table.map((row) => row.map((v, j) => (Number.isNaN(v) ? fills[j]! : v)));
}

/** The most frequent of integer codes in [0, k) (ties: the lowest code). O(n + k). */
export function mode(codes: readonly number[], k: number): number {
  const counts = new Array<number>(k).fill(0);
  for (const c of codes) counts[c]!++;
  let best = 0;
  for (let c = 1; c < k; c++) if (counts[c]! > counts[best]!) best = c;
  return best;
}
