import { describe, expect, it } from 'vitest';
import { accuracyClaim, accuracyClaims, fasterClaim, type MethodRow, moreAccurateClaim } from '../src/claims.js';
import type { DistributionName } from '../src/reference.js';

/** A hand-made method row: one error for median, max and mean (max 10x), and a time per sample. */
const row = (distribution: DistributionName, short: string, error: number, perSampleMs: number): MethodRow => ({
  distribution,
  short,
  medianRelativeError: error,
  maxRelativeError: 10 * error,
  meanRelativeError: 2 * error,
  perSampleMs,
});

const ROWS: readonly MethodRow[] = [
  row('gamma', 'implicit', 1e-6, 0.006),
  row('gamma', 'implicit64', 1e-15, 0.0006),
  row('gamma', 'FD', 1e-10, 0.03),
  row('gamma', 'piecewise', 2e-6, 0.0007),
  row('vonMises', 'implicit', 1e-7, 0.001),
  row('vonMises', 'implicit64', 1e-16, 0.01),
  row('vonMises', 'FD', 1e-9, 1.6),
];

describe('accuracy claims', () => {
  it('<method>.matches-reference reads the largest median error over the distributions', () => {
    expect(accuracyClaim(ROWS, 'implicit', 1e-5)).toMatchObject({
      id: 'implicit-float32.matches-reference',
      ours: 1e-6,
      holds: true,
      reference: null,
    });
    expect(accuracyClaim(ROWS, 'implicit', 5e-7)).toMatchObject({ ours: 1e-6, holds: false });
    expect(accuracyClaim(ROWS, 'nothing', 1)).toBeUndefined();
  });

  it('<distribution>.implicit-more-accurate-than-<method> is the ratio of mean errors, failing when implicit is worse', () => {
    const fd = moreAccurateClaim(ROWS, 'gamma', 'FD')!;
    expect(fd.id).toBe('gamma.implicit-more-accurate-than-finite-differences');
    expect(fd.ours).toBeCloseTo(1e5, 6);
    expect(fd.holds).toBe(true);
    const worse = moreAccurateClaim(
      [row('beta', 'implicit64', 1e-6, 1), row('beta', 'piecewise', 1e-7, 1)],
      'beta',
      'piecewise',
    )!;
    expect(worse).toMatchObject({ id: 'beta.implicit-more-accurate-than-piecewise', holds: false });
    expect(worse.ours).toBeCloseTo(0.1, 12);
    expect(moreAccurateClaim(ROWS, 'vonMises', 'piecewise')).toBeUndefined();
  });

  it('<distribution>.implicit-faster-than-finite-differences is the ratio of times, failing when implicit is slower', () => {
    const vm = fasterClaim(ROWS, 'vonMises')!;
    expect(vm.id).toBe('von-mises.implicit-faster-than-finite-differences');
    expect(vm.ours).toBeCloseTo(160, 9);
    expect(vm.holds).toBe(true);
    expect(vm.detail).toContain('implicit float32 (tfjs) 1 µs');
    expect(fasterClaim([row('beta', 'implicit64', 1e-15, 2), row('beta', 'FD', 1e-10, 1)], 'beta')).toMatchObject({
      ours: 0.5,
      holds: false,
    });
    expect(fasterClaim(ROWS, 'beta')).toBeUndefined();
  });

  it('accuracyClaims gives unique ids, only for the methods and distributions present', () => {
    const ids = accuracyClaims(ROWS).map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([
      'implicit-float32.matches-reference',
      'implicit-float64.matches-reference',
      'finite-differences.matches-reference',
      'gamma.implicit-more-accurate-than-finite-differences',
      'gamma.implicit-more-accurate-than-piecewise',
      'gamma.implicit-faster-than-finite-differences',
      'von-mises.implicit-more-accurate-than-finite-differences',
      'von-mises.implicit-faster-than-finite-differences',
    ]);
  });
});
