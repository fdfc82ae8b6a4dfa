import type { Mask } from './metrics.js';
import type { Table } from './table.js';

/**
 * The table with the entries where `mask` is true replaced by NaN (the "corrupted" table every imputer sees).
 * O(n·d).
 *
 * @throws Error when the mask's shape differs from the table's.
 */
export function applyMask(table: Table, mask: Mask): number[][] {
  if (mask.length !== table.length || mask.some((row, i) => row.length !== table[i]!.length)) {
    throw new Error("applyMask: 'mask' must have the shape of 'table'");
  }
  return table.map((row, i) => row.map((v, j) => (mask[i]![j] ? Number.NaN : v)));
}
