import { describe, expect, it } from 'vitest';
import { claimTable, sactClaims } from '../src/claims.js';
import type { Evaluation } from '../src/evaluate.js';
import type { VariantResult } from '../src/results.js';
import type { Variant } from '../src/variants.js';

/** A hand-made result: plain-looking defaults, `evaluation` fields overridden. */
function result(name: Variant['name'], tau: number, evaluation: Partial<Evaluation>, relaxed: number | null = null) {
  const full: Evaluation = {
    accuracy: 0.9,
    mflops: 10,
    mflopsStd: 0,
    ponderPerStage: [3, 3, 3],
    msPerImageMasked: 1,
    msPerImageDense: 1,
    ponder: { boxMass: 0.2, boxExcessMass: 0.2, boxArea: 0.2, digitToBackground: 1, auc: 0.5 },
    difficultySpearman: 0,
    ...evaluation,
  };
  const variant: Variant = {
    id: name === 'plain' ? 'plain' : `${name} τ=${tau}`,
    method: name === 'plain' ? 'vanilla' : name === 'ACT' ? 'act' : name === 'SACT' ? 'sact' : 'pact',
    name,
    tau,
    prior: name === 'PACT' ? 0.5 : null,
  };
  return { variant, evaluation: full, relaxedAccuracy: relaxed, epochs: [], msPerStep: 1 } satisfies VariantResult;
}

const onDigit = { boxMass: 0.3, boxExcessMass: 0.4, boxArea: 0.2, digitToBackground: 1.5, auc: 0.9 };
const UNITS = [2, 2, 2];

/** A run whose every claim holds: SACT τ = 0.1 saves 40 % within 0.5 point, is faster, looks at the digit. */
function good(): VariantResult[] {
  return [
    result('plain', 0, {}),
    result('ACT', 0.1, { mflops: 8, msPerImageMasked: 0.8 }),
    result('SACT', 0.05, { accuracy: 0.895, mflops: 8, ponderPerStage: [2.5, 2.5, 3], ponder: onDigit }),
    result('SACT', 0.1, {
      accuracy: 0.895,
      mflops: 6,
      ponderPerStage: [2, 2.5, 3],
      msPerImageMasked: 0.7,
      ponder: onDigit,
      difficultySpearman: 0.2,
    }),
    result('PACT', 0.69, { ponderPerStage: [1, 2, 3] }, 0.898),
  ];
}

const byId = (results: VariantResult[]) =>
  Object.fromEntries(sactClaims(results, UNITS).map(({ claim }) => [claim.id, claim]));

describe('sactClaims', () => {
  it('holds every claim on a run built to meet them, with the numbers behind them', () => {
    const claims = byId(good());
    expect(Object.keys(claims)).toEqual([
      'sact-flops-saving',
      'sact-flops-monotone',
      'sact-ponder-digit-ratio',
      'sact-ponder-auc',
      'sact-ponder-box-mass',
      'sact-difficulty',
      'sact-time-ratio',
      'act-flat',
      'pact-threshold',
      'sanity.beats-chance',
      'sanity.flops-bounded',
      'sanity.rho-range',
    ]);
    for (const c of Object.values(claims)) expect(c.holds, c.id).toBe(true);
    expect(claims['sact-flops-saving']!.ours).toBeCloseTo(40, 12);
    expect(claims['sact-flops-monotone']!.ours).toBe(-2);
    expect(claims['sact-ponder-box-mass']!.ours).toBeCloseTo(1.5, 12);
    expect(claims['sact-time-ratio']!.ours).toBeCloseTo(0.7, 12);
    expect(claims['pact-threshold']!.ours).toBeCloseTo(0.2, 9);
    expect(claims['sanity.beats-chance']!.ours).toBeCloseTo(89.5, 9);
  });

  it('fails each claim on a run that misses it, and gives NaN when no SACT is within 1 point', () => {
    const [plain, act, , sact] = good();
    const bad = [
      plain!,
      result('ACT', 0.1, { ponder: { ...act!.evaluation.ponder, auc: 0.6 } }),
      // τ = 0.05 loses 2 points, τ = 0.1 saves FLOPs but 5 points: no SACT within 1 point.
      result('SACT', 0.05, { accuracy: 0.88, mflops: 7, ponderPerStage: [1.5, 3, 3] }),
      result('SACT', 0.1, { ...sact!.evaluation, accuracy: 0.85, mflops: 7, msPerImageMasked: 1.2 }),
      result('PACT', 0.69, { ponderPerStage: [1, 2, 3], accuracy: 0.1, mflops: 11 }, 0.2),
    ];
    const claims = byId(bad);
    // The reference SACT is the most accurate (τ = 0.05), whose map is flat.
    for (const id of Object.keys(claims)) expect(claims[id]!.holds, id).toBe(false);
    expect(claims['sact-flops-saving']!.ours).toBeNaN();
    expect(claims['sact-flops-monotone']!.ours).toBe(0);
    expect(claims['sact-time-ratio']!.ours).toBe(1);
    expect(claims['act-flat']!.ours).toBeCloseTo(0.1, 12);
    expect(claims['pact-threshold']!.ours).toBeCloseTo(10, 9);
    expect(claims['sanity.beats-chance']!.ours).toBeCloseTo(10, 9);
    expect(claims['sanity.flops-bounded']!.ours).toBeCloseTo(1.1, 12);
    expect(claims['sanity.rho-range']!.ours).toBe(1);
  });

  it('leaves out the claims whose variants the run lacks; the table has a row per claim with its verdict', () => {
    const [plain, , sact] = good();
    const stated = sactClaims([plain!, sact!], UNITS);
    expect(stated.map((s) => s.claim.id)).toEqual([
      'sact-flops-saving',
      'sact-ponder-digit-ratio',
      'sact-ponder-auc',
      'sact-ponder-box-mass',
      'sact-difficulty',
      'sact-time-ratio',
      'sanity.beats-chance',
      'sanity.flops-bounded',
      'sanity.rho-range',
    ]);
    const table = claimTable(stated);
    expect(table.map((row) => row.claim)).toEqual(stated.map((s) => s.claim.text));
    expect(table.map((row) => row.holds)).toEqual(stated.map((s) => (s.claim.holds ? 'holds' : 'fails')));
    expect(table[0]!.ours).toMatch(/^20 % \(plain 90\.0 % at 10\.00 MFLOPs/);
  });
});
