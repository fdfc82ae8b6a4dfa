import { assertTable, type ColumnType, type Table } from '../table.js';
import { encodeTable, fillMissing } from './encoding.js';
import { ridgeFit, ridgePredict } from './ridge.js';

/** Options of {@link iterativeRidgeImpute}. */
export interface IterativeRidgeOptions {
  /** Rounds over the columns (scikit-learn's IterativeImputer: max_iter, default 10). */
  readonly iterations: number;
  /** Ridge penalty λ on the standardized, one-hot predictors. */
  readonly lambda: number;
}

/**
 * A MICE-like iterative regression imputer, deterministic (as scikit-learn's `IterativeImputer` with a ridge
 * estimator and `sample_posterior=False`, in the encoding of {@link encodeTable}):
 * 1. fill every missing encoded entry with its column's observed mean (a categorical column: the class
 *    frequencies);
 * 2. `iterations` times, for each original column j in order that has missing and at least 2 observed entries:
 *    fit a ridge regression of column j's encoded value(s) on all other columns' current encoded values, over the
 *    rows where j is observed, and overwrite j's missing entries with its prediction (a categorical column: the
 *    one-hot vector of the predicted scores' argmax);
 * 3. decode (de-standardize, argmax).
 * O(iterations · d · (n·p² + p³)) for p encoded features.
 *
 * @returns the completed table (observed entries unchanged).
 */
export function iterativeRidgeImpute(
  table: Table,
  types: readonly ColumnType[],
  options: IterativeRidgeOptions,
): number[][] {
  assertTable('iterativeRidgeImpute', table, types);
  if (!(Number.isInteger(options.iterations) && options.iterations >= 1)) {
    throw new Error(`iterativeRidgeImpute: 'options.iterations' must be an integer ≥ 1, got ${options.iterations}`);
  }
  const { x, groups, width } = encodeTable(table, types);
  const means = Array.from({ length: width }, (_, k) => {
    const values = x.map((row) => row[k]!).filter((v) => !Number.isNaN(v));
    return values.length === 0 ? 0 : values.reduce((s, v) => s + v, 0) / values.length;
  });
  const current = x.map((row) => row.map((v, k) => (Number.isNaN(v) ? means[k]! : v)));
  for (let round = 0; round < options.iterations; round++) {
    for (const [j, g] of groups.entries()) {
      const rows = table.map((_, i) => i);
      const observed = rows.filter((i) => !Number.isNaN(table[i]![j]!));
      const missing = rows.filter((i) => Number.isNaN(table[i]![j]!));
      if (missing.length === 0 || observed.length < 2) continue;
      const predictors = (i: number) => current[i]!.filter((_, k) => k < g.start || k >= g.start + g.size);
      const target = (i: number) => current[i]!.slice(g.start, g.start + g.size);
      const model = ridgeFit(observed.map(predictors), observed.map(target), options.lambda);
      for (const i of missing) {
        const y = ridgePredict(model, predictors(i));
        if (g.categories === null) current[i]![g.start] = y[0]!;
        else {
          const best = y.reduce((b, v, c) => (v > y[b]! ? c : b), 0);
          for (let c = 0; c < g.size; c++) current[i]![g.start + c] = c === best ? 1 : 0;
        }
      }
    }
  }
  return fillMissing(table, current, groups);
}
