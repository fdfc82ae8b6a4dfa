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
    // results.json holds the claims, each with id, text, ours, test and holds; ids are unique.
    const { claims } = JSON.parse(read(dir, 'results.json')) as { claims: Record<string, unknown>[] };
    expect(claims).toEqual(JSON.parse(JSON.stringify(outcome.claims)));
    for (const c of claims) {
      expect(Object.keys(c)).toEqual(expect.arrayContaining(['id', 'text', 'ours', 'test', 'holds']));
      // No number of the paper is recorded (Table 1's values were not retrievable): no 'paper' reference.
      expect(c.reference).toBeNull();
    }
    // Every claim holds (the speed claims compare float64 host methods, 50x apart or more).
    expect(outcome.claims.map((c) => [c.id, c.holds])).toEqual([
      ['implicit-float32.matches-reference', true],
      ['implicit-float64.matches-reference', true],
      ['finite-differences.matches-reference', true],
      ['gamma.implicit-more-accurate-than-finite-differences', true],
      ['gamma.implicit-more-accurate-than-piecewise', true],
      ['gamma.implicit-faster-than-finite-differences', true],
      ['beta.implicit-more-accurate-than-finite-differences', true],
      ['beta.implicit-more-accurate-than-piecewise', true],
      ['beta.implicit-faster-than-finite-differences', true],
      ['von-mises.implicit-more-accurate-than-finite-differences', true],
      ['von-mises.implicit-faster-than-finite-differences', true],
    ]);
    const byId = Object.fromEntries(outcome.claims.map((c) => [c.id, c.ours]));
    expect(byId['implicit-float64.matches-reference']).toBeLessThan(1e-14);
    // float64 implicit vs finite differences: several orders of magnitude in mean relative error (the speed
    // ratios depend on the machine's load; their claims only need > 1).
    for (const name of ['gamma', 'beta', 'von-mises']) {
      expect(byId[`${name}.implicit-more-accurate-than-finite-differences`], name).toBeGreaterThan(100);
    }
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
    // Gradients are deterministic; the times (and the speed claims' ratios) are not. The claims are compared here,
    // without the speed claims, rather than by compareResume.
    const { actual, expected, resumed } = await compareResume(app, scratch, full, {
      afterUnits: 5,
      metricsBefore: 5,
      resultPatterns: [MICROSECONDS],
      normalizeResults: (results) => ({ ...(results as object), claims: null }),
    });
    expect(actual).toEqual(expected);
    const deterministicClaims = (dir: string) =>
      (JSON.parse(read(dir, 'results.json')).claims as { id: string }[]).filter(
        (c) => !c.id.endsWith('faster-than-finite-differences'),
      );
    expect(deterministicClaims(resumed.dir)).toEqual(deterministicClaims(full.dir));
    expect(deterministicClaims(full.dir)).toHaveLength(8);
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
