import type { DatasetName } from './datasets.js';
import type { Method } from './methods.js';
import { mean, sampleStd, spearman } from './statistics.js';

/** The scores of one method on one corrupted table (a unit of work's result). */
export interface UnitResult {
  readonly dataset: DatasetName;
  readonly replicate: number;
  readonly method: Method;
  readonly missingRate: number;
  /** Removed entries (the ones imputed and scored). */
  readonly removed: number;
  /** NRMSE over the real columns (mean) and per column (null: categorical or nothing removed). */
  readonly nrmse: number | null;
  readonly nrmsePerColumn: readonly (number | null)[];
  /** PFC over the categorical columns; null when the table has none. */
  readonly pfc: number | null;
  /** Spread of the imputations (see `spread` in metrics.ts), mean over real columns and per column. */
  readonly spread: number | null;
  readonly spreadPerColumn: readonly (number | null)[];
  /** Per categorical column: the fraction of removed entries on which the imputations disagree. */
  readonly disagreement: readonly (number | null)[];
  /** Every removed entry got a finite value and every observed entry was kept exactly, in every imputation. */
  readonly valid: boolean;
  readonly imputations: number;
  readonly bestEpoch: number | null;
  readonly bestValidationIwae: number | null;
  /** VAEAC only: the validation IWAE at each validated epoch. */
  readonly validationCurve: readonly { readonly epoch: number; readonly iwae: number }[];
  readonly seconds: number;
}

/** Mean and sample standard deviation over the replicates of a dataset × method. */
export interface Aggregate {
  readonly dataset: DatasetName;
  readonly method: Method;
  readonly missingRate: number;
  readonly replicates: number;
  readonly nrmse: number | null;
  readonly nrmseSd: number | null;
  readonly pfc: number | null;
  readonly pfcSd: number | null;
  readonly spread: number | null;
  /** Per column, averaged over the replicates. */
  readonly nrmsePerColumn: readonly (number | null)[];
  readonly spreadPerColumn: readonly (number | null)[];
  readonly seconds: number;
}

const stat = (values: readonly (number | null)[]) => {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? { mean: null, sd: null } : { mean: mean(present), sd: sampleStd(present) };
};

const perColumn = (rows: readonly (readonly (number | null)[])[]) =>
  (rows[0] ?? []).map((_, j) => stat(rows.map((r) => r[j] ?? null)).mean);

/** Aggregates the unit results of each (dataset, method) over the replicates, in the order the units ran. */
export function aggregate(results: readonly UnitResult[]): Aggregate[] {
  const keys = [...new Set(results.map((r) => `${r.dataset}\u0000${r.method}`))];
  return keys.map((key) => {
    const group = results.filter((r) => `${r.dataset}\u0000${r.method}` === key);
    const first = group[0]!;
    const nrmse = stat(group.map((r) => r.nrmse));
    const pfc = stat(group.map((r) => r.pfc));
    return {
      dataset: first.dataset,
      method: first.method,
      missingRate: first.missingRate,
      replicates: group.length,
      nrmse: nrmse.mean,
      nrmseSd: nrmse.sd,
      pfc: pfc.mean,
      pfcSd: pfc.sd,
      spread: stat(group.map((r) => r.spread)).mean,
      nrmsePerColumn: perColumn(group.map((r) => r.nrmsePerColumn)),
      spreadPerColumn: perColumn(group.map((r) => r.spreadPerColumn)),
      seconds: mean(group.map((r) => r.seconds)),
    };
  });
}

/**
 * Spearman correlation, over a table's real columns, between VAEAC's per-column spread and its per-column NRMSE
 * (both averaged over replicates): positive when the imputations spread more where the column is harder to
 * predict. null with fewer than 3 columns.
 */
export function spreadNrmseCorrelation(a: Aggregate): number | null {
  const pairs = a.nrmsePerColumn.flatMap((e, j) => {
    const s = a.spreadPerColumn[j];
    return e === null || s === null || s === undefined ? [] : [[s, e] as const];
  });
  if (pairs.length < 3) return null;
  return spearman(
    pairs.map((p) => p[0]),
    pairs.map((p) => p[1]),
  );
}

/** The aggregate of `method` on `dataset`, if the run has it. */
export function find(aggregates: readonly Aggregate[], dataset: DatasetName, method: Method): Aggregate | undefined {
  return aggregates.find((a) => a.dataset === dataset && a.method === method);
}
