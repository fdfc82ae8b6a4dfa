import { type Claim, claim, formatNumber } from '@proj/repro';
import type { DistributionName } from './reference.js';

/** One method on one distribution: its relative errors against the mpmath reference and its time per sample. */
export interface MethodRow {
  readonly distribution: DistributionName;
  /** `implicit` (tfjs, float32), `implicit64` (host, float64), `FD` (finite differences), `piecewise` (PyTorch). */
  readonly short: string;
  readonly medianRelativeError: number;
  readonly maxRelativeError: number;
  readonly meanRelativeError: number;
  readonly perSampleMs: number;
}

/** The methods' names in claims and tables. */
export const SHORT_LABEL: Readonly<Record<string, string>> = {
  implicit: 'implicit float32',
  implicit64: 'implicit float64',
  FD: 'finite differences',
  piecewise: 'piecewise (PyTorch)',
};

/** The distributions' names in claims and tables. */
export const TITLE: Readonly<Record<DistributionName, string>> = {
  gamma: 'Gamma(α, 1)',
  beta: 'Beta(a, b) = G₁/(G₁ + G₀)',
  vonMises: 'von Mises(0, κ)',
};

/** The words of claim ids: distributions and methods. */
const ID: Readonly<Record<string, string>> = {
  gamma: 'gamma',
  beta: 'beta',
  vonMises: 'von-mises',
  implicit: 'implicit-float32',
  implicit64: 'implicit-float64',
  FD: 'finite-differences',
  piecewise: 'piecewise',
};

/** The reference gradients every error is measured against: ours, not the paper's. */
const REFERENCE = 'our mpmath reference gradients (ours-exact, fixtures/reference.json)';

const row = (rows: readonly MethodRow[], distribution: DistributionName, short: string) =>
  rows.find((r) => r.distribution === distribution && r.short === short);

/**
 * A method matches the reference: `ours` is its largest median relative error over the distributions, tested
 * ≤ `tolerance`. Undefined when no distribution has the method.
 */
export function accuracyClaim(rows: readonly MethodRow[], short: string, tolerance: number): Claim | undefined {
  const of = rows.filter((r) => r.short === short);
  if (of.length === 0) return undefined;
  const worst = Math.max(...of.map((r) => r.medianRelativeError));
  return claim({
    id: `${ID[short]}.matches-reference`,
    text: `The ${SHORT_LABEL[short]} gradient matches the reference: median relative error ≤ ${formatNumber(tolerance)} for every distribution`,
    reference: null,
    ours: worst,
    test: { op: '<=', bound: tolerance },
    detail: `median relative error against ${REFERENCE}: ${of.map((r) => `${r.distribution} ${formatNumber(r.medianRelativeError)}`).join(', ')}`,
  });
}

/**
 * Table 1's conclusion, like for like in float64: the implicit gradient is more accurate than `alternative` on
 * `distribution`. `ours` = mean relative error of the alternative / that of the float64 implicit gradient, tested
 * > 1 (the paper reports mean errors; its numbers are not recorded here, so the reference is null).
 */
export function moreAccurateClaim(
  rows: readonly MethodRow[],
  distribution: DistributionName,
  alternative: 'FD' | 'piecewise',
): Claim | undefined {
  const [implicit, other] = [row(rows, distribution, 'implicit64'), row(rows, distribution, alternative)];
  if (implicit === undefined || other === undefined) return undefined;
  return claim({
    id: `${ID[distribution]}.implicit-more-accurate-than-${ID[alternative]}`,
    text: `${TITLE[distribution]}: the float64 implicit gradient has a lower mean relative error than ${SHORT_LABEL[alternative]} (Table 1: implicit is the most accurate)`,
    reference: null,
    ours: other.meanRelativeError / implicit.meanRelativeError,
    unit: 'x',
    test: { op: '>', bound: 1 },
    detail: `mean relative error ${formatNumber(other.meanRelativeError)} (${SHORT_LABEL[alternative]}) vs ${formatNumber(implicit.meanRelativeError)} (implicit float64), max ${formatNumber(other.maxRelativeError)} vs ${formatNumber(implicit.maxRelativeError)}, against ${REFERENCE}`,
  });
}

/**
 * Table 1's conclusion on speed, like for like in float64 on the host: `ours` = time per sample of finite
 * differences / that of the float64 implicit gradient, tested > 1.
 */
export function fasterClaim(rows: readonly MethodRow[], distribution: DistributionName): Claim | undefined {
  const [implicit, fd, tfjs] = [
    row(rows, distribution, 'implicit64'),
    row(rows, distribution, 'FD'),
    row(rows, distribution, 'implicit'),
  ];
  if (implicit === undefined || fd === undefined) return undefined;
  const micro = (ms: number) => `${formatNumber(ms * 1000)} µs`;
  return claim({
    id: `${ID[distribution]}.implicit-faster-than-finite-differences`,
    text: `${TITLE[distribution]}: the float64 implicit gradient takes less time per sample than finite differences (Table 1: implicit is the fastest)`,
    reference: null,
    ours: fd.perSampleMs / implicit.perSampleMs,
    unit: 'x',
    test: { op: '>', bound: 1 },
    detail: `time per sample ${micro(fd.perSampleMs)} (finite differences) vs ${micro(implicit.perSampleMs)} (implicit float64)${tfjs === undefined ? '' : `; implicit float32 (tfjs) ${micro(tfjs.perSampleMs)}`}`,
  });
}

/** The claims of a run, those not applicable to its methods left out. */
export function accuracyClaims(rows: readonly MethodRow[]): Claim[] {
  const distributions = [...new Set(rows.map((r) => r.distribution))];
  return [
    accuracyClaim(rows, 'implicit', 1e-5),
    accuracyClaim(rows, 'implicit64', 1e-12),
    accuracyClaim(rows, 'FD', 1e-4),
    ...distributions.flatMap((name) => [
      moreAccurateClaim(rows, name, 'FD'),
      moreAccurateClaim(rows, name, 'piecewise'),
      fasterClaim(rows, name),
    ]),
  ].filter((c): c is Claim => c !== undefined);
}
