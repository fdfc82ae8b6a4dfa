/**
 * A table as the apps and `@proj/vaeac` exchange it: rows of numbers in original units, NaN = missing; a
 * categorical column holds integer codes 0..K−1.
 */
export type Table = readonly (readonly number[])[];

/** A column's type: real, or categorical with `categories` classes (as `@proj/vaeac`'s `ColumnType`). */
export type ColumnType = 'real' | { readonly categories: number };

/** Number of classes of a categorical column, null for a real one. */
export function categoriesOf(type: ColumnType): number | null {
  return type === 'real' ? null : type.categories;
}

/**
 * Checks that `table` is a non-empty rectangular table with one column per entry of `types` and that every
 * observed categorical entry is an integer code in [0, K).
 *
 * @throws Error naming `fn` and the first offending row/column.
 */
export function assertTable(fn: string, table: Table, types: readonly ColumnType[]): void {
  if (table.length === 0) throw new Error(`${fn}: 'table' must have at least one row`);
  for (const [i, row] of table.entries()) {
    if (row.length !== types.length) {
      throw new Error(
        `${fn}: 'table' row ${i} has ${row.length} columns, expected ${types.length} (one per column type)`,
      );
    }
    for (const [j, type] of types.entries()) {
      const k = categoriesOf(type);
      const v = row[j]!;
      if (Number.isNaN(v)) continue;
      if (!Number.isFinite(v)) throw new Error(`${fn}: 'table' entry (${i}, ${j}) must be finite or NaN, got ${v}`);
      if (k !== null && !(Number.isInteger(v) && v >= 0 && v < k)) {
        throw new Error(`${fn}: 'table' entry (${i}, ${j}) must be a class code in [0, ${k}), got ${v}`);
      }
    }
  }
}
