import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareResume, loadConfig, runSmoke, type SmokeRun, validateConfig } from '@proj/repro';
import { assertFiguresNotEmpty } from '@proj/run';
import { afterAll, describe, expect, it } from 'vitest';
import type { UciConfig } from '../src/config.js';
import { app } from '../src/main.js';

const scratch = mkdtempSync(join(tmpdir(), 'vaeac-uci-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The uninterrupted smoke run, shared by the tests. */
let smoke: Promise<SmokeRun<UciConfig>> | undefined;
const smokeRun = () => (smoke ??= runSmoke(app, scratch));
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const metricsOf = (dir: string) =>
  read(dir, 'metrics.jsonl')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

const METHODS = ['mean imputation', 'MICE-like (iterative ridge)', 'kNN', 'VAEAC'];

describe('vaeac-uci', () => {
  it('runs the smoke config: every method imputes, the results table, the claims and non-empty figures', async () => {
    const { outcome, dir, leakedTensors } = await smokeRun();
    expect(leakedTensors).toBe(0);
    // iris and wine only: the claims on wine, iris and the diversity (a 3-epoch model need not meet them).
    const ids = outcome.claims.map((c) => c.id);
    expect(ids).toEqual([
      'beats-mean.wine',
      'near-mice.wine',
      'iris-pfc',
      'diversity-spread',
      'diversity-rank',
      'sanity.valid',
      'sanity.mean-nrmse',
    ]);
    const claim = (id: string) => outcome.claims.find((c) => c.id === id)!;
    // Every imputation valid, mean imputation near 1; VAEAC's imputations differ.
    for (const id of ['sanity.valid', 'sanity.mean-nrmse', 'diversity-spread']) {
      expect(claim(id).holds, `${id}: ${claim(id).detail}`).toBe(true);
    }
    expect(claim('sanity.valid').ours).toBe(0);
    // results.json carries the claims for the report; the printed table has one row per claim with its verdict.
    const written = JSON.parse(read(dir, 'results.json')).claims as Array<{ id: string; holds: boolean }>;
    expect(written.map((c) => [c.id, c.holds])).toEqual(outcome.claims.map((c) => [c.id, c.holds]));
    expect(outcome.table.map((row) => [row.claim, row.holds])).toEqual(
      outcome.claims.map((c) => [c.text, c.holds ? 'holds' : 'fails']),
    );
    expect(outcome.table.every((row) => row.command === 'pnpm repro vaeac-uci')).toBe(true);

    const results = outcome.summary.results as Array<Record<string, number | string | null>>;
    expect(results.map((r) => `${r.dataset} ${r.method}`)).toEqual(
      ['iris', 'wine'].flatMap((d) => METHODS.map((m) => `${d} ${m}`)),
    );
    for (const r of results) {
      expect(r.NRMSE).toBeGreaterThan(0);
      expect(r.NRMSE).toBeLessThan(2);
      if (r.dataset === 'iris') {
        expect(r.PFC).toBeGreaterThanOrEqual(0);
        expect(r.PFC).toBeLessThanOrEqual(1);
      } else expect(r.PFC).toBeNull();
      // Single-imputation baselines have no spread; VAEAC's z from the prior gives some.
      if (r.method === 'VAEAC') expect(r.spread).toBeGreaterThan(0);
      else expect(r.spread).toBe(0);
    }
    expect(assertFiguresNotEmpty(dir)).toEqual(['nrmse.svg', 'pfc.svg', 'spread-vs-nrmse.svg', 'vaeac-training.svg']);

    // Per unit: the VAEAC epochs, then its result; iris then wine, 4 methods each.
    const metrics = metricsOf(dir);
    expect(metrics.map((m) => [m.dataset, m.method, m.kind, m.epoch ?? null])).toEqual(
      ['iris', 'wine'].flatMap((d) => [
        [d, 'mean', 'result', null],
        [d, 'iterative-ridge', 'result', null],
        [d, 'knn', 'result', null],
        [d, 'vaeac', 'epoch', 1],
        [d, 'vaeac', 'epoch', 2],
        [d, 'vaeac', 'epoch', 3],
        [d, 'vaeac', 'result', null],
      ]),
    );
    expect(JSON.parse(read(dir, 'status.json'))).toMatchObject({ state: 'finished', completedUnits: 8 });
  });

  it('appends metrics as it goes; an interrupted run resumes to the results of an uninterrupted one', async () => {
    const full = await smokeRun();
    const { actual, expected } = await compareResume(app, scratch, full, { afterUnits: 5, metricsBefore: 8 });
    expect(actual).toEqual(expected);
  });

  it('rejects bad configs, naming the field', () => {
    const config = loadConfig(app.configDir, 'smoke').config as UciConfig;
    expect(() =>
      validateConfig(app, { ...config, datasets: [{ name: 'mushroom', missingRate: 0.5, epochs: 1 }] }),
    ).toThrow("vaeac-uci config: 'datasets.0.name' must be one of wine, breast, boston, iris");
    expect(() => validateConfig(app, { ...config, datasets: [{ name: 'wine', missingRate: 1, epochs: 1 }] })).toThrow(
      "'datasets.0.missingRate' must be a probability in (0, 1)",
    );
    expect(() => validateConfig(app, { ...config, datasets: [...config.datasets, config.datasets[0]] })).toThrow(
      "'datasets' must be distinct datasets",
    );
  });
});
