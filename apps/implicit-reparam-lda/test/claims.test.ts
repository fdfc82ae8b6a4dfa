import { describe, expect, it } from 'vitest';
import { ldaClaims, type MethodCurve } from '../src/claims.js';

/** A method's curve from its perplexities at steps 1, 100, 200, ... */
const curve = (estimator: MethodCurve['estimator'], perplexities: number[], matchedCosine: number): MethodCurve => ({
  label: estimator,
  estimator,
  evaluations: perplexities.map((perplexity, i) => ({ step: i === 0 ? 1 : 100 * i, perplexity })),
  matchedCosine,
});
const byId = (claims: ReturnType<typeof ldaClaims>) => Object.fromEntries(claims.map((c) => [c.id, c]));

describe('ldaClaims', () => {
  it('holds when implicit ends lower, gets there first and matches the topics better', () => {
    const claims = byId(
      ldaClaims([curve('implicit', [300, 150, 100, 80], 0.8), curve('scoreFunction', [300, 200, 150, 120], 0.6)]),
    );
    expect(claims.learns).toMatchObject({ ours: 120 / 300, holds: true });
    expect(claims['implicit-lower-perplexity']).toMatchObject({ ours: 80 / 120, holds: true });
    // 120 is first reached at step 200 (perplexity 100) of the score function's 300 steps.
    expect(claims['implicit-trains-faster']).toMatchObject({ ours: 200 / 300, holds: true });
    expect(claims['implicit-better-topics']!.ours).toBeCloseTo(0.2, 12);
    expect(claims['implicit-better-topics']!.holds).toBe(true);
  });

  it('fails when implicit does worse, and never holds "faster" when implicit never reaches the target', () => {
    const claims = byId(
      ldaClaims([curve('implicit', [300, 250, 200, 310], 0.5), curve('scoreFunction', [300, 200, 150, 120], 0.6)]),
    );
    // The implicit run ends above its start: the worst ratio is over 1.
    expect(claims.learns).toMatchObject({ ours: 310 / 300, holds: false });
    expect(claims['implicit-lower-perplexity']).toMatchObject({ ours: 310 / 120, holds: false });
    expect(claims['implicit-trains-faster']!.ours).toBeNaN();
    expect(claims['implicit-trains-faster']!.holds).toBe(false);
    expect(claims['implicit-better-topics']!.holds).toBe(false);
  });

  it('reaching the target only at the last step is not faster', () => {
    const claims = byId(
      ldaClaims([curve('implicit', [300, 200, 150, 119], 0.7), curve('scoreFunction', [300, 200, 150, 120], 0.6)]),
    );
    expect(claims['implicit-trains-faster']).toMatchObject({ ours: 1, holds: false });
  });

  it('leaves the comparisons out when one estimator is missing', () => {
    expect(ldaClaims([curve('implicit', [300, 100], 0.8)]).map((c) => c.id)).toEqual(['learns']);
  });
});
