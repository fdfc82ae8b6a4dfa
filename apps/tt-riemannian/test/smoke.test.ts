import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeBackend } from '@proj/core';
import { compareResume, loadConfig, runSmoke, type SmokeRun, validateConfig } from '@proj/repro';
import { assertFiguresNotEmpty } from '@proj/run';
import { afterAll, describe, expect, it } from 'vitest';
import type { TutorialConfig } from '../src/config.js';
import { app } from '../src/main.js';

const scratch = mkdtempSync(join(tmpdir(), 'tt-riemannian-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The uninterrupted smoke run, shared by the tests. */
let smoke: Promise<SmokeRun<TutorialConfig>> | undefined;
const smokeRun = () => (smoke ??= runSmoke(app, scratch));
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

describe('tt-riemannian', () => {
  it('runs the smoke config: Riemannian methods beat rounding, monotonically, figures and metrics written', async () => {
    const { outcome, dir, leakedTensors, backend } = await smokeRun();
    expect(leakedTensors).toBe(0);
    // results.json states the claims machine-readably: unique ids, one number each, a test, whether it held.
    const results = JSON.parse(read(dir, 'results.json')) as { claims: Record<string, unknown>[] };
    expect(results.claims.map((c) => Object.keys(c))).toEqual(
      results.claims.map(() => expect.arrayContaining(['id', 'text', 'ours', 'test', 'holds'])),
    );
    expect(new Set(results.claims.map((c) => c.id)).size).toBe(results.claims.length);
    expect(outcome.claims.map((c) => [c.id, c.holds])).toEqual([
      ['monotone', true],
      ['tutorial-beats-rounding', true],
      ['riemannian-beats-rounding', true],
      ['fewer-iterations-than-adam', true],
    ]);
    const ours = Object.fromEntries(outcome.claims.map((c) => [c.id, c.ours]));
    // The tutorial's loop ends a few percent below the TT-SVD quasi-optimum (the tutorial: 0.942).
    expect(ours['tutorial-beats-rounding']).toBeGreaterThan(0.85);
    expect(ours['tutorial-beats-rounding']).toBeLessThan(1);
    expect(ours['fewer-iterations-than-adam']).toBeLessThan(1);
    const summary = outcome.summary as {
      initial: number;
      rounded: number;
      best: number;
      methods: { method: string }[];
    };
    // A sanity bound independent of the methods: the best rank-2 approximation is better than the start and
    // than the quasi-optimal rounding.
    expect(summary.best).toBeLessThan(summary.rounded);
    expect(summary.rounded).toBeLessThan(summary.initial);
    expect(summary.methods.map((m) => m.method)).toEqual([
      'Riemannian GD, step 1 (T3F tutorial)',
      'Riemannian GD, Armijo',
      'Riemannian CG (PR+)',
      'Adam on the cores, lr 0.1',
    ]);
    expect(outcome.table[0]).toMatchObject({ claim: 'F(X₀) = ½‖X₀ − A‖², random start', tutorial: '749.2' });
    // Labels name the iterations that ran (smoke: 30), never the tutorial's 90.
    const labels = outcome.table.map((row) => String(row.claim)).join('\n');
    expect(labels).toContain('F at iterations 10 / 30');
    expect(labels).not.toMatch(/\b(90|100)\b/);
    expect(labels).toContain('Adam on the cores, lr 0.1: F at 10 / 30 / 60');
    // Every figure shows data: marks with non-zero extent and finite coordinates.
    expect(assertFiguresNotEmpty(dir)).toEqual(['gap.svg', 'loss.svg']);
    expect(JSON.parse(read(dir, 'status.json'))).toMatchObject({ state: 'finished', completedUnits: 4 });
    // env.json records the backend the runner set up (PROJ_BACKEND, else auto), and the app ran on it.
    const env = JSON.parse(readFileSync(join(dir, 'env.json'), 'utf8'));
    expect(env.backend).toEqual(JSON.parse(JSON.stringify(backend)));
    expect(env.backend.requested).toBe(process.env.PROJ_BACKEND || 'auto');
    expect(outcome.summary.backend).toBe(describeBackend(backend));
    const lines = readFileSync(join(dir, 'metrics.jsonl'), 'utf8').trim().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ method: 'Riemannian GD, step 1 (T3F tutorial)', iteration: 0 });
  });

  it('appends metrics as it goes; an interrupted run resumes to the results of an uninterrupted one', async () => {
    const full = await smokeRun();
    // Stopped after two units (the tutorial loop and Riemannian GD), as Ctrl-C would stop it.
    const { actual, expected, stopped, stoppedMetrics, resumed } = await compareResume(app, scratch, full, {
      afterUnits: 2,
    });
    expect(actual).toEqual(expected);
    expect(stopped.status).toMatchObject({ state: 'interrupted', completedUnits: 2 });
    const methods = new Set(stoppedMetrics.map((line) => (line as { method: string }).method));
    expect([...methods]).toEqual(['Riemannian GD, step 1 (T3F tutorial)', 'Riemannian GD, Armijo']);
    assertFiguresNotEmpty(resumed.dir);
  });

  it('rejects bad configs, naming the field', () => {
    const { config } = loadConfig(app.configDir, 'smoke');
    expect(() => validateConfig(app, { ...config, rank: 0 })).toThrow(
      "tt-riemannian config: 'rank' must be a positive integer, got 0",
    );
    expect(() => validateConfig(app, { ...config, methods: ['newton'] })).toThrow(
      `'methods.0' must be one of "tutorial", "gd", "cg", got "newton"`,
    );
    expect(() => validateConfig(app, { ...config, adam: { learningRates: [-1], iterations: 10 } })).toThrow(
      "'adam.learningRates.0' must be a positive number, got -1",
    );
    expect(() => validateConfig(app, { ...config, backend: 'wasm' })).toThrow("'backend' is not a config field");
  });
});
