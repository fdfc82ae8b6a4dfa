import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareResume, loadConfig, runSmoke, type SmokeRun, validateConfig } from '@proj/repro';
import { assertFiguresNotEmpty } from '@proj/run';
import { afterAll, describe, expect, it } from 'vitest';
import type { RobustConfig } from '../src/config.js';
import { app } from '../src/main.js';
import { PAPER } from '../src/paper.js';

const scratch = mkdtempSync(join(tmpdir(), 'robust-vi-mnist-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The uninterrupted smoke run, shared by the tests. */
let smoke: Promise<SmokeRun<RobustConfig>> | undefined;
const smokeRun = () => (smoke ??= runSmoke(app, scratch));
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const metricsOf = (dir: string) =>
  read(dir, 'metrics.jsonl')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

const RATIOS = ['1:0', '2:1', '1:1', '1:2'];
const MODELS = ['VAE', 'robust log α = -300', 'robust log α = -200'];

describe('robust-vi-mnist', () => {
  it('runs the smoke config: every model trains, the ratio table, the claims and non-empty figures', async () => {
    const { outcome, dir, leakedTensors } = await smokeRun();
    expect(leakedTensors).toBe(0);
    // Every claim is there (the smoke config has every ratio); the sanity claims hold, the paper's need not
    // (2-epoch smoke models).
    const results = JSON.parse(read(dir, 'results.json'));
    const ids = results.claims.map((c: { id: string }) => c.id);
    expect(ids).toEqual([...PAPER.map((c) => c.id), 'sanity.learns', 'sanity.is-bound']);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of results.claims) {
      expect(Object.keys(c)).toEqual(expect.arrayContaining(['id', 'text', 'ours', 'test', 'holds']));
      expect(typeof c.ours).toBe('number');
      expect(c.reference).toBeNull();
    }
    const byId = new Map(outcome.claims.map((c) => [c.id, c]));
    for (const id of ['sanity.learns', 'sanity.is-bound']) {
      expect(byId.get(id)!.holds, `${id}: ${byId.get(id)!.detail}`).toBe(true);
    }
    expect(outcome.table.map((row) => row.paper)).toEqual([...PAPER.map((c) => c.paper), '–', '–']);
    expect(outcome.table.map((row) => row.holds)).toEqual(outcome.claims.map((c) => (c.holds ? 'holds' : 'fails')));
    expect(outcome.table.every((row) => row.command === 'pnpm repro robust-vi-mnist')).toBe(true);

    const ratios = outcome.summary.ratios as Array<Record<string, number | string | null>>;
    expect(ratios.map((r) => r['clean:noise'])).toEqual(RATIOS);
    // 200 clean objects: 0, 100, 200, 400 noise objects.
    expect(ratios.map((r) => r['noise objects'])).toEqual([0, 100, 200, 400]);
    for (const r of ratios) {
      expect(r.gap).toBeCloseTo((r['robust VAE'] as number) - (r.VAE as number), 9);
      expect([-300, -200]).toContain(r['chosen log α']);
      expect(r['weight, clean']).toBeGreaterThanOrEqual(0);
      expect(r['weight, clean']).toBeLessThanOrEqual(1);
      if (r['clean:noise'] === '1:0') {
        expect(r['weight, noise']).toBeNull();
        expect(r['weight AUC']).toBeNull();
      } else {
        expect(r['weight AUC']).toBeGreaterThanOrEqual(0);
        expect(r['weight AUC']).toBeLessThanOrEqual(1);
      }
    }
    // The claims read the ratio table: the gaps at 1:1 and 1:2, at 1:0, the VAE's samples at 1:2.
    const at = (label: string) => ratios.find((r) => r['clean:noise'] === label)!;
    expect(byId.get('noisy-gap')!.ours).toBe(Math.min(at('1:1').gap as number, at('1:2').gap as number));
    expect(byId.get('clean-gap')!.ours).toBe(at('1:0').gap);
    expect(byId.get('samples-vae')!.ours).toBeCloseTo(100 * (at('1:2')['noise-like prior samples, VAE'] as number), 12);
    expect(byId.get('weight-auc')!.ours).toBe(
      Math.min(...['2:1', '1:1', '1:2'].map((l) => at(l)['weight AUC'] as number)),
    );
    const models = outcome.summary.models as Array<Record<string, number | string | null>>;
    expect(models.map((m) => `${m['clean:noise']} ${m.model}`)).toEqual(
      RATIOS.flatMap((r) => MODELS.map((m) => `${r} ${m}`)),
    );
    for (const m of models) {
      expect(m['test ELBO']).toBeLessThan(0);
      expect(m['test log p(x)']).toBeGreaterThanOrEqual(m['test ELBO'] as number);
    }

    expect(assertFiguresNotEmpty(dir)).toEqual([
      'gap-vs-noise-fraction.svg',
      'prior-samples-robust-1to0.png',
      'prior-samples-robust-1to1.png',
      'prior-samples-robust-1to2.png',
      'prior-samples-robust-2to1.png',
      'prior-samples-vae-1to0.png',
      'prior-samples-vae-1to1.png',
      'prior-samples-vae-1to2.png',
      'prior-samples-vae-2to1.png',
      'test-log-likelihood.svg',
      'training-weights.svg',
      'validation-vs-log-alpha.svg',
    ]);
    const gap = JSON.parse(read(dir, 'gap-vs-noise-fraction.vl.json')).data.values as Array<{ noiseFraction: number }>;
    expect(gap.map((p) => p.noiseFraction)).toEqual([0, 1 / 3, 1 / 2, 2 / 3]);

    // Per unit: its 2 epochs, then its evaluation; 4 ratios × 3 models.
    const metrics = metricsOf(dir);
    expect(metrics.map((m) => [m.ratio, m.model, m.kind, m.epoch ?? null])).toEqual(
      RATIOS.flatMap((r) =>
        MODELS.flatMap((m) => [
          [r, m, 'epoch', 1],
          [r, m, 'epoch', 2],
          [r, m, 'evaluation', null],
        ]),
      ),
    );
    // The ELBO trains with weight 1 (none recorded); the robust bound's log α is annealed from −1000 over epoch 1.
    expect(metrics[0]).toMatchObject({ logAlpha: null, weightClean: null, weightNoise: null });
    expect(metrics[3]).toMatchObject({ logAlpha: -300 });
    expect(JSON.parse(read(dir, 'status.json'))).toMatchObject({ state: 'finished', completedUnits: 12 });
  });

  it('appends metrics as it goes; an interrupted run resumes to the results of an uninterrupted one', async () => {
    const full = await smokeRun();
    const { actual, expected } = await compareResume(app, scratch, full, { afterUnits: 2, metricsBefore: 6 });
    expect(actual).toEqual(expected);
  });

  it('rejects bad configs, naming the field', () => {
    const config = loadConfig(app.configDir, 'smoke').config as RobustConfig;
    expect(() => validateConfig(app, { ...config, data: { ...config.data, ratios: ['0:1'] } })).toThrow(
      "robust-vi-mnist config: 'data.ratios.0' must be a ratio 'clean:noise' of integers with clean > 0",
    );
    expect(() => validateConfig(app, { ...config, data: { ...config.data, train: 7500, validation: 1000 } })).toThrow(
      "'data.validation' must leave train + validation ≤ 8000",
    );
    expect(() => validateConfig(app, { ...config, robust: { ...config.robust, logAlphaGrid: [-250, -250] } })).toThrow(
      "'robust.logAlphaGrid' must be distinct",
    );
  });
});
