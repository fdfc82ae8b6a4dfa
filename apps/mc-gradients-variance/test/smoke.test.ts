import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, runSmoke, validateConfig } from '@proj/repro';
import { afterAll, describe, expect, it } from 'vitest';
import { app } from '../src/main.js';

const scratch = mkdtempSync(join(tmpdir(), 'mc-gradients-variance-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('mc-gradients-variance', () => {
  it('runs the smoke config: exact and Monte Carlo variances, figures, the orderings table and passing checks', async () => {
    const { outcome, dir, leakedTensors } = await runSmoke(app, scratch);
    expect(leakedTensors).toBe(0);
    expect(outcome.checks.map((check) => [check.name, check.pass, check.detail])).toEqual(
      outcome.checks.map((check) => [check.name, true, check.detail]),
    );
    expect(outcome.checks).toHaveLength(4);
    // Table rows at the smoke config's table points, two parameters each; the paper's ordering at k = −3 for ∂μ.
    expect(outcome.table).toHaveLength(8);
    expect(outcome.table[0]).toMatchObject({
      case: '(x − k)², k = -3, ∂μ',
      paper: 'PW 4 < MVu 10.02 < MVc 17.49 < SF* 134 < SF 495',
      ours: 'PW 4 < MVu 10.02 < MVc 17.49 < SF* 134 < SF 495',
    });
    for (const cost of ['square', 'exp', 'cos']) {
      expect(existsSync(join(dir, `variance-${cost}.svg`))).toBe(true);
      const csv = readFileSync(join(dir, `variance-${cost}.csv`), 'utf8')
        .trim()
        .split('\n');
      expect(csv[0]).toBe('k,parameter,estimator,exact,monteCarlo');
      // 2 parameters × 5 estimators per grid point.
      expect(csv).toHaveLength(1 + 2 * 5 * (cost === 'square' ? 7 : 5));
    }
    expect(readFileSync(join(dir, 'metrics.jsonl'), 'utf8').trim().split('\n')).toHaveLength(21);
  });

  it('rejects bad configs, naming the field', () => {
    const { config } = loadConfig(app.configDir, 'smoke');
    expect(() => validateConfig(app, { ...config, sigma: 0 })).toThrow(
      "mc-gradients-variance config: 'sigma' must be a positive number, got 0",
    );
    expect(() =>
      validateConfig(app, { ...config, estimators: [{ label: 'x', estimator: 'pathwise', baseline: 'optimal' }] }),
    ).toThrow(`'estimators.0.baseline' must be left out except with the score function, got "optimal"`);
    expect(() =>
      validateConfig(app, {
        ...config,
        figures: [{ ...(config.figures as object[])[0], k: { from: 0, to: 1, points: 3, scale: 'log' } }],
      }),
    ).toThrow("'figures.0.k.from' must be > 0 on a log scale, got 0");
  });
});
