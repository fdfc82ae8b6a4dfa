import { type Claim, claim, formatNumber } from '@proj/repro';
import type { FigureConfig } from './config.js';
import { COSTS, type CostName } from './costs.js';
import type { EstimatorMoments, EstimatorVariant } from './exact-variance.js';
import { printedDeviation, SCIPY_SOURCE, scipyValue, type TableColumn, tableColumn } from './scipy-table.js';
import type { SampleMoments } from './statistics.js';

/** One estimator at one point: exact moments (quadrature) and the Monte Carlo ones, for ∂μ and ∂σ. */
export interface Estimate {
  readonly variant: EstimatorVariant;
  readonly exact: EstimatorMoments;
  readonly monteCarlo: readonly [SampleMoments, SampleMoments];
}

/** All estimators at one (cost, k); `inTable` for the k values of the orderings table. */
export interface Point {
  readonly figure: FigureConfig;
  readonly k: number;
  readonly inTable: boolean;
  readonly estimates: readonly Estimate[];
}

const SYMBOL = ['μ', 'σ'] as const;
const PARAMS = [0, 1] as const;

/** The exact variance of the estimator in `column` at `p` for parameter j (0: μ, 1: σ), if the config has it. */
const exactVariance = (p: Point, column: TableColumn, j: 0 | 1): number | undefined =>
  p.estimates.find((e) => tableColumn(e.variant) === column)?.exact.variance[j];

/** The scipy variance of `column` at (cost, k), parameter j, as a number, if the table has it. */
const scipy = (cost: CostName, k: number, column: TableColumn, j: 0 | 1): number | undefined => {
  const variant = COLUMN_VARIANTS[column];
  const text = scipyValue(cost, k, variant, j);
  return text === undefined ? undefined : Number(text);
};

const COLUMN_VARIANTS: Readonly<Record<TableColumn, EstimatorVariant>> = {
  SF: { label: 'SF', estimator: 'scoreFunction' },
  'SF*': { label: 'SF*', estimator: 'scoreFunction', baseline: 'optimal' },
  PW: { label: 'PW', estimator: 'pathwise' },
  MVc: { label: 'MVc', estimator: 'measureValued', coupling: true },
  MVu: { label: 'MVu', estimator: 'measureValued', coupling: false },
};

/** The ratio of two columns' exact variances at every point of `cost` and parameter in `params` where both exist. */
function ratios(
  points: readonly Point[],
  cost: CostName,
  [top, bottom]: readonly [TableColumn, TableColumn],
  params: readonly (0 | 1)[],
): { cost: CostName; k: number; j: 0 | 1; ratio: number }[] {
  return points
    .filter((p) => p.figure.cost === cost)
    .flatMap((p) =>
      params.flatMap((j) => {
        const [a, b] = [exactVariance(p, top, j), exactVariance(p, bottom, j)];
        return a === undefined || b === undefined ? [] : [{ cost, k: p.k, j, ratio: a / b }];
      }),
    );
}

/**
 * Every estimator is unbiased: the largest error of the quadrature means against the closed-form gradients
 * (relative, or absolute below 1) is at most 1e-8. O(points × estimators).
 */
export function unbiasedClaim(points: readonly Point[], mu: number, sigma: number): Claim {
  let worst = 0;
  for (const p of points) {
    const gradient = COSTS[p.figure.cost].gradient(p.k, mu, sigma);
    for (const e of p.estimates) {
      for (const j of PARAMS) {
        worst = Math.max(worst, Math.abs(e.exact.mean[j] - gradient[j]) / Math.max(1, Math.abs(gradient[j])));
      }
    }
  }
  return claim({
    id: 'exact.unbiased',
    text: 'Every estimator is unbiased: the quadrature means of the single-sample estimates equal the closed-form gradients',
    reference: null,
    ours: worst,
    test: { op: '<=', bound: 1e-8 },
    detail: `largest error ${formatNumber(worst)} (relative, or absolute below 1) over ${points.length} points`,
  });
}

/**
 * Our quadrature reproduces the independent scipy values (ours-exact, research notes §2.1) at the table's k to
 * their printed digits: `ours` is the largest deviation in half units of the last printed digit (≤ 1: rounds to
 * the printed value). Undefined when no table point has a scipy value.
 */
export function scipyClaim(points: readonly Point[]): Claim | undefined {
  let worst = 0;
  let where = '';
  let compared = 0;
  for (const p of points.filter((q) => q.inTable)) {
    for (const e of p.estimates) {
      for (const j of PARAMS) {
        const printed = scipyValue(p.figure.cost, p.k, e.variant, j);
        if (printed === undefined) continue;
        compared++;
        const deviation = printedDeviation(e.exact.variance[j], printed);
        if (deviation >= worst) {
          worst = deviation;
          where = `${p.figure.cost} k = ${p.k} ${tableColumn(e.variant)} ∂${SYMBOL[j]}: ${e.exact.variance[j]} vs ${printed}`;
        }
      }
    }
  }
  if (compared === 0) return undefined;
  return claim({
    id: 'exact.matches-scipy',
    text: "Our quadrature's exact variances round to the independent scipy values (ours-exact, not the survey's) at the table's k",
    reference: null,
    ours: worst,
    test: { op: '<=', bound: 1 },
    detail: `${compared} values (${SCIPY_SOURCE}); largest deviation in half units of the last printed digit at ${where}`,
  });
}

/**
 * The Monte Carlo variances (from the estimators of @proj/mc-gradients) agree with the quadrature: `ours` is the
 * fraction of variances within 3 standard errors, z = |MC − exact| / standard error of the MC variance ≤ 3, tested
 * ≥ 0.99 (normal theory: 0.9973). A fraction, not the largest |z|: the standard error comes from the sample's
 * fourth moment, whose estimate is heavy-tailed for the score function, so the largest of hundreds of z values
 * says little. A zero standard error with a difference above 1e-8 counts as outside.
 */
export function monteCarloClaim(points: readonly Point[]): Claim {
  const z = points.flatMap((p) =>
    p.estimates.flatMap((e) =>
      PARAMS.map((j) => {
        const { variance, varianceError } = e.monteCarlo[j];
        const difference = Math.abs(variance - e.exact.variance[j]);
        if (varianceError > 1e-12) return difference / varianceError;
        return difference < 1e-8 ? 0 : Number.POSITIVE_INFINITY;
      }),
    ),
  );
  const within3 = z.filter((v) => v <= 3).length / z.length;
  return claim({
    id: 'monte-carlo.matches-quadrature',
    text: 'At least 99 % of the Monte Carlo variances of the estimators of @proj/mc-gradients lie within 3 standard errors of the quadrature',
    reference: null,
    ours: within3,
    test: { op: '>=', bound: 0.99 },
    detail: `${z.filter((v) => v <= 3).length} of ${z.length} variances; largest |z| ${formatNumber(Math.max(...z))}`,
  });
}

/**
 * Figure 2: for (x − k)² the score function stays above pathwise even with the optimal baseline, at every k:
 * `ours` is the smallest Var(SF*)/Var(PW) over the points and both parameters, tested > 1.
 */
export function baselineAbovePathwiseClaim(points: readonly Point[]): Claim | undefined {
  const found = ratios(points, 'square', ['SF*', 'PW'], PARAMS);
  if (found.length === 0) return undefined;
  const least = found.reduce((a, b) => (b.ratio < a.ratio ? b : a));
  return claim({
    id: 'square.baseline-score-function-above-pathwise',
    text: '(x − k)²: the score function with the optimal baseline has a larger variance than pathwise at every k, for ∂μ and ∂σ (Figure 2)',
    reference: null,
    ours: least.ratio,
    unit: 'x',
    test: { op: '>', bound: 1 },
    detail: `smallest Var(SF*)/Var(PW) over ${found.length} (k, parameter) pairs, at k = ${formatNumber(least.k)}, ∂${SYMBOL[least.j]}`,
  });
}

/**
 * Figure 3: for a rapidly varying cost (exp(−kx²), cos(kx)) at the largest k of the config, the score function's
 * ∂μ variance is below pathwise's: `ours` = Var(PW)/Var(SF), tested > 1; the reference is the same ratio of the
 * scipy values when the table has that k.
 */
export function scoreFunctionBeatsPathwiseClaim(points: readonly Point[], cost: 'exp' | 'cos'): Claim | undefined {
  const found = ratios(points, cost, ['PW', 'SF'], [0]);
  if (found.length === 0) return undefined;
  const largest = found.reduce((a, b) => (b.k > a.k ? b : a));
  const [pw, sf] = [scipy(cost, largest.k, 'PW', 0), scipy(cost, largest.k, 'SF', 0)];
  const k = formatNumber(largest.k);
  return claim({
    id: `${cost}.score-function-beats-pathwise`,
    text: `${COSTS[cost].formula} at the largest k (${k}): the score function's ∂μ variance is below pathwise's, whose variance grows with k (Figure 3)`,
    reference:
      pw === undefined || sf === undefined
        ? null
        : { kind: 'ours-exact', value: pw / sf, source: `${SCIPY_SOURCE}, k = ${k}: ${pw} / ${sf}` },
    ours: largest.ratio,
    unit: 'x',
    test: { op: '>', bound: 1 },
    detail: `Var(PW)/Var(SF) for ∂μ at k = ${k}, exact by our quadrature`,
  });
}

/**
 * Figure 2: coupled measure-valued is not uniformly the best: for (x − k)² at the k farthest from μ its ∂μ
 * variance is above pathwise's. `ours` = Var(MVc)/Var(PW), tested > 1; reference from the scipy table.
 */
export function measureValuedNotUniformlyBestClaim(points: readonly Point[], mu: number): Claim | undefined {
  const found = ratios(points, 'square', ['MVc', 'PW'], [0]);
  if (found.length === 0) return undefined;
  const far = found.reduce((a, b) => (Math.abs(b.k - mu) > Math.abs(a.k - mu) ? b : a));
  const [mv, pw] = [scipy('square', far.k, 'MVc', 0), scipy('square', far.k, 'PW', 0)];
  const k = formatNumber(far.k);
  return claim({
    id: 'square.measure-valued-not-uniformly-best',
    text: `(x − k)² at the k farthest from μ (${k}): coupled measure-valued has a larger ∂μ variance than pathwise (Figure 2)`,
    reference:
      mv === undefined || pw === undefined
        ? null
        : { kind: 'ours-exact', value: mv / pw, source: `${SCIPY_SOURCE}, k = ${k}: ${mv} / ${pw}` },
    ours: far.ratio,
    unit: 'x',
    test: { op: '>', bound: 1 },
    detail: `Var(MVc)/Var(PW) for ∂μ at k = ${k}, exact by our quadrature`,
  });
}

/**
 * Coupling is not always better: somewhere among the points the uncoupled measure-valued estimator has a lower
 * variance than the coupled one. `ours` = the smallest Var(MVu)/Var(MVc), tested < 1. Undefined unless the
 * config has both.
 */
export function couplingNotAlwaysBetterClaim(points: readonly Point[]): Claim | undefined {
  const found = (['square', 'exp', 'cos'] as const).flatMap((cost) => ratios(points, cost, ['MVu', 'MVc'], PARAMS));
  if (found.length === 0) return undefined;
  const least = found.reduce((a, b) => (b.ratio < a.ratio ? b : a));
  return claim({
    id: 'coupling-not-always-better',
    text: 'Coupling is not always better: at some k the uncoupled measure-valued estimator has a lower variance than the coupled one',
    reference: null,
    ours: least.ratio,
    unit: 'x',
    test: { op: '<', bound: 1 },
    detail: `smallest Var(MVu)/Var(MVc) over ${found.length} (cost, k, parameter), at ${COSTS[least.cost].formula}, k = ${formatNumber(least.k)}, ∂${SYMBOL[least.j]}`,
  });
}

/** The claims of a run, those not applicable to its config left out. */
export function varianceClaims(points: readonly Point[], mu: number, sigma: number): Claim[] {
  return [
    unbiasedClaim(points, mu, sigma),
    scipyClaim(points),
    monteCarloClaim(points),
    baselineAbovePathwiseClaim(points),
    scoreFunctionBeatsPathwiseClaim(points, 'exp'),
    scoreFunctionBeatsPathwiseClaim(points, 'cos'),
    measureValuedNotUniformlyBestClaim(points, mu),
    couplingNotAlwaysBetterClaim(points),
  ].filter((c): c is Claim => c !== undefined);
}
