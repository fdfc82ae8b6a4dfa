import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareResume, loadConfig, runSmoke, type SmokeRun, validateConfig } from '@proj/repro';
import { assertFiguresNotEmpty } from '@proj/run';
import { afterAll, describe, expect, it } from 'vitest';
import type { VaeConfig } from '../src/config.js';
import { app } from '../src/main.js';

const scratch = mkdtempSync(join(tmpdir(), 'implicit-reparam-vae-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The uninterrupted smoke run, shared by the tests. */
let smoke: Promise<SmokeRun<VaeConfig>> | undefined;
const smokeRun = () => (smoke ??= runSmoke(app, scratch));
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
/** The summary and methods.csv hold times per step. */
const TIMES = /"ms per step": ?[\d.e+-]+|,[\d.e+-]+\n/g;

describe('implicit-reparam-vae', () => {
  it('runs the smoke config: three VAEs train, the claims, the claims table and non-empty figures', async () => {
    const { outcome, dir, leakedTensors } = await smokeRun();
    expect(leakedTensors).toBe(0);
    const results = JSON.parse(read(dir, 'results.json'));
    const ids = [
      'von-mises-vs-normal',
      'implicit-variance',
      'implicit-elbo',
      'torus-classes',
      'sanity.trains',
      'sanity.is-bound',
    ];
    expect(results.claims.map((c: { id: string }) => c.id)).toEqual(ids);
    for (const c of results.claims) {
      expect(Object.keys(c)).toEqual(expect.arrayContaining(['id', 'text', 'ours', 'test', 'holds']));
      expect(typeof c.ours).toBe('number');
      expect(c.reference).toBeNull();
    }
    // The sanity claims hold even at smoke size (they were the old checks); the paper's need not.
    const byId = new Map(outcome.claims.map((c) => [c.id, c]));
    for (const id of ['sanity.trains', 'sanity.is-bound', 'implicit-variance']) {
      expect(byId.get(id)!.holds, `${id}: ${byId.get(id)!.detail}`).toBe(true);
    }
    expect(outcome.table.map((row) => row.paper)).toEqual([
      'von Mises competitive or better at low latent dimensions',
      'implicit reparameterization gradients have lower variance than the score function',
      'implicit gradients train better (higher ELBO)',
      'digit classes form separated regions on the torus (the paper figure)',
      '–',
      '–',
    ]);
    expect(outcome.table.map((row) => row.holds)).toEqual(outcome.claims.map((c) => (c.holds ? 'holds' : 'fails')));
    const methods = outcome.summary.methods as Array<Record<string, number | string>>;
    expect(methods.map((m) => m.method)).toEqual(['Normal', 'von Mises, implicit', 'von Mises, score function']);
    for (const m of methods) {
      // Binarized digits: −784·log 2 ≈ −543 nats at a uniform decoder; a few steps already do better.
      expect(m['test ELBO']).toBeLessThan(0);
      expect(m['test ELBO']).toBeGreaterThan(-543);
      expect(m['test log-likelihood (IS)']).toBeGreaterThanOrEqual(m['test ELBO'] as number);
    }
    // The claims read the methods' final numbers.
    const [normal, implicit, score] = methods;
    expect(byId.get('von-mises-vs-normal')!.ours).toBeCloseTo(
      (implicit!['test log-likelihood (IS)'] as number) - (normal!['test log-likelihood (IS)'] as number),
      9,
    );
    expect(byId.get('implicit-elbo')!.ours).toBeCloseTo(
      (implicit!['test ELBO'] as number) - (score!['test ELBO'] as number),
      9,
    );
    expect(byId.get('torus-classes')!.ours).toBeCloseTo(100 * (implicit!['latent 1-NN accuracy'] as number), 9);
    expect(assertFiguresNotEmpty(dir)).toEqual([
      'gradient-variance.svg',
      'latent-normal.svg',
      'latent-von-mises-implicit.svg',
      'latent-von-mises-score-function.svg',
      'test-elbo.svg',
      'test-log-likelihood.svg',
    ]);
    // The torus picture: 100 test digits on [−π, π)², labels 0-9.
    const torus = JSON.parse(read(dir, 'latent-von-mises-implicit.vl.json')).data.values as Array<{
      z1: number;
      z2: number;
      digit: string;
    }>;
    expect(torus).toHaveLength(100);
    for (const p of torus) {
      for (const v of [p.z1, p.z2]) {
        expect(v).toBeGreaterThanOrEqual(-Math.PI);
        expect(v).toBeLessThan(Math.PI);
      }
    }
    expect(new Set(torus.map((p) => p.digit)).size).toBeGreaterThan(5);
    // Evaluations after epochs 0 and 3 for each of the 3 methods.
    const metrics = read(dir, 'metrics.jsonl')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(metrics.map((m) => [m.method, m.epoch])).toEqual([
      ['Normal', 0],
      ['Normal', 3],
      ['von Mises, implicit', 0],
      ['von Mises, implicit', 3],
      ['von Mises, score function', 0],
      ['von Mises, score function', 3],
    ]);
    expect(Object.keys(metrics[2].gradientVariance).sort()).toEqual(['implicit', 'scoreFunction']);
    expect(JSON.parse(read(dir, 'status.json'))).toMatchObject({ state: 'finished', completedUnits: 3 });
  });

  it('appends metrics as it goes; an interrupted run resumes to the results of an uninterrupted one', async () => {
    const full = await smokeRun();
    const { actual, expected } = await compareResume(app, scratch, full, {
      afterUnits: 1,
      metricsBefore: 2,
      resultPatterns: [TIMES],
    });
    expect(actual).toEqual(expected);
  });

  it('rejects bad configs, naming the field', () => {
    const { config } = loadConfig(app.configDir, 'smoke');
    expect(() => validateConfig(app, { ...config, latentDim: 0 })).toThrow(
      "implicit-reparam-vae config: 'latentDim' must be a positive integer, got 0",
    );
    expect(() =>
      validateConfig(app, { ...config, methods: [{ label: 'x', latent: 'normal', gradient: 'implicit' }] }),
    ).toThrow("'methods.0.gradient' must be 'reparameterized' for Normal latents");
    expect(() => validateConfig(app, { ...config, data: { train: 9000, test: 100, binarization: 'dynamic' } })).toThrow(
      "'data.train' must be an integer in [1, 8000], got 9000",
    );
  });
});
