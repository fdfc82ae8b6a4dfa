import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareResume, loadConfig, runSmoke, type SmokeRun, validateConfig } from '@proj/repro';
import { assertFiguresNotEmpty } from '@proj/run';
import { afterAll, describe, expect, it } from 'vitest';
import type { AccuracyConfig } from '../src/config.js';
import { app } from '../src/main.js';
import { gridOf, loadReference, selectGrid } from '../src/reference.js';

const scratch = mkdtempSync(join(tmpdir(), 'implicit-reparam-accuracy-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The uninterrupted smoke run, shared by the tests. */
let smoke: Promise<SmokeRun<AccuracyConfig>> | undefined;
const smokeRun = () => (smoke ??= runSmoke(app, scratch));
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
/** Times printed in the table ("12.1 µs"), which differ between runs. */
const MICROSECONDS = /\d+(?:\.\d+)?(?:e[-+]?\d+)? µs/g;

describe('implicit-reparam-accuracy', () => {
  it('runs the smoke config: gradients close to the mpmath reference, the claims table and the figures', async () => {
    const { outcome, dir, leakedTensors } = await smokeRun();
    expect(leakedTensors).toBe(0);
    // Every check passes (the speed check compares float64 host methods, 50x apart or more).
    expect(outcome.checks.map((check) => [check.name, check.pass, check.detail])).toEqual(
      outcome.checks.map((check) => [check.name, true, check.detail]),
    );
    expect(outcome.checks).toHaveLength(6);
    expect(outcome.table).toHaveLength(8);
    expect(outcome.table[0]).toMatchObject({
      claim: 'Gamma(α, 1): median (max) relative error of dz/dα',
      command: 'pnpm repro implicit-reparam-accuracy',
    });
    const methods = outcome.summary.methods as { distribution: string; short: string; medianRelativeError: number }[];
    // Three methods for each distribution, the piecewise approximation for Gamma and Beta.
    expect(methods).toHaveLength(11);
    for (const row of methods) {
      // float32 implicit: float32 rounding; float64 finite differences: step 1e-6 θ; float64 implicit: rounding;
      // PyTorch's piecewise approximation: its fit (published worst case 5e-4 for Gamma, 1e-3 for Beta).
      const bound = { implicit: 2e-6, FD: 1e-7, implicit64: 1e-14, piecewise: 1e-3 }[row.short];
      expect(row.medianRelativeError, `${row.distribution} ${row.short}`).toBeLessThan(bound!);
    }
    expect(assertFiguresNotEmpty(dir)).toEqual(['error-beta.svg', 'error-gamma.svg', 'error-vonMises.svg']);
    const csv = read(dir, 'error-gamma.csv').trim().split('\n');
    // 3 α values × 4 methods; von Mises has no piecewise approximation.
    expect(csv).toHaveLength(1 + 3 * 4);
    expect(read(dir, 'error-vonMises.csv').trim().split('\n')).toHaveLength(1 + 3 * 3);
    expect(read(dir, 'metrics.jsonl').trim().split('\n')).toHaveLength(11);
    expect(JSON.parse(read(dir, 'status.json'))).toMatchObject({ state: 'finished', completedUnits: 11 });
  });

  it('appends metrics as it goes; an interrupted run resumes to the results of an uninterrupted one', async () => {
    const full = await smokeRun();
    // Gradients are deterministic; the times (and the speed check's ratios) are not.
    const { actual, expected } = await compareResume(app, scratch, full, {
      afterUnits: 5,
      metricsBefore: 5,
      resultPatterns: [MICROSECONDS, /\d+\.\dx/g],
      normalizeResults: (results) => {
        const r = results as { checks: unknown[] };
        return { ...r, checks: r.checks.slice(0, 5) };
      },
    });
    expect(actual).toEqual(expected);
  });

  it('rejects bad configs and parameter values off the reference grid, naming them', () => {
    const { config } = loadConfig(app.configDir, 'smoke');
    expect(() => validateConfig(app, { ...config, finiteDifference: { relativeStep: 0 } })).toThrow(
      "implicit-reparam-accuracy config: 'finiteDifference.relativeStep' must be a positive number, got 0",
    );
    const grid = gridOf(loadReference().gamma);
    expect(grid).toHaveLength(15);
    expect(selectGrid('gamma', grid, [1, 100])).toEqual([1, 100]);
    expect(() => selectGrid('gamma', grid, [0.5])).toThrow(
      "implicit-reparam-accuracy config: 'gamma' value 0.5 is not on the reference grid (0.001, ",
    );
  });
});
