import { describe, expect, it } from 'vitest';
import {
  blrClaims,
  claimsTable,
  costEvaluationsClaim,
  deltaLowersVarianceClaim,
  elboRisesClaim,
  finalSmoothedVariance,
  labelId,
  lowestVarianceClaim,
  measureValuedElboClaim,
  scoreFunctionElboClaim,
  scoreFunctionVarianceClaim,
} from '../src/claims.js';
import type { RunConfig } from '../src/config.js';
import { SURVEY } from '../src/paper.js';
import type { RunResult } from '../src/run-result.js';

/**
 * A hand-made run: ELBOs at its evaluations, and a constant gradient variance except the last `spike`
 * evaluations (to see the moving average at work).
 */
function run(
  config: RunConfig,
  elbos: readonly number[],
  variance: number,
  { spike = 0, costRowsPerSample = 1 } = {},
): RunResult {
  return {
    config,
    records: elbos.map((elbo, i) => ({
      run: config.label,
      step: 10 * i,
      elbo,
      kl: 1,
      accuracy: 0.9,
      meanVariance: i >= elbos.length - spike ? 12 * variance : variance,
      maxVariance: 2 * variance,
    })),
    msPerStep: costRowsPerSample,
    costRowsPerSample,
  };
}

const TWELVE = (last: number) => [...Array.from({ length: 11 }, (_, i) => -600 + 40 * i), last];
const PW = run({ label: 'pathwise', estimator: 'pathwise', controlVariate: 'none' }, TWELVE(-67), 90);
const SF = run({ label: 'score function', estimator: 'scoreFunction', controlVariate: 'none' }, TWELVE(-70), 24_000);
const SF_DELTA = run(
  { label: 'score function + delta', estimator: 'scoreFunction', controlVariate: 'delta' },
  TWELVE(-68),
  2_400,
);
const MV = run(
  { label: 'measure-valued (coupled)', estimator: 'measureValued', controlVariate: 'none', coupling: true },
  TWELVE(-67.5),
  100,
  { costRowsPerSample: 124 },
);

describe('blr claims', () => {
  it('finalSmoothedVariance is the last point of the 11-evaluation moving average (the last 6 evaluations)', () => {
    // One spike of 12x among the last 6 evaluations: (5·1 + 12)/6 of the base.
    const spiked = run(PW.config, TWELVE(-67), 6, { spike: 1 });
    expect(finalSmoothedVariance(spiked)).toBeCloseTo((5 * 6 + 72) / 6, 12);
    expect(finalSmoothedVariance(PW)).toBeCloseTo(90, 12);
  });

  it('labelId turns run labels into id words', () => {
    expect(labelId('measure-valued (coupled) + delta')).toBe('measure-valued-coupled-delta');
    expect(labelId('Score function')).toBe('score-function');
  });

  it('<run>.elbo-rises holds when the last ELBO is above the first, and fails otherwise', () => {
    expect(elboRisesClaim(PW)).toMatchObject({ id: 'pathwise.elbo-rises', ours: 533, holds: true });
    const falling = run(PW.config, [-100, -90, -120], 1);
    expect(elboRisesClaim(falling)).toMatchObject({ ours: -20, holds: false });
  });

  it('score-function.variance-above-pathwise needs a ratio ≥ 10 of the smoothed variances', () => {
    const holds = scoreFunctionVarianceClaim(SF, PW);
    expect(holds.ours).toBeCloseTo(24_000 / 90, 9);
    expect(holds.holds).toBe(true);
    const close = run(SF.config, TWELVE(-70), 800);
    expect(scoreFunctionVarianceClaim(close, PW).holds).toBe(false);
  });

  it('score-function.elbo-below-pathwise is the difference of final ELBOs and fails when the score function ends above', () => {
    expect(scoreFunctionElboClaim(SF, PW)).toMatchObject({ ours: 3, unit: 'nats', holds: true });
    // The smoke run with seed 1: score function −119.6, pathwise −133.8.
    const above = scoreFunctionElboClaim(run(SF.config, [-500, -119.6], 1), run(PW.config, [-500, -133.8], 1));
    expect(above.ours).toBeCloseTo(-14.2, 9);
    expect(above.holds).toBe(false);
  });

  it('score-function.delta-lowers-variance prints the ratio with 4 digits, and fails when the delta method does not help', () => {
    const c = deltaLowersVarianceClaim(SF, run(SF_DELTA.config, TWELVE(-68), 24_000 / 1.3), PW);
    expect(c.ours).toBeCloseTo(1.3, 12);
    expect(c.holds).toBe(true);
    expect(claimsTable([c], SURVEY, 'cmd')[0]!.ours).toMatch(/^1\.3 x \(holds\)/);
    expect(deltaLowersVarianceClaim(SF, run(SF_DELTA.config, TWELVE(-68), 30_000), undefined).holds).toBe(false);
    expect(deltaLowersVarianceClaim(SF, SF_DELTA, PW).detail).toContain('closes');
  });

  it('pathwise-and-measure-valued.lowest-variance compares the larger of the two with the lowest score-function run', () => {
    const c = lowestVarianceClaim(PW, MV, [SF, SF_DELTA]);
    expect(c.ours).toBeCloseTo(100 / 2_400, 12);
    expect(c.holds).toBe(true);
    const noisyMv = run(MV.config, TWELVE(-67.5), 5_000);
    expect(lowestVarianceClaim(PW, noisyMv, [SF, SF_DELTA]).holds).toBe(false);
  });

  it('measure-valued.elbo-near-pathwise holds within 2 nats either way', () => {
    expect(measureValuedElboClaim(MV, PW)).toMatchObject({ ours: -0.5, holds: true });
    expect(measureValuedElboClaim(run(MV.config, [-500, -116.3], 1), run(PW.config, [-500, -133.8], 1)).holds).toBe(
      false,
    );
  });

  it('measure-valued.cost-evaluations expects 4D cost rows per draw, derived from the dimension', () => {
    const c = costEvaluationsClaim(MV, PW, 31);
    expect(c).toMatchObject({ ours: 124, holds: true, test: { op: 'within', target: 124, tolerance: 0 } });
    expect(c.text).toContain('2 · 62 = 124');
    expect(costEvaluationsClaim(run(MV.config, [-1, -1], 1, { costRowsPerSample: 62 }), PW, 31).holds).toBe(false);
    expect(costEvaluationsClaim(MV, PW, 10)).toMatchObject({ holds: false, test: { target: 40 } });
  });

  it('blrClaims gives unique ids and leaves out claims whose runs the config lacks', () => {
    const all = blrClaims([PW, SF, SF_DELTA, MV], 31).map((c) => c.id);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(10);
    expect(blrClaims([PW, SF], 31).map((c) => c.id)).toEqual([
      'pathwise.elbo-rises',
      'score-function.elbo-rises',
      'score-function.variance-above-pathwise',
      'score-function.elbo-below-pathwise',
    ]);
  });
});
