import { shown } from '../internal/validate.js';
import { type ColumnType, categoriesOf } from './column-types.js';

/**
 * Checks a table against its column types: a non-empty array of rows of `types.length` numbers; real entries
 * finite or NaN (missing), categorical entries NaN or an integer code in [0, K). O(n·D).
 *
 * @throws Error naming `fn`, `arg` and the first bad row/column otherwise.
 */
export function assertTable(value: unknown, types: readonly ColumnType[], fn: string, arg: string): number[][] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new Error(`${fn}: argument '${arg}' must be a non-empty array of rows, got ${shown(value)}`);
  }
  const d = types.length;
  value.forEach((row: unknown, r) => {
    if (!Array.isArray(row) || row.length !== d) {
      throw new Error(
        `${fn}: argument '${arg}[${r}]' must be a row of ${d} numbers (one per column type), got ${shown(row)}`,
      );
    }
    row.forEach((v: unknown, c) => {
      const type = types[c] as ColumnType;
      if (typeof v !== 'number' || v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY) {
        throw new Error(
          `${fn}: argument '${arg}[${r}][${c}]' must be a finite number or NaN (missing), got ${shown(v)}`,
        );
      }
      const k = categoriesOf(type);
      if (type !== 'real' && !Number.isNaN(v) && !(Number.isInteger(v) && v >= 0 && v < k)) {
        throw new Error(
          `${fn}: argument '${arg}[${r}][${c}]' is categorical with ${k} categories: it must be an integer code in [0, ${k - 1}] or NaN, got ${v}`,
        );
      }
    });
  });
  return value as number[][];
}

/**
 * Checks a boolean mask of the table's shape (rows × columns).
 *
 * @throws Error naming `fn` and `arg` otherwise.
 */
export function assertMask(value: unknown, rows: number, columns: number, fn: string, arg: string): boolean[][] {
  const ok =
    Array.isArray(value) &&
    value.length === rows &&
    value.every((row) => Array.isArray(row) && row.length === columns && row.every((b) => typeof b === 'boolean'));
  if (!ok) {
    throw new Error(
      `${fn}: argument '${arg}' must be a boolean mask of the data's shape ${rows}×${columns} (true = unobserved), got ${shown(value)}`,
    );
  }
  return value as boolean[][];
}
