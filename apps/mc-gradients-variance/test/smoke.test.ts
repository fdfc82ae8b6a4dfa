import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareResume, loadConfig, runSmoke, type SmokeRun, validateConfig } from '@proj/repro';
import { assertFiguresNotEmpty } from '@proj/run';
import { afterAll, describe, expect, it } from 'vitest';
import type { VarianceConfig } from '../src/config.js';
import { app } from '../src/main.js';
import { PLOTTED_FLOOR } from '../src/plot.js';

const scratch = mkdtempSync(join(tmpdir(), 'mc-gradients-variance-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The uninterrupted smoke run, shared by the tests. */
let smoke: Promise<SmokeRun<VarianceConfig>> | undefined;
const smokeRun = () => (smoke ??= runSmoke(app, scratch));
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const COSTS = ['square', 'exp', 'cos'] as const;

describe('mc-gradients-variance', () => {
  it('runs the smoke config: exact and Monte Carlo variances, figures, the orderings table and holding claims', async () => {
    const { outcome, dir, leakedTensors } = await smokeRun();
    expect(leakedTensors).toBe(0);
    // results.json holds the claims, each with id, text, ours, test and holds; ids are unique.
    const { claims } = JSON.parse(read(dir, 'results.json')) as { claims: Record<string, unknown>[] };
    expect(claims).toEqual(JSON.parse(JSON.stringify(outcome.claims)));
    for (const c of claims) {
      expect(Object.keys(c)).toEqual(expect.arrayContaining(['id', 'text', 'ours', 'test', 'holds']));
    }
    const ids = outcome.claims.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(outcome.claims.map((c) => [c.id, c.holds])).toEqual([
      ['exact.unbiased', true],
      ['exact.matches-scipy', true],
      ['monte-carlo.matches-quadrature', true],
      ['square.baseline-score-function-above-pathwise', true],
      ['exp.score-function-beats-pathwise', true],
      ['cos.score-function-beats-pathwise', true],
      ['square.measure-valued-not-uniformly-best', true],
      ['coupling-not-always-better', true],
    ]);
    const byId = Object.fromEntries(outcome.claims.map((c) => [c.id, c]));
    expect(byId['exact.unbiased']!.ours).toBeLessThan(1e-12);
    // Every scipy value at the 4 table points (2 parameters × 5 estimators each) is matched to its printed digits.
    expect(byId['exact.matches-scipy']!.detail).toMatch(/^40 values/);
    // Our exact ratios equal the scipy ones (ours-exact, never 'paper'): k = 10 for exp, k = 5 for cos, k = −3.
    for (const id of [
      'exp.score-function-beats-pathwise',
      'cos.score-function-beats-pathwise',
      'square.measure-valued-not-uniformly-best',
    ]) {
      const { ours, reference } = byId[id]!;
      expect(reference!.kind, id).toBe('ours-exact');
      expect(Math.abs(ours / reference!.value - 1), id).toBeLessThan(1e-3);
    }
    expect(byId['cos.score-function-beats-pathwise']!.ours).toBeCloseTo(25, 6);
    expect(byId['square.measure-valued-not-uniformly-best']!.ours).toBeCloseTo(17.49 / 4, 2);
    // Uncoupled beats coupled for ∂μ of (x − k)² at k = −3: 10.02 vs 17.49 (or lower elsewhere).
    expect(byId['coupling-not-always-better']!.ours).toBeLessThanOrEqual(10.02 / 17.49 + 1e-3);
    expect(claims.some((c) => (c.reference as { kind?: string } | null)?.kind === 'paper')).toBe(false);
    // Table rows at the smoke config's table points, two parameters each; the scipy ordering at k = −3 for ∂μ.
    expect(outcome.table).toHaveLength(8);
    expect(outcome.table[0]).toMatchObject({
      case: '(x − k)², k = -3, ∂μ',
      'ours-exact (scipy)': 'PW 4 < MVu 10.02 < MVc 17.49 < SF* 134 < SF 495',
      'ours (quadrature)': 'PW 4 < MVu 10.02 < MVc 17.49 < SF* 134 < SF 495',
    });
    // Every figure shows data, and every mark lies inside its panel.
    expect(assertFiguresNotEmpty(dir, { insideFrame: true })).toEqual([
      'variance-cos.svg',
      'variance-exp.svg',
      'variance-square.svg',
    ]);
    for (const cost of COSTS) {
      const csv = read(dir, `variance-${cost}.csv`).trim().split('\n');
      expect(csv[0]).toBe('k,parameter,estimator,exact,monteCarlo');
      // 2 parameters × 5 estimators per grid point.
      expect(csv).toHaveLength(1 + 2 * 5 * (cost === 'square' ? 7 : 5));
    }
    expect(read(dir, 'metrics.jsonl').trim().split('\n')).toHaveLength(21);
    expect(JSON.parse(read(dir, 'status.json'))).toMatchObject({ state: 'finished', completedUnits: 21 });
    expect(JSON.parse(read(dir, 'env.json')).backend).toMatchObject({ backend: expect.any(String) });
  });

  it('plots no point outside the axis domains (the score function of (x − k)² reaches 1546 > 1000)', async () => {
    const { dir } = await smokeRun();
    for (const cost of COSTS) {
      const spec = JSON.parse(read(dir, `variance-${cost}.vl.json`));
      for (const panel of spec.hconcat) {
        const parameter = panel.transform[0].filter.equal as string;
        const rows = spec.data.values.filter((row: { parameter: string }) => row.parameter === parameter);
        for (const layer of panel.layer) {
          const { x, y } = layer.encoding;
          const [low, high] = y.scale.domain as [number, number];
          for (const row of rows) {
            const value = row[y.field] as number;
            if (value <= PLOTTED_FLOOR) continue;
            expect(value, `${cost} ${parameter} ${y.field} at k = ${row.k}`).toBeGreaterThanOrEqual(low);
            expect(value, `${cost} ${parameter} ${y.field} at k = ${row.k}`).toBeLessThanOrEqual(high);
            // The last k of a log grid is exp(log 0.1 + log 100) = 10.000000000000007: within rounding.
            const [from, to] = x.scale.domain as [number, number];
            expect(row.k).toBeGreaterThanOrEqual(from - 1e-12 * Math.abs(from));
            expect(row.k).toBeLessThanOrEqual(to + 1e-12 * Math.abs(to));
          }
        }
      }
    }
  });

  it('appends metrics as it goes; an interrupted run resumes to the results of an uninterrupted one', async () => {
    const full = await smokeRun();
    const { actual, expected, resumed } = await compareResume(app, scratch, full, { afterUnits: 9, metricsBefore: 9 });
    expect(actual).toEqual(expected);
    expect(read(resumed.dir, 'variance-square.csv')).toBe(read(full.dir, 'variance-square.csv'));
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
