import { loadConfig } from '@proj/repro';
import { describe, expect, it } from 'vitest';
import { completionClaims } from '../src/claims.js';
import type { CompletionConfig } from '../src/config.js';
import { app } from '../src/main.js';
import type { MethodRun } from '../src/types.js';

const smoke = loadConfig(app.configDir, 'smoke').config as unknown as CompletionConfig;
/** The tutorial's reference (Adam at the floor after 2000 steps), with Adam run for 5 steps and a floor at 1e-4. */
const config: CompletionConfig = { ...smoke, noise: 0.01, reference: { ...smoke.reference, adamIterations: 4 } };

/** A hand-made run: train MSE at iterations 0, 1, 2, …; test MSE = train / 2. */
const run = (method: string, train: readonly number[]): MethodRun => ({
  method,
  curve: train.map((value, iteration) => ({ method, iteration, train: value, test: value / 2, seconds: iteration })),
  stop: 'iterations',
  msPerIteration: 1,
});

const byId = (claims: ReturnType<typeof completionClaims>) => Object.fromEntries(claims.map((c) => [c.id, c]));

describe('tt-completion claims', () => {
  it('hold for Riemannian runs at the floor before an Adam at the floor within the tutorial steps', () => {
    const autodiff = run('cg autodiff', [1, 1e-2, 1e-4, 8e-5]);
    const projectSum = run('cg projectSum', [1, 1e-2, 1e-4, 8e-5]);
    const adam = run('adam', [1, 0.1, 1e-2, 1e-3, 8.1e-5, 8e-5]);
    const claims = byId(
      completionClaims(config, {
        riemannian: [autodiff, projectSum],
        adam,
        floor: 8e-5,
        target: 8.16e-5,
        gradientPair: [autodiff, projectSum],
      }),
    );
    expect(Object.keys(claims)).toEqual([
      'reaches-noise-floor',
      'recovers-below-noise',
      'adam-steps-to-floor',
      'fewer-iterations-than-adam',
      'autodiff-equals-projectsum',
    ]);
    expect(claims['reaches-noise-floor']).toMatchObject({ ours: 1, holds: true });
    expect(claims['recovers-below-noise']!.ours).toBeCloseTo(0.4, 12);
    expect(claims['recovers-below-noise']!.holds).toBe(true);
    expect(claims['adam-steps-to-floor']).toMatchObject({
      ours: 4,
      holds: true,
      reference: { kind: 'paper', value: 4 },
    });
    expect(claims['fewer-iterations-than-adam']).toMatchObject({ ours: 3 / 4, holds: true });
    expect(claims['autodiff-equals-projectsum']).toMatchObject({ ours: 0, holds: true });
  });

  it('fail above the floor, for an Adam later than the tutorial, a Riemannian method that never gets there, different gradients', () => {
    const autodiff = run('cg autodiff', [1, 1e-2, 1e-3, 3e-4]);
    const projectSum = run('cg projectSum', [1, 2e-2, 2e-3, 6e-4]);
    const adam = run('adam', [1, 1e-1, 1e-2, 5e-3, 1e-3, 2.9e-4]);
    const claims = byId(
      completionClaims(config, {
        riemannian: [autodiff, projectSum],
        adam,
        floor: 8e-5,
        target: 3e-4,
        gradientPair: [autodiff, projectSum],
      }),
    );
    expect(claims['reaches-noise-floor']!.holds).toBe(false);
    expect(claims['recovers-below-noise']!.ours).toBeCloseTo(1.5, 12);
    expect(claims['recovers-below-noise']!.holds).toBe(false);
    expect(claims['adam-steps-to-floor']).toMatchObject({ ours: 5, holds: false });
    expect(claims['fewer-iterations-than-adam']).toMatchObject({ ours: 3 / 5, holds: true });
    expect(claims['autodiff-equals-projectsum']).toMatchObject({ ours: 1, holds: false });
    const late = byId(
      completionClaims(config, { riemannian: [projectSum], adam, floor: 8e-5, target: 3e-4, gradientPair: undefined }),
    );
    // projectSum never gets to 3e-4: no count, so the comparison cannot hold.
    expect(late['fewer-iterations-than-adam']!.ours).toBeNaN();
    expect(late['fewer-iterations-than-adam']!.holds).toBe(false);
    expect(late['autodiff-equals-projectsum']).toBeUndefined();
  });

  it("never holds the tutorial's step count for an Adam that does not get there; counts its steps in the ratio", () => {
    const cg = run('cg', [1, 1e-2, 8e-5]);
    const adam = run('adam', [1, 0.1, 1e-2, 1e-3, 5e-4, 4e-4]);
    const claims = byId(
      completionClaims(config, { riemannian: [cg], adam, floor: 8e-5, target: 8.16e-5, gradientPair: undefined }),
    );
    expect(claims['adam-steps-to-floor']!.ours).toBeNaN();
    expect(claims['adam-steps-to-floor']!.holds).toBe(false);
    expect(claims['adam-steps-to-floor']!.detail).toContain('not reached in 5 steps');
    // Adam never reached the floor in its 5 steps: counted as 5, an upper bound of the ratio.
    expect(claims['fewer-iterations-than-adam']).toMatchObject({ ours: 2 / 5, holds: true });
    const slow = run('gd', [1, 0.5, 0.2, 0.1, 0.01, 1e-3, 8e-5]);
    const slower = byId(
      completionClaims(config, { riemannian: [slow], adam, floor: 8e-5, target: 8.16e-5, gradientPair: undefined }),
    );
    expect(slower['fewer-iterations-than-adam']).toMatchObject({ ours: 6 / 5, holds: false });
  });

  it('leaves the step-count claim out when Adam runs fewer steps than the tutorial', () => {
    const adam = run('adam', [1, 0.1]);
    const claims = completionClaims(smoke, {
      riemannian: [],
      adam,
      floor: 8e-5,
      target: 8.16e-5,
      gradientPair: undefined,
    });
    expect(claims).toEqual([]);
  });
});
