import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, runSmoke, validateConfig } from '@proj/repro';
import { afterAll, describe, expect, it } from 'vitest';
import { app } from '../src/main.js';

const scratch = mkdtempSync(join(tmpdir(), 'mc-gradients-blr-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('mc-gradients-blr', () => {
  it('runs the smoke config: every run trains, the score function has the largest variance, figures are written', async () => {
    const { outcome, dir, leakedTensors } = await runSmoke(app, scratch);
    // Training and evaluation leave no tensor behind.
    expect(leakedTensors).toBe(0);
    for (const check of outcome.checks) expect(check.pass, `${check.name}: ${check.detail}`).toBe(true);
    const runs = outcome.summary.runs as Array<Record<string, number | string>>;
    expect(runs.map((r) => r.run)).toEqual([
      'pathwise',
      'score function',
      'score function + delta',
      'measure-valued (coupled)',
    ]);
    for (const r of runs) {
      // The prior's predictive accuracy is about chance; 40 steps of any estimator reach well above it.
      expect(r['final accuracy']).toBeGreaterThan(0.85);
      expect(r['final ELBO']).toBeLessThan(0);
    }
    expect(outcome.table.map((row) => row.claim)).toContain('score function: gradient variance far above pathwise');
    for (const figure of ['elbo', 'gradient-variance', 'accuracy'])
      expect(existsSync(join(dir, `${figure}.svg`))).toBe(true);
    // Evaluations at steps 1, 20 and 40 for each of the 4 runs.
    expect(readFileSync(join(dir, 'metrics.jsonl'), 'utf8').trim().split('\n')).toHaveLength(12);
  });

  it('rejects bad configs, naming the field', () => {
    const { config } = loadConfig(app.configDir, 'smoke');
    expect(() => validateConfig(app, { ...config, steps: 0 })).toThrow(
      "mc-gradients-blr config: 'steps' must be a positive integer, got 0",
    );
    expect(() =>
      validateConfig(app, {
        ...config,
        runs: [{ label: 'x', estimator: 'pathwise', controlVariate: 'none', coupling: true }],
      }),
    ).toThrow("'runs.0.coupling' must be left out except with measureValued, got true");
    const run = { label: 'x', estimator: 'pathwise', controlVariate: 'none' };
    expect(() => validateConfig(app, { ...config, runs: [run, run] })).toThrow(
      `'runs.1.label' must be unique, got "x"`,
    );
  });
});
