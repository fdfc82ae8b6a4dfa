import { mode } from './baselines/mean-impute.js';
import { mean, populationStd } from './statistics.js';
import { type ColumnType, categoriesOf, type Table } from './table.js';

/** A score per column (null where it does not apply) and its mean over the columns where it does. */
export interface ColumnScores {
  readonly perColumn: readonly (number | null)[];
  /** Mean of the non-null entries; null when there are none. */
  readonly mean: number | null;
}

/** Boolean mask, true = the entry was removed (to impute), as `@proj/vaeac`'s masks. */
export type Mask = readonly (readonly boolean[])[];

const scores = (perColumn: (number | null)[]): ColumnScores => {
  const present = perColumn.filter((v): v is number => v !== null);
  return { perColumn, mean: present.length === 0 ? null : mean(present) };
};

/** Rows i with mask[i][j] (the removed entries of column j). */
const removedRows = (mask: Mask, j: number) => mask.flatMap((row, i) => (row[j] ? [i] : []));

function assertShapes(fn: string, truth: Table, mask: Mask, imputations: readonly Table[]): void {
  if (imputations.length === 0) throw new Error(`${fn}: 'imputations' must hold at least one completed table`);
  if (mask.length !== truth.length || imputations.some((t) => t.length !== truth.length)) {
    throw new Error(`${fn}: 'truth', 'mask' and every imputation must have the same number of rows`);
  }
}

/**
 * NRMSE of multiple imputations (the VAEAC repo's `evaluate_results.py`): per real column j,
 * sqrt(mean over the removed entries of (mean over the imputations − truth)²) / std(truth column j, all rows,
 * population std); categorical columns and columns with nothing removed are null; `mean` averages the real
 * columns. O(K·n·d).
 */
export function nrmse(
  truth: Table,
  mask: Mask,
  imputations: readonly Table[],
  types: readonly ColumnType[],
): ColumnScores {
  assertShapes('nrmse', truth, mask, imputations);
  return scores(
    types.map((type, j) => {
      const rows = removedRows(mask, j);
      if (type !== 'real' || rows.length === 0) return null;
      const sq = rows.map((i) => (mean(imputations.map((t) => t[i]![j]!)) - truth[i]![j]!) ** 2);
      return Math.sqrt(mean(sq)) / populationStd(truth.map((row) => row[j]!));
    }),
  );
}

/**
 * PFC (proportion of falsely classified) of multiple imputations: per categorical column, the fraction of its
 * removed entries where the majority vote over the imputations (ties: the lowest class) differs from the truth;
 * real columns and columns with nothing removed are null. O(K·n·d).
 */
export function pfc(
  truth: Table,
  mask: Mask,
  imputations: readonly Table[],
  types: readonly ColumnType[],
): ColumnScores {
  assertShapes('pfc', truth, mask, imputations);
  return scores(
    types.map((type, j) => {
      const k = categoriesOf(type);
      const rows = removedRows(mask, j);
      if (k === null || rows.length === 0) return null;
      return mean(
        rows.map((i) =>
          mode(
            imputations.map((t) => t[i]![j]!),
            k,
          ) === truth[i]![j]
            ? 0
            : 1,
        ),
      );
    }),
  );
}

/**
 * Spread of multiple imputations: per real column, the mean over its removed entries of the population std
 * across the K imputations, divided by the std of the complete truth column (so 1 = as wide as the column); per
 * categorical column, the fraction of removed entries where the imputations do not all agree; null for columns
 * with nothing removed. `mean` averages the real columns only. O(K·n·d).
 */
export function spread(
  truth: Table,
  mask: Mask,
  imputations: readonly Table[],
  types: readonly ColumnType[],
): ColumnScores & { readonly categorical: readonly (number | null)[] } {
  assertShapes('spread', truth, mask, imputations);
  const real = types.map((type, j) => {
    const rows = removedRows(mask, j);
    if (type !== 'real' || rows.length === 0) return null;
    const scale = populationStd(truth.map((row) => row[j]!));
    return mean(rows.map((i) => populationStd(imputations.map((t) => t[i]![j]!)))) / scale;
  });
  const categorical = types.map((type, j) => {
    const rows = removedRows(mask, j);
    if (type === 'real' || rows.length === 0) return null;
    return mean(rows.map((i) => (new Set(imputations.map((t) => t[i]![j]!)).size > 1 ? 1 : 0)));
  });
  return { ...scores(real), categorical };
}
