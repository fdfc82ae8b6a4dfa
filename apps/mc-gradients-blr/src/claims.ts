import { type Claim, claim, formatNumber, withUnit } from '@proj/repro';
import type { RunResult } from './run-result.js';
import { movingAverage, SMOOTHING_WINDOW } from './smoothing.js';

/** The ELBO of "similar ELBO" (pathwise vs coupled measure-valued): final ELBOs at most this many nats apart. */
export const SIMILAR_ELBO_NATS = 2;

const find = (results: readonly RunResult[], estimator: string, controlVariate: 'none' | 'delta') =>
  results.find((r) => r.config.estimator === estimator && r.config.controlVariate === controlVariate);

const finalElbo = (r: RunResult) => r.records[r.records.length - 1]!.elbo;

/**
 * The run's gradient variance at the end of training as the figure shows it: the last point of the
 * 11-evaluation moving average of the mean per-parameter variance on the full data set.
 */
export function finalSmoothedVariance(r: RunResult): number {
  return movingAverage(r.records.map((x) => x.meanVariance)).at(-1)!;
}

/** A run label as a claim-id word: "measure-valued (coupled) + delta" → "measure-valued-coupled-delta". */
export function labelId(label: string): string {
  return label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const SMOOTHED = `at the end of training (${SMOOTHING_WINDOW}-evaluation moving average, full data set)`;
const sci = (v: number) => formatNumber(v);

/** Every run trains: its final ELBO is above its first. `ours` = final − first ELBO (nats), tested > 0. */
export function elboRisesClaim(r: RunResult): Claim {
  const [first, last] = [r.records[0]!, r.records[r.records.length - 1]!];
  return claim({
    id: `${labelId(r.config.label)}.elbo-rises`,
    text: `${r.config.label}: the ELBO rises during training`,
    reference: null,
    ours: last.elbo - first.elbo,
    unit: 'nats',
    test: { op: '>', bound: 0 },
    detail: `ELBO ${formatNumber(first.elbo)} at step ${first.step} → ${formatNumber(last.elbo)} at step ${last.step}, accuracy ${formatNumber(last.accuracy)}`,
  });
}

/** The score function's gradient variance is at least 10x pathwise's: `ours` = the ratio of smoothed variances. */
export function scoreFunctionVarianceClaim(sf: RunResult, pw: RunResult): Claim {
  const [a, b] = [finalSmoothedVariance(sf), finalSmoothedVariance(pw)];
  return claim({
    id: 'score-function.variance-above-pathwise',
    text: "The score function's gradient variance is at least 10 times pathwise's",
    reference: null,
    ours: a / b,
    unit: 'x',
    test: { op: '>=', bound: 10 },
    detail: `mean per-parameter variance of the single-sample estimate ${SMOOTHED}: ${sci(a)} (score function) vs ${sci(b)} (pathwise)`,
  });
}

/** The score function's ELBO lags: `ours` = final ELBO(pathwise) − final ELBO(score function), tested > 0. */
export function scoreFunctionElboClaim(sf: RunResult, pw: RunResult): Claim {
  return claim({
    id: 'score-function.elbo-below-pathwise',
    text: "The score function's final ELBO is below pathwise's (slower ELBO progress)",
    reference: null,
    ours: finalElbo(pw) - finalElbo(sf),
    unit: 'nats',
    test: { op: '>', bound: 0 },
    detail: `final ELBO ${formatNumber(finalElbo(sf))} (score function) vs ${formatNumber(finalElbo(pw))} (pathwise)`,
  });
}

/**
 * The delta method lowers the score function's gradient variance: `ours` = smoothed variance without / with it,
 * tested > 1; the detail gives the share of the (log) gap to pathwise it closes, when pathwise ran.
 */
export function deltaLowersVarianceClaim(sf: RunResult, sfDelta: RunResult, pw: RunResult | undefined): Claim {
  const [a, b] = [finalSmoothedVariance(sf), finalSmoothedVariance(sfDelta)];
  const gap =
    pw === undefined
      ? ''
      : `; closes ${formatNumber((100 * Math.log(a / b)) / Math.log(a / finalSmoothedVariance(pw)))} % of the log gap to pathwise`;
  return claim({
    id: 'score-function.delta-lowers-variance',
    text: "The delta-method control variate lowers the score function's gradient variance",
    reference: null,
    ours: a / b,
    unit: 'x',
    test: { op: '>', bound: 1 },
    detail: `${SMOOTHED}: ${sci(a)} without, ${sci(b)} with the delta method${gap}`,
  });
}

/**
 * Pathwise and coupled measure-valued have the lowest variance: `ours` = the larger of their smoothed variances /
 * the smallest of the score-function runs' (with or without the delta method), tested < 1.
 */
export function lowestVarianceClaim(pw: RunResult, mv: RunResult, scoreFunctionRuns: readonly RunResult[]): Claim {
  const low = Math.max(finalSmoothedVariance(pw), finalSmoothedVariance(mv));
  const least = scoreFunctionRuns.reduce((a, b) => (finalSmoothedVariance(b) < finalSmoothedVariance(a) ? b : a));
  return claim({
    id: 'pathwise-and-measure-valued.lowest-variance',
    text: 'Pathwise and coupled measure-valued gradients have a lower variance than the score function, with or without the delta method',
    reference: null,
    ours: low / finalSmoothedVariance(least),
    unit: 'x',
    test: { op: '<', bound: 1 },
    detail: `${SMOOTHED}: pathwise ${sci(finalSmoothedVariance(pw))}, measure-valued ${sci(finalSmoothedVariance(mv))}; lowest score-function run: ${least.config.label} ${sci(finalSmoothedVariance(least))}`,
  });
}

/** Similar ELBO: `ours` = final ELBO(measure-valued) − final ELBO(pathwise), tested within ±SIMILAR_ELBO_NATS. */
export function measureValuedElboClaim(mv: RunResult, pw: RunResult): Claim {
  return claim({
    id: 'measure-valued.elbo-near-pathwise',
    text: `Coupled measure-valued gradients reach pathwise's final ELBO within ${SIMILAR_ELBO_NATS} nats`,
    reference: null,
    ours: finalElbo(mv) - finalElbo(pw),
    unit: 'nats',
    test: { op: 'within', target: 0, tolerance: SIMILAR_ELBO_NATS },
    detail: `final ELBO ${formatNumber(finalElbo(mv))} (measure-valued) vs ${formatNumber(finalElbo(pw))} (pathwise)`,
  });
}

/**
 * The weak derivative of a Gaussian needs 2 cost evaluations per parameter (mean and scale of each of the D
 * weights: 2D parameters), 4D per posterior draw where pathwise needs 1. `ours` = cost rows per draw of the
 * measure-valued training estimate / pathwise's, counted; tested equal to 4D.
 */
export function costEvaluationsClaim(mv: RunResult, pw: RunResult, dimension: number): Claim {
  const parameters = 2 * dimension;
  const ratio = mv.costRowsPerSample / pw.costRowsPerSample;
  return claim({
    id: 'measure-valued.cost-evaluations',
    text: `The measure-valued estimator evaluates the cost 2 times per parameter: 2 · ${parameters} = ${2 * parameters} times per posterior draw as often as pathwise (D = ${dimension} weights, mean and scale each)`,
    reference: null,
    ours: ratio,
    unit: 'x',
    test: { op: 'within', target: 2 * parameters, tolerance: 0 },
    detail: `counted cost rows per draw: ${formatNumber(mv.costRowsPerSample)} (measure-valued) vs ${formatNumber(pw.costRowsPerSample)} (pathwise); ${formatNumber(mv.msPerStep / pw.msPerStep)}x the time per step`,
  });
}

/** The claims of a run, those whose runs the config lacks left out. */
export function blrClaims(results: readonly RunResult[], dimension: number): Claim[] {
  const [sf, sfDelta, pw, mv] = [
    find(results, 'scoreFunction', 'none'),
    find(results, 'scoreFunction', 'delta'),
    find(results, 'pathwise', 'none'),
    find(results, 'measureValued', 'none'),
  ];
  const scoreFunctionRuns = results.filter((r) => r.config.estimator === 'scoreFunction');
  return [
    ...results.map(elboRisesClaim),
    sf && pw ? scoreFunctionVarianceClaim(sf, pw) : undefined,
    sf && pw ? scoreFunctionElboClaim(sf, pw) : undefined,
    sf && sfDelta ? deltaLowersVarianceClaim(sf, sfDelta, pw) : undefined,
    pw && mv && scoreFunctionRuns.length > 0 ? lowestVarianceClaim(pw, mv, scoreFunctionRuns) : undefined,
    pw && mv ? measureValuedElboClaim(mv, pw) : undefined,
    pw && mv ? costEvaluationsClaim(mv, pw, dimension) : undefined,
  ].filter((c): c is Claim => c !== undefined);
}

/** The printed table: each claim the survey makes (paper.ts), its statement, and ours. */
export function claimsTable(
  claims: readonly Claim[],
  survey: Readonly<Record<string, string>>,
  command: string,
): Array<{ claim: string; paper: string; ours: string; command: string }> {
  return claims
    .filter((c) => survey[c.id] !== undefined)
    .map((c) => ({
      claim: c.text,
      paper: survey[c.id]!,
      ours: `${withUnit(c.ours, c.unit)} (${c.holds ? 'holds' : 'fails'}): ${c.detail}`,
      command,
    }));
}
