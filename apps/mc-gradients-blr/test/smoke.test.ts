import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareResume, loadConfig, runSmoke, type SmokeRun, validateConfig } from '@proj/repro';
import { assertFiguresNotEmpty } from '@proj/run';
import { afterAll, describe, expect, it } from 'vitest';
import type { BlrConfig } from '../src/config.js';
import { app } from '../src/main.js';

const scratch = mkdtempSync(join(tmpdir(), 'mc-gradients-blr-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The uninterrupted smoke run, shared by the tests. */
let smoke: Promise<SmokeRun<BlrConfig>> | undefined;
const smokeRun = () => (smoke ??= runSmoke(app, scratch));
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
/** The cost-evaluations claim compares times per step ("2.1x the time per step"). */
const TIME_RATIO = /\d+(?:\.\d+)?x the time per step/g;

describe('mc-gradients-blr', () => {
  it('runs the smoke config: claims in results.json, every run trains, the score function has the largest variance', async () => {
    const { outcome, dir, leakedTensors } = await smokeRun();
    // Training and evaluation leave no tensor behind.
    expect(leakedTensors).toBe(0);
    // results.json holds the claims, each with id, text, ours, test and holds; ids are unique; no 'paper' reference
    // (the survey's findings are qualitative).
    const { claims } = JSON.parse(read(dir, 'results.json')) as { claims: Record<string, unknown>[] };
    expect(claims).toEqual(JSON.parse(JSON.stringify(outcome.claims)));
    for (const c of claims) {
      expect(Object.keys(c)).toEqual(expect.arrayContaining(['id', 'text', 'ours', 'test', 'holds']));
      expect(c.reference).toBeNull();
    }
    const ids = outcome.claims.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([
      'pathwise.elbo-rises',
      'score-function.elbo-rises',
      'score-function-delta.elbo-rises',
      'measure-valued-coupled.elbo-rises',
      'score-function.variance-above-pathwise',
      'score-function.elbo-below-pathwise',
      'score-function.delta-lowers-variance',
      'pathwise-and-measure-valued.lowest-variance',
      'measure-valued.elbo-near-pathwise',
      'measure-valued.cost-evaluations',
    ]);
    const byId = Object.fromEntries(outcome.claims.map((c) => [c.id, c]));
    // 40 steps of every estimator raise the ELBO by hundreds of nats; the variance claims hold already.
    for (const id of ids.filter((i) => i.endsWith('.elbo-rises'))) {
      expect(byId[id]!.ours, id).toBeGreaterThan(100);
    }
    for (const id of [
      'score-function.variance-above-pathwise',
      'score-function.delta-lowers-variance',
      'pathwise-and-measure-valued.lowest-variance',
    ]) {
      expect(byId[id]!.holds, `${id}: ${byId[id]!.detail}`).toBe(true);
    }
    expect(byId['score-function.variance-above-pathwise']!.ours).toBeGreaterThan(10);
    // 2 cost evaluations per parameter, 2 · 31 parameters each for mean and scale: 4D = 124, counted.
    expect(byId['measure-valued.cost-evaluations']).toMatchObject({
      ours: 124,
      holds: true,
      test: { op: 'within', target: 124, tolerance: 0 },
    });
    // The printed table has the survey's findings, one row per claim the survey makes (not the elbo-rises ones).
    expect(outcome.table.map((row) => row.claim)).toEqual(
      ids.filter((i) => !i.endsWith('.elbo-rises')).map((i) => byId[i]!.text),
    );
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
    // Every figure shows data: marks with non-zero extent and finite coordinates.
    expect(assertFiguresNotEmpty(dir)).toEqual(['accuracy.svg', 'elbo.svg', 'gradient-variance.svg']);
    // Evaluations at steps 1, 20 and 40 for each of the 4 runs.
    expect(read(dir, 'metrics.jsonl').trim().split('\n')).toHaveLength(12);
    expect(JSON.parse(read(dir, 'status.json'))).toMatchObject({ state: 'finished', completedUnits: 4 });
    expect(JSON.parse(read(dir, 'env.json')).backend).toMatchObject({ backend: expect.any(String) });
  });

  it('appends metrics as it goes; an interrupted run resumes to the results of an uninterrupted one', async () => {
    const full = await smokeRun();
    // Stopped after the first two runs (pathwise, score function), as Ctrl-C would stop it.
    const { actual, expected, resumed } = await compareResume(app, scratch, full, {
      afterUnits: 2,
      metricsBefore: 6,
      resultPatterns: [TIME_RATIO],
    });
    expect(actual).toEqual(expected);
    assertFiguresNotEmpty(resumed.dir);
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
