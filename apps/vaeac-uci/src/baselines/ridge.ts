import { choleskySolve } from './cholesky-solve.js';

/** A fitted multi-output ridge regression y ≈ yMean + (x − xMean) · coef (the intercept is not penalized). */
export interface RidgeModel {
  readonly xMean: readonly number[];
  readonly yMean: readonly number[];
  /** p × m. */
  readonly coef: readonly (readonly number[])[];
}

/**
 * Ridge regression on centered data: coef = (XcᵀXc + λI)⁻¹ XcᵀYc with Xc = X − mean(X), Yc = Y − mean(Y),
 * X n × p, Y n × m (as scikit-learn's `Ridge(alpha=λ)` with an intercept). O(n·p² + p³ + n·p·m).
 *
 * @throws Error when X is empty or λ ≤ 0.
 */
export function ridgeFit(
  x: readonly (readonly number[])[],
  y: readonly (readonly number[])[],
  lambda: number,
): RidgeModel {
  if (x.length === 0 || x.length !== y.length)
    throw new Error("ridgeFit: 'x' and 'y' must have the same, non-zero number of rows");
  if (!(lambda > 0)) throw new Error(`ridgeFit: 'lambda' must be > 0, got ${lambda}`);
  const n = x.length;
  const p = x[0]!.length;
  const m = y[0]!.length;
  const xMean = columnMeans(x, p);
  const yMean = columnMeans(y, m);
  const gram = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const rhs = Array.from({ length: p }, () => new Array<number>(m).fill(0));
  for (let r = 0; r < n; r++) {
    const xc = x[r]!.map((v, k) => v - xMean[k]!);
    const yc = y[r]!.map((v, c) => v - yMean[c]!);
    for (let a = 0; a < p; a++) {
      for (let b = 0; b <= a; b++) gram[a]![b]! += xc[a]! * xc[b]!;
      for (let c = 0; c < m; c++) rhs[a]![c]! += xc[a]! * yc[c]!;
    }
  }
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < a; b++) gram[b]![a] = gram[a]![b]!;
    gram[a]![a]! += lambda;
  }
  return { xMean, yMean, coef: choleskySolve(gram, rhs) };
}

/** The ridge model's prediction for one row of p features: m outputs. O(p·m). */
export function ridgePredict(model: RidgeModel, row: readonly number[]): number[] {
  return model.yMean.map((ym, c) => {
    let s = ym;
    for (let k = 0; k < row.length; k++) s += (row[k]! - model.xMean[k]!) * model.coef[k]![c]!;
    return s;
  });
}

function columnMeans(rows: readonly (readonly number[])[], width: number): number[] {
  const means = new Array<number>(width).fill(0);
  for (const row of rows) for (let k = 0; k < width; k++) means[k]! += row[k]!;
  return means.map((s) => s / rows.length);
}
