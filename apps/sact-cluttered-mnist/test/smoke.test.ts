import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adaptiveResNetVariables } from '@proj/adaptive-compute';
import { compareResume, loadConfig, runSmoke, type SmokeRun, validateConfig } from '@proj/repro';
import { assertFiguresNotEmpty } from '@proj/run';
import { afterAll, describe, expect, it } from 'vitest';
import type { SactConfig } from '../src/config.js';
import { app } from '../src/main.js';
import { createNet, disposeNet, type SavedNet } from '../src/model.js';

const scratch = mkdtempSync(join(tmpdir(), 'sact-cluttered-mnist-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The uninterrupted smoke run, shared by the tests. */
let smoke: Promise<SmokeRun<SactConfig>> | undefined;
const smokeRun = () => (smoke ??= runSmoke(app, scratch));
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const metricsOf = (dir: string) =>
  read(dir, 'metrics.jsonl')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

/**
 * `results.json` without the measured time ratio (a timing: it differs between two sessions), in the claims and
 * the table.
 */
function withoutTimeRatio(results: unknown): unknown {
  const r = results as { claims: Array<{ id: string; text: string }>; table: Array<{ claim: string }> };
  const timed = r.claims.filter((c) => c.id === 'sact-time-ratio');
  return {
    ...r,
    claims: r.claims.map((c) => (timed.includes(c) ? { id: c.id } : c)),
    table: r.table.map((row) => (timed.some((c) => c.text === row.claim) ? { claim: row.claim } : row)),
  };
}

const VARIANTS = ['plain', 'ACT τ=0.01', 'SACT τ=0.01', 'SACT τ=0.05', 'PACT π=0.05'];

describe('sact-cluttered-mnist', () => {
  it('runs the smoke config: every variant trains and is evaluated, the table, the claims and non-empty figures', async () => {
    const { outcome, dir, leakedTensors } = await smokeRun();
    expect(leakedTensors).toBe(0);
    // Every claim of the app applies to the smoke config (it has plain, ACT, two SACT τ and PACT).
    const ids = outcome.claims.map((c) => c.id);
    expect(ids).toEqual([
      'sact-flops-saving',
      'sact-flops-monotone',
      'sact-ponder-digit-ratio',
      'sact-ponder-auc',
      'sact-ponder-box-mass',
      'sact-difficulty',
      'sact-time-ratio',
      'act-flat',
      'pact-threshold',
      'sanity.beats-chance',
      'sanity.flops-bounded',
      'sanity.rho-range',
    ]);
    const claim = (id: string) => outcome.claims.find((c) => c.id === id)!;
    // FLOP counts and ρ ranges hold at any training stage (accuracy above chance is not asked of 2 steps), and
    // ACT's map is constant over each image.
    for (const id of ['sanity.flops-bounded', 'sanity.rho-range', 'act-flat']) {
      expect(claim(id).holds, `${id}: ${claim(id).detail}`).toBe(true);
    }
    expect(claim('act-flat').ours).toBeLessThan(1e-9);
    expect(claim('sanity.rho-range').ours).toBe(0);
    // results.json carries the claims for the report; the printed table has one row per claim with its verdict.
    const written = JSON.parse(read(dir, 'results.json')).claims as Array<{ id: string; holds: boolean }>;
    expect(written.map((c) => [c.id, c.holds])).toEqual(outcome.claims.map((c) => [c.id, c.holds]));
    expect(outcome.table.map((row) => [row.claim, row.holds])).toEqual(
      outcome.claims.map((c) => [c.text, c.holds ? 'holds' : 'fails']),
    );
    expect(outcome.table.every((row) => row.command === 'pnpm repro sact-cluttered-mnist')).toBe(true);

    const rows = outcome.summary.variants as Array<Record<string, number | string | null>>;
    expect(rows.map((r) => `${r.variant} ${r.τ}`)).toEqual([
      'plain 0',
      'ACT 0.01',
      'SACT 0.01',
      'SACT 0.05',
      `PACT ${-Math.log1p(-0.05)}`,
    ]);
    const plain = rows[0]!;
    for (const r of rows) {
      expect(r['accuracy %']).toBeGreaterThanOrEqual(0);
      expect(r['accuracy %']).toBeLessThanOrEqual(100);
      expect(r['ms/img masked']).toBeGreaterThan(0);
      expect(r['ms/img dense']).toBeGreaterThan(0);
      expect(r['box mass %']).toBeGreaterThan(0);
      expect(r['box mass %']).toBeLessThan(100);
      if (r.variant === 'plain' || r.variant === 'ACT' || r.variant === 'PACT') {
        // A constant map per image: the mass share equals the box's area share, the AUC is ½.
        expect(r['box mass %']).toBeCloseTo(r['box area %'] as number, 6);
        expect(r['ponder AUC']).toBeCloseTo(0.5, 9);
      }
      // SACT pays for its spatial halting branches: at most a few % above the plain network at init.
      expect(r.MFLOPs).toBeLessThanOrEqual(1.05 * (plain.MFLOPs as number));
    }
    // The plain network: every unit everywhere, ρ = L + 1 = 3 per stage, no FLOP spread.
    expect(plain['ρ per stage']).toBe('3.00 / 3.00 / 3.00');
    expect(plain['MFLOPs std']).toBe(0);
    expect(rows[4]!['relaxed accuracy %']).not.toBeNull();
    expect(rows[2]!['relaxed accuracy %']).toBeNull();

    expect(assertFiguresNotEmpty(dir)).toEqual([
      'accuracy-vs-flops.svg',
      'ponder-box-mass.svg',
      'ponder-maps-act-tau-0.01.png',
      'ponder-maps-pact-pi-0.05.png',
      'ponder-maps-sact-tau-0.01.png',
      'ponder-maps-sact-tau-0.05.png',
      'time-vs-flops.svg',
    ]);
    // Each trained SACT network's weights (the web demo's ponder page ships one): every variable, in
    // @proj/adaptive-compute's adaptiveResNetVariables order.
    const config = loadConfig(app.configDir, 'smoke').config as SactConfig;
    const net = createNet(config, 'sact', 0);
    const size = adaptiveResNetVariables(net).reduce((n, v) => n + v.size, 0);
    disposeNet(net);
    for (const tau of [0.01, 0.05]) {
      const saved = JSON.parse(read(dir, `weights-sact-tau-${tau}.json`)) as SavedNet;
      expect(saved).toMatchObject({ variant: `SACT τ=${tau}`, method: 'sact', tau, model: config.model });
      expect(Buffer.from(saved.weights, 'base64').length).toBe(4 * size);
    }
    const points = JSON.parse(read(dir, 'accuracy-vs-flops.vl.json')).data.values as Array<{ label: string }>;
    expect(points.map((p) => p.label)).toEqual(VARIANTS);

    // The pretraining's epoch, then per variant its epoch and its evaluation.
    const metrics = metricsOf(dir);
    expect(metrics.map((m) => [m.unit, m.kind])).toEqual([
      ['pretrain', 'epoch'],
      ...VARIANTS.flatMap((v) => [
        [v, 'epoch'],
        [v, 'evaluation'],
      ]),
    ]);
    expect(JSON.parse(read(dir, 'status.json'))).toMatchObject({ state: 'finished', completedUnits: 6 });
  });

  it('appends metrics as it goes; an interrupted run resumes to the results of an uninterrupted one', async () => {
    const full = await smokeRun();
    const { actual, expected } = await compareResume(app, scratch, full, {
      afterUnits: 2,
      metricsBefore: 3,
      normalizeResults: withoutTimeRatio,
    });
    expect(actual).toEqual(expected);
  });

  it('rejects bad configs, naming the field', () => {
    const config = loadConfig(app.configDir, 'smoke').config as SactConfig;
    // Every shipped config is valid; the web config trains one SACT network (apps/web's ponder page).
    for (const name of ['smoke', 'quick', 'default', 'web']) {
      expect(() => validateConfig(app, loadConfig(app.configDir, name).config)).not.toThrow();
    }
    expect((loadConfig(app.configDir, 'web').config as SactConfig).variants).toEqual({
      act: { taus: [] },
      sact: { taus: [0.2] },
      pact: { priors: [] },
    });
    expect(() => validateConfig(app, { ...config, data: { ...config.data, canvas: 20 } })).toThrow(
      "sact-cluttered-mnist config: 'data.canvas' must be an integer in [28, 96]",
    );
    expect(() =>
      validateConfig(app, { ...config, variants: { ...config.variants, sact: { taus: [0.01, 0.01] } } }),
    ).toThrow("'variants.sact.taus' must be distinct");
    expect(() => validateConfig(app, { ...config, variants: { ...config.variants, pact: { priors: [1] } } })).toThrow(
      "'variants.pact.priors.0' must be a number in (0, 1)",
    );
  });
});
