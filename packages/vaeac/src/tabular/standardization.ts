import type { ColumnType } from './column-types.js';

/** Per-column affine maps of the real columns: standardized = (x − mean)/std (categorical: mean 0, std 1). */
export interface Standardization {
  readonly mean: readonly number[];
  readonly std: readonly number[];
}

/** Floor on a column's standard deviation (authors' code: 1e-9). */
export const MIN_STD = 1e-9;

/**
 * Mean and (population) standard deviation of each real column over its observed (non-NaN) entries; std
 * floored at 1e-9. A column without observed entries gets mean 0, std 1 (fit refuses such columns). O(n·D).
 */
export function standardization(types: readonly ColumnType[], rows: readonly (readonly number[])[]): Standardization {
  const mean: number[] = [];
  const std: number[] = [];
  types.forEach((type, c) => {
    const values = rows.map((row) => row[c] as number).filter((v) => !Number.isNaN(v));
    if (type !== 'real' || values.length === 0) {
      mean.push(0);
      std.push(1);
      return;
    }
    const m = values.reduce((a, b) => a + b, 0) / values.length;
    const variance = values.reduce((a, v) => a + (v - m) ** 2, 0) / values.length;
    mean.push(m);
    std.push(Math.max(Math.sqrt(variance), MIN_STD));
  });
  return { mean, std };
}
