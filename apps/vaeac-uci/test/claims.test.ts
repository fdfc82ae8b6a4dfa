import { describe, expect, it } from 'vitest';
import { claimTable, uciClaims } from '../src/claims.js';
import type { DatasetName } from '../src/datasets.js';
import type { Method } from '../src/methods.js';
import type { Aggregate, UnitResult } from '../src/results.js';

/** A hand-made aggregate of one replicate: NRMSE, PFC, spread and per-column NRMSE and spread. */
function agg(
  dataset: DatasetName,
  method: Method,
  nrmse: number,
  columns: { nrmse: number[]; spread: number[] } = { nrmse: [], spread: [] },
  pfc: number | null = null,
): Aggregate {
  const spread = method === 'vaeac' ? columns.spread.reduce((s, v) => s + v, 0) / (columns.spread.length || 1) : 0;
  return {
    dataset,
    method,
    missingRate: 0.5,
    replicates: 1,
    nrmse,
    nrmseSd: null,
    pfc,
    pfcSd: null,
    spread,
    nrmsePerColumn: columns.nrmse,
    spreadPerColumn: columns.spread,
    seconds: 1,
  };
}

/** A hand-made unit result of mean imputation (the sanity claims read `valid` and `nrmse`). */
const unit = (dataset: DatasetName, nrmse: number, valid = true) =>
  ({ dataset, replicate: 0, method: 'mean', nrmse, valid }) as UnitResult;

const rising = { nrmse: [0.5, 0.7, 0.9], spread: [0.1, 0.2, 0.3] };
const falling = { nrmse: [0.5, 0.7, 0.9], spread: [0.3, 0.2, 0.1] };
const flat = { nrmse: [0.5, 0.7, 0.9], spread: [0, 0, 0] };

/** wine, breast and iris with VAEAC meeting every threshold (or, `good` false, missing each). */
function run(good: boolean): Aggregate[] {
  return [
    agg('wine', 'mean', 1),
    agg('wine', 'iterative-ridge', 0.88),
    agg('wine', 'vaeac', good ? 0.9 : 0.95, good ? rising : falling),
    agg('breast', 'mean', 1),
    agg('breast', 'iterative-ridge', 0.53),
    agg('breast', 'vaeac', good ? 0.5 : 0.65, rising),
    agg('iris', 'mean', 1, undefined, 0.7),
    agg('iris', 'vaeac', 0.6, good ? rising : flat, good ? 0.1 : 0.2),
  ];
}

const byId = (aggregates: Aggregate[], units: UnitResult[]) =>
  Object.fromEntries(uciClaims(aggregates, units).map(({ claim }) => [claim.id, claim]));

describe('uciClaims', () => {
  it('holds every claim on a run built to meet them, with the numbers behind them', () => {
    const claims = byId(run(true), [unit('wine', 1.0), unit('breast', 1.15)]);
    expect(Object.keys(claims)).toEqual([
      'beats-mean.wine',
      'beats-mean.breast',
      'near-mice.wine',
      'near-mice.breast',
      'beats-mice.breast',
      'iris-pfc',
      'diversity-spread',
      'diversity-rank',
      'sanity.valid',
      'sanity.mean-nrmse',
    ]);
    for (const c of Object.values(claims)) expect(c.holds, c.id).toBe(true);
    expect(claims['near-mice.wine']!.ours).toBeCloseTo(0.02, 12);
    expect(claims['beats-mice.breast']!.ours).toBeCloseTo(-0.03, 12);
    expect(claims['iris-pfc']!.ours).toBe(0.1);
    expect(claims['diversity-spread']!.ours).toBeCloseTo(0.2, 12);
    expect(claims['diversity-rank']!.ours).toBeCloseTo(1, 12);
    expect(claims['sanity.mean-nrmse']!.ours).toBe(1.15);
  });

  it("fails each claim on a run that misses it (wine's spread falls with the column NRMSE, iris's is 0)", () => {
    const claims = byId(run(false), [unit('wine', 0.85, false), unit('breast', 1)]);
    for (const c of Object.values(claims)) expect(c.holds, c.id).toBe(false);
    expect(claims['beats-mean.wine']!.ours).toBe(0.95);
    expect(claims['near-mice.breast']!.ours).toBeCloseTo(0.12, 12);
    expect(claims['beats-mice.breast']!.ours).toBeCloseTo(0.12, 12);
    expect(claims['iris-pfc']!.ours).toBe(0.2);
    // iris's imputations do not differ at all: no spread, and no rank correlation (NaN) on it.
    expect(claims['diversity-spread']!.ours).toBe(0);
    expect(claims['diversity-rank']!.ours).toBeNaN();
    expect(claims['sanity.valid']!.ours).toBe(1);
    expect(claims['sanity.mean-nrmse']!.ours).toBe(0.85);
  });

  it('leaves out the claims on tables the run lacks; the table has a row per claim with its verdict', () => {
    const stated = uciClaims(
      run(true).filter((a) => a.dataset === 'iris'),
      [],
    );
    expect(stated.map((s) => s.claim.id)).toEqual(['iris-pfc', 'diversity-spread', 'diversity-rank', 'sanity.valid']);
    const table = claimTable(stated);
    expect(table.map((row) => [row.claim, row.holds])).toEqual(
      stated.map((s) => [s.claim.text, s.claim.holds ? 'holds' : 'fails']),
    );
    expect(table[0]!.ours).toBe('0.1 (VAEAC PFC 0.100 at 50 % MCAR (mean imputation 0.700))');
  });
});
