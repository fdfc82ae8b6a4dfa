import { loadConfig } from '@proj/repro';
import { describe, expect, it } from 'vitest';
import { checkpoints, tutorialClaims } from '../src/claims.js';
import type { TutorialConfig } from '../src/config.js';
import { app } from '../src/main.js';
import type { MethodRun } from '../src/types.js';

const config = loadConfig(app.configDir, 'smoke').config as unknown as TutorialConfig;

/** A hand-made run: F at iterations 0, 1, 2, … */
const run = (method: string, values: readonly number[]): MethodRun => ({
  method,
  curve: values.map((value, iteration) => ({ method, iteration, value, seconds: iteration })),
  stop: 'iterations',
  msPerIteration: 1,
});

const byId = (claims: ReturnType<typeof tutorialClaims>) => Object.fromEntries(claims.map((c) => [c.id, c]));

describe('tt-riemannian claims', () => {
  it('hold for runs that descend below rounding before Adam', () => {
    const tutorial = run('tutorial', [10, 6, 5, 4]);
    const cg = run('cg', [10, 5, 4, 4]);
    const adam = run('adam', [10, 9, 7, 6, 5, 4]);
    const claims = byId(
      tutorialClaims(config, {
        riemannian: [tutorial, cg],
        tutorial,
        adam: [adam],
        rounded: 5,
        normSquared: 100,
        target: 4,
      }),
    );
    expect(Object.keys(claims)).toEqual([
      'monotone',
      'tutorial-beats-rounding',
      'riemannian-beats-rounding',
      'fewer-iterations-than-adam',
    ]);
    expect(claims.monotone).toMatchObject({ ours: 0, holds: true });
    expect(claims['tutorial-beats-rounding']).toMatchObject({ ours: 0.8, holds: true });
    expect(claims['tutorial-beats-rounding']!.reference).toMatchObject({ kind: 'paper', value: 0.942 });
    // Riemannian: cg at iteration 2; Adam: iteration 5.
    expect(claims['fewer-iterations-than-adam']).toMatchObject({ ours: 2 / 5, holds: true });
  });

  it('fail for a rise, an end above rounding, and a Riemannian method slower than Adam', () => {
    const tutorial = run('tutorial', [10, 6, 6.5, 5.5]);
    const adam = run('adam', [10, 5]);
    const claims = byId(
      tutorialClaims(config, {
        riemannian: [tutorial],
        tutorial,
        adam: [adam],
        rounded: 5,
        normSquared: 100,
        target: 5.5,
      }),
    );
    expect(claims.monotone).toMatchObject({ ours: 0.005, holds: false });
    expect(claims['tutorial-beats-rounding']).toMatchObject({ ours: 1.1, holds: false });
    expect(claims['riemannian-beats-rounding']).toMatchObject({ ours: 1.1, holds: false });
    expect(claims['fewer-iterations-than-adam']).toMatchObject({ ours: 3, holds: false });
  });

  it('count an Adam that never got there by its steps, and never hold when no Riemannian method got there', () => {
    const gd = run('gd', [10, 5, 4]);
    const adam = run('adam', [10, 9, 8, 7]);
    const reached = byId(
      tutorialClaims(config, {
        riemannian: [gd],
        tutorial: undefined,
        adam: [adam],
        rounded: 5,
        normSquared: 100,
        target: 4,
      }),
    );
    expect(reached['tutorial-beats-rounding']).toBeUndefined();
    expect(reached['fewer-iterations-than-adam']).toMatchObject({ ours: 2 / 3, holds: true });
    expect(reached['fewer-iterations-than-adam']!.detail).toContain('not reached in 3 steps');
    const neither = byId(
      tutorialClaims(config, {
        riemannian: [gd],
        tutorial: undefined,
        adam: [adam],
        rounded: 5,
        normSquared: 100,
        target: 1,
      }),
    );
    expect(neither['fewer-iterations-than-adam']!.ours).toBeNaN();
    expect(neither['fewer-iterations-than-adam']!.holds).toBe(false);
  });

  it('labels the tutorial iterations that fit in the run, then the last', () => {
    expect(checkpoints(30)).toEqual([10, 30]);
    expect(checkpoints(100)).toEqual([10, 30, 90, 100]);
    expect(checkpoints(5)).toEqual([5]);
  });
});
