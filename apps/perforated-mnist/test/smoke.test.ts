import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareResume, loadConfig, runSmoke, type SmokeRun, validateConfig } from '@proj/repro';
import { assertFiguresNotEmpty } from '@proj/run';
import { afterAll, describe, expect, it } from 'vitest';
import type { PerforatedConfig } from '../src/config.js';
import { app } from '../src/main.js';
import { PAPER } from '../src/paper.js';

const scratch = mkdtempSync(join(tmpdir(), 'perforated-mnist-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The uninterrupted smoke run, shared by the tests. */
let smoke: Promise<SmokeRun<PerforatedConfig>> | undefined;
const smokeRun = () => (smoke ??= runSmoke(app, scratch));
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const metricsOf = (dir: string) =>
  read(dir, 'metrics.jsonl')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

/**
 * What a run computes deterministically: wall-time measurements (keys, table rows and texts naming `measured`,
 * and the claims built on them) differ between two runs and are left out; everything else must match.
 */
function deterministic(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/measured [^;,()]*/g, 'measured ‹time›');
  if (Array.isArray(value)) {
    return value
      .filter((v) => !(typeof v?.id === 'string' && /measured|greedy|timings/.test(v.id)))
      .filter((v) => !(typeof v?.row === 'string' && v.row.startsWith('measured')))
      .filter((v) => !(typeof v?.claim === 'string' && /measured|greedy/.test(v.claim)))
      .map(deterministic);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !/measured/i.test(key))
        .map(([key, v]) => [key, deterministic(v)]),
    );
  }
  return value;
}

const LENET_FLOPS = {
  conv1: 2 * 28 * 28 * 25 * 1 * 6,
  conv2: 2 * 14 * 14 * 25 * 6 * 12,
  dense: 2 * (7 * 7 * 12 * 32 + 32 * 10),
};

describe('perforated-mnist', () => {
  it('runs the smoke config: base nets, single-layer curves, greedy, claims and non-empty figures', async () => {
    const { outcome, dir, leakedTensors } = await smokeRun();
    expect(leakedTensors).toBe(0);
    // Every claim is there (the smoke config has lenet, conv2, fine-tuned points and a greedy point); the sanity
    // claims hold, the paper's need not (tiny smoke networks).
    const results = JSON.parse(read(dir, 'results.json'));
    const ids = results.claims.map((c: { id: string }) => c.id);
    expect(ids).toEqual([...PAPER.map((c) => c.id), 'sanity.learns', 'sanity.timings']);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of results.claims) {
      expect(Object.keys(c)).toEqual(expect.arrayContaining(['id', 'text', 'ours', 'test', 'holds']));
      expect(typeof c.ours).toBe('number');
    }
    // The one number the paper states: 2×-4× empirical acceleration (the lower end) for the greedy speedup.
    expect(results.claims.filter((c: { reference: unknown }) => c.reference !== null)).toEqual([
      expect.objectContaining({
        id: 'greedy-speedup',
        reference: expect.objectContaining({ kind: 'paper', value: 2 }),
      }),
    ]);
    const byId = new Map(outcome.claims.map((c) => [c.id, c]));
    for (const id of ['sanity.learns', 'sanity.timings']) {
      expect(byId.get(id)!.holds, `${id}: ${byId.get(id)!.detail}`).toBe(true);
    }
    expect(outcome.table.map((row) => row.paper)).toEqual([...PAPER.map((c) => c.paper), '–', '–']);
    expect(outcome.table.map((row) => row.holds)).toEqual(outcome.claims.map((c) => (c.holds ? 'holds' : 'fails')));
    expect(outcome.table.every((row) => row.command === 'pnpm repro perforated-mnist')).toBe(true);
    const lenet = (outcome.summary.networks as Array<Record<string, number | string>>)[0]!;
    expect(byId.get('base-accuracy')!.ours).toBeCloseTo(100 - (lenet['test error %'] as number), 9);

    const metrics = metricsOf(dir);
    const points = metrics.filter((m) => m.kind === 'point');
    // lenet: 2 layers × 5 strategies × 2 keep fractions; wide conv2 (no pooling after it): 4 strategies × 1.
    expect(points.map((p) => `${p.network} ${p.layer} ${p.strategy} ${p.keepFraction}`)).toEqual([
      ...['conv1', 'conv2'].flatMap((layer) =>
        ['uniform', 'grid', 'pooling', 'impact', 'iterativeImpact'].flatMap((s) =>
          [0.5, 0.25].map((k) => `lenet ${layer} ${s} ${k}`),
        ),
      ),
      ...['uniform', 'grid', 'impact', 'iterativeImpact'].map((s) => `wide conv2 ${s} 0.5`),
    ]);
    for (const p of points) {
      expect(p.theoreticalSpeedup).toBeCloseTo(1 / p.realizedKeep, 12);
      // Masks keep round(keep · H·W) positions, except the grid's n² (n = ⌊√(keep·H·W)⌋ per axis).
      const side = p.network === 'lenet' && p.layer === 'conv1' ? 28 : 14;
      if (p.strategy === 'grid') {
        const n = Math.floor(Math.sqrt(p.keepFraction * side * side));
        expect(p.realizedKeep).toBeCloseTo((n * n) / (side * side), 12);
      } else {
        expect(p.realizedKeep).toBeCloseTo(Math.round(p.keepFraction * side * side) / (side * side), 12);
      }
      expect(p.fineTunedIncrease === null).toBe(!(p.network === 'lenet' && p.keepFraction === 0.5));
    }
    // The claims read the points: lenet conv2's impact point at keep 1/2; every point's measured vs theoretical.
    const impact = points.find(
      (p) => p.network === 'lenet' && p.layer === 'conv2' && p.strategy === 'impact' && p.keepFraction === 0.5,
    );
    expect(byId.get('impact-at-2x')!.ours).toBe(impact.errorIncrease);
    const below = points.filter((p) => p.measuredSpeedup < p.theoreticalSpeedup).length;
    expect(byId.get('measured-below-theoretical')!.ours).toBeCloseTo((100 * below) / points.length, 12);
    // The network's multiply-adds, counted by hand: conv2 of lenet at keep 1/2.
    const conv2 = points.find((p) => p.network === 'lenet' && p.layer === 'conv2' && p.strategy === 'uniform')!;
    const total = LENET_FLOPS.conv1 + LENET_FLOPS.conv2 + LENET_FLOPS.dense;
    expect(conv2.theoreticalNetworkSpeedup).toBeCloseTo(total / (total - LENET_FLOPS.conv2 / 2), 12);

    // The greedy search starts unperforated and moves one layer one rate per step.
    const greedy = metrics.filter((m) => m.kind === 'greedy');
    expect(greedy[0]).toMatchObject({
      step: 0,
      changed: null,
      searchSpeedup: 1,
      keepFractions: { conv1: 1, conv2: 1 },
    });
    expect(greedy.length).toBeGreaterThan(1);
    for (const g of greedy.slice(1)) expect(g.searchSpeedup).toBeGreaterThan(1);
    expect(metrics.filter((m) => m.kind === 'fine-tune')).toHaveLength(1);

    expect(assertFiguresNotEmpty(dir)).toEqual([
      'error-lenet-conv1.svg',
      'error-lenet-conv2.svg',
      'error-wide-conv2.svg',
      'greedy-lenet.svg',
      'speedup-lenet.svg',
      'speedup-wide.svg',
    ]);
    expect(JSON.parse(read(dir, 'status.json'))).toMatchObject({ state: 'finished', completedUnits: 18 });
  });

  it('appends metrics as it goes; an interrupted run resumes to the results of an uninterrupted one', async () => {
    const full = await smokeRun();
    // The two training epochs and the first curve's two points.
    const { actual, expected } = await compareResume(app, scratch, full, {
      afterUnits: 2,
      metricsBefore: 4,
      normalizeResults: deterministic,
      normalizeMetrics: (lines) => deterministic(lines) as unknown[],
    });
    expect(actual).toEqual(expected);
  });

  it('rejects bad configs, naming the field', () => {
    const config = loadConfig(app.configDir, 'smoke').config as PerforatedConfig;
    const lenet = config.networks[0]!;
    const withLenet = (changes: Partial<typeof lenet>) => ({ ...config, networks: [{ ...lenet, ...changes }] });
    expect(() => validateConfig(app, withLenet({ sweep: { ...lenet.sweep, layers: ['conv9'] } }))).toThrow(
      "perforated-mnist config: 'networks.0.sweep.layers' must name conv layers of the network",
    );
    expect(() => validateConfig(app, withLenet({ sweep: { ...lenet.sweep, keepFractions: [0.5, 1] } }))).toThrow(
      "'networks.0.sweep.keepFractions.1' must be a keep fraction in (0, 1)",
    );
    expect(() => validateConfig(app, withLenet({ sweep: { ...lenet.sweep, fineTuneKeepFractions: [0.3] } }))).toThrow(
      "'networks.0.sweep.fineTuneKeepFractions' must be keep fractions of sweep.keepFractions",
    );
    expect(() => validateConfig(app, { ...config, strategies: ['uniform', 'random'] })).toThrow("'strategies.1'");
  });
});
