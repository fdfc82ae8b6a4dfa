import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareResume, loadConfig, runSmoke, type SmokeRun, validateConfig } from '@proj/repro';
import { assertFiguresNotEmpty } from '@proj/run';
import { afterAll, describe, expect, it } from 'vitest';
import type { LdaConfig } from '../src/config.js';
import { app } from '../src/main.js';

const scratch = mkdtempSync(join(tmpdir(), 'implicit-reparam-lda-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The uninterrupted smoke run, shared by the tests. */
let smoke: Promise<SmokeRun<LdaConfig>> | undefined;
const smokeRun = () => (smoke ??= runSmoke(app, scratch));
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

describe('implicit-reparam-lda', () => {
  it('runs the smoke config: both methods train, the claims table, figures and metrics are written', async () => {
    const { outcome, dir, leakedTensors } = await smokeRun();
    // Training and evaluation leave no tensor behind.
    expect(leakedTensors).toBe(0);
    // One machine-readable claim per statement, ids unique; on 60 steps both methods learn.
    expect(outcome.claims.map((c) => c.id)).toEqual([
      'learns',
      'implicit-lower-perplexity',
      'implicit-trains-faster',
      'implicit-better-topics',
    ]);
    expect(outcome.claims.map((c) => c.reference)).toEqual(outcome.claims.map(() => null));
    const learns = outcome.claims[0]!;
    expect(learns.holds, learns.detail).toBe(true);
    expect(learns.ours).toBeLessThan(1);
    const methods = outcome.summary.methods as Array<Record<string, number | string>>;
    expect(methods.map((m) => m.method)).toEqual([
      'implicit reparameterization',
      'score function + moving-average baseline',
    ]);
    const oracle = outcome.summary.oraclePerplexity as number;
    // The oracle knows the true topics and θ: between 1 and V = 40, below any learned bound.
    expect(oracle).toBeGreaterThan(1);
    expect(oracle).toBeLessThan(40);
    for (const m of methods) {
      expect(m['final held-out perplexity']).toBeGreaterThan(oracle);
      expect(m['final mean matched cosine']).toBeGreaterThan(0);
      expect(m['final mean matched cosine']).toBeLessThanOrEqual(1);
    }
    // The table shows the claims with the paper's statements, and the TFP example's number (not a claim).
    expect(outcome.table.map((row) => row.claim)).toEqual([
      ...outcome.claims.map((c) => c.id),
      'test perplexity (TFP example, 20 Newsgroups, K = 50)',
    ]);
    expect(outcome.table[4]).toMatchObject({ paper: '873.2' });
    const results = JSON.parse(read(dir, 'results.json'));
    expect(results.claims.map((c: { id: string }) => c.id)).toEqual(outcome.claims.map((c) => c.id));
    expect(assertFiguresNotEmpty(dir)).toEqual(['perplexity.svg', 'topic-match.svg']);
    // Evaluations at steps 1, 20, 40 and 60 for each of the 2 methods.
    const metrics = read(dir, 'metrics.jsonl')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(metrics).toHaveLength(8);
    expect(metrics.map((m) => m.step)).toEqual([1, 20, 40, 60, 1, 20, 40, 60]);
    expect(JSON.parse(read(dir, 'status.json'))).toMatchObject({ state: 'finished', completedUnits: 2 });
    expect(JSON.parse(read(dir, 'env.json')).backend).toMatchObject({ backend: expect.any(String) });
  });

  it('appends metrics as it goes; an interrupted run resumes to the results of an uninterrupted one', async () => {
    const full = await smokeRun();
    // Stopped after the first method, as Ctrl-C would stop it.
    const { actual, expected, resumed } = await compareResume(app, scratch, full, { afterUnits: 1, metricsBefore: 4 });
    expect(actual).toEqual(expected);
    assertFiguresNotEmpty(resumed.dir);
  });

  it('rejects bad configs, naming the field', () => {
    const { config } = loadConfig(app.configDir, 'smoke');
    const training = config.training as object;
    expect(() => validateConfig(app, { ...config, training: { ...training, steps: 0 } })).toThrow(
      "implicit-reparam-lda config: 'training.steps' must be a positive integer, got 0",
    );
    expect(() =>
      validateConfig(app, { ...config, methods: [{ label: 'x', estimator: 'implicit', baselineDecay: 0.5 }] }),
    ).toThrow("'methods.0.baselineDecay' must be left out except with scoreFunction, got 0.5");
  });
});
