import { describe, expect, it } from 'vitest';
import { claimTable, paperClaims, sanityClaims } from '../src/claims.js';
import { parseRatio } from '../src/config.js';
import type { ModelResult, RatioOutcome, WeightSummary } from '../src/results.js';

/** A model with hand-picked numbers (only those the claims read). */
function model(
  ratio: string,
  testLogLikelihood: number,
  noiseLikeSamples: number,
  weights: WeightSummary | null = null,
  testElbo = testLogLikelihood - 1,
): ModelResult {
  return {
    ratio,
    model: weights === null ? 'VAE' : 'robust',
    logAlpha: weights === null ? null : -250,
    cleanObjects: 100,
    noiseObjects: 0,
    epochs: [],
    validationLogLikelihood: testLogLikelihood,
    testLogLikelihood,
    testElbo,
    weights,
    noiseLikeSamples,
    samples: '',
    msPerStep: 1,
  };
}

/** A ratio's VAE (log p(x) `vae`) and robust VAE (`robust`), with the robust VAE's weights. */
function outcome(label: string, vae: number, robust: number, weights: WeightSummary, samples = [0, 0]): RatioOutcome {
  return {
    ratio: parseRatio(label),
    vae: model(label, vae, samples[0]!),
    robust: model(label, robust, samples[1]!, weights),
    gap: robust - vae,
  };
}

const CLEAN = { clean: 1, noise: null, auc: null };
const byId = (claims: ReturnType<typeof paperClaims>) => new Map(claims.map((c) => [c.id, c]));

describe('paperClaims', () => {
  it('holds where the numbers are those the paper describes (values by hand)', () => {
    const claims = byId(
      paperClaims([
        outcome('1:2', -140, -124, { clean: 0.99, noise: 0.001, auc: 1 }, [0.09, 0]),
        outcome('1:0', -129, -129.5, CLEAN),
        outcome('1:1', -131, -125, { clean: 0.97, noise: 0.02, auc: 0.999 }, [0.01, 0.01]),
        outcome('2:1', -132, -127, { clean: 1, noise: 0.05, auc: 0.995 }),
      ]),
    );
    // Gaps by noise fraction 0, 1/3, 1/2, 2/3: −0.5, 5, 6, 16.
    expect(claims.get('noisy-gap')).toMatchObject({ ours: 6, holds: true, reference: null });
    expect(claims.get('gap-grows')).toMatchObject({ ours: 1, holds: true });
    expect(claims.get('clean-gap')).toMatchObject({ ours: -0.5, holds: true });
    expect(claims.get('weights-clean')).toMatchObject({ ours: 0.97, holds: true });
    expect(claims.get('weights-noise')).toMatchObject({ ours: 0.05, holds: true });
    expect(claims.get('weight-auc')).toMatchObject({ ours: 0.995, holds: true });
    expect(claims.get('samples-robust')).toMatchObject({ ours: 1, holds: true });
    expect(claims.get('samples-vae')).toMatchObject({ ours: 9, holds: true });
    expect(claims.get('samples-vae')!.text).toContain('(1:2)');
  });

  it('fails where they are not', () => {
    const claims = byId(
      paperClaims([
        outcome('1:0', -129, -127, CLEAN),
        outcome('2:1', -132, -125, { clean: 0.8, noise: 0.2, auc: 0.9 }, [0, 0.06]),
        outcome('1:1', -131, -129.5, { clean: 0.99, noise: 0.01, auc: 1 }),
        outcome('1:2', -140, -135, { clean: 0.99, noise: 0.01, auc: 1 }, [0.05, 0]),
      ]),
    );
    expect(claims.get('noisy-gap')).toMatchObject({ ours: 1.5, holds: false });
    // Gaps 2, 7, 1.5, 5: the largest fall, 7 → 1.5.
    expect(claims.get('gap-grows')).toMatchObject({ ours: -5.5, holds: false });
    expect(claims.get('clean-gap')).toMatchObject({ ours: 2, holds: false });
    expect(claims.get('weights-clean')).toMatchObject({ ours: 0.8, holds: false });
    expect(claims.get('weights-noise')).toMatchObject({ ours: 0.2, holds: false });
    expect(claims.get('weight-auc')).toMatchObject({ ours: 0.9, holds: false });
    expect(claims.get('samples-robust')).toMatchObject({ ours: 6, holds: false });
    expect(claims.get('samples-vae')).toMatchObject({ ours: 5, holds: false });
  });

  it('leaves out the claims whose ratios the run lacks; the table agrees with the claims', () => {
    const claims = paperClaims([outcome('1:0', -129, -129.5, CLEAN)]);
    expect(claims.map((c) => c.id)).toEqual(['clean-gap', 'samples-robust']);
    expect(claimTable(claims)).toEqual(
      claims.map((c) => expect.objectContaining({ claim: c.text, holds: c.holds ? 'holds' : 'fails' })),
    );
  });
});

describe('sanityClaims', () => {
  it('holds when every model learned and log p(x) ≥ ELBO, fails otherwise', () => {
    const good = sanityClaims([model('1:0', -130, 0, null, -132), model('1:0', -200, 0, null, -200)]);
    expect(good.map((c) => [c.id, c.ours, c.holds])).toEqual([
      ['sanity.learns', -200, true],
      ['sanity.is-bound', 0, true],
    ]);
    const bad = sanityClaims([model('1:0', -560, 0, null, -550)]);
    expect(bad.map((c) => c.holds)).toEqual([false, false]);
    expect(bad[1]!.ours).toBeCloseTo((100 * -10) / 550, 12);
  });
});
