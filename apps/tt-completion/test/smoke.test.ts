import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareResume, loadConfig, runSmoke, type SmokeRun, validateConfig } from '@proj/repro';
import { assertFiguresNotEmpty, type Reporter } from '@proj/run';
import { afterAll, describe, expect, it } from 'vitest';
import type { CompletionConfig } from '../src/config.js';
import { app } from '../src/main.js';

const scratch = mkdtempSync(join(tmpdir(), 'tt-completion-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The progress phases the app reported: label, total and the last step ticked. */
const phases: { label: string; total: number; last: number }[] = [];
const recording: Reporter = {
  start: (total, label = '') => void phases.push({ label, total, last: 0 }),
  tick: (step) => {
    phases[phases.length - 1]!.last = step;
  },
  log: () => {},
  done: () => {},
};

/** The uninterrupted smoke run, shared by the tests. */
let smoke: Promise<SmokeRun<CompletionConfig>> | undefined;
const smokeRun = () => (smoke ??= runSmoke(app, scratch, { reporter: recording }));
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

describe('tt-completion', () => {
  it('runs the smoke config: Riemannian methods reach the noise floor before Adam; figures and metrics written', async () => {
    const { outcome, dir, leakedTensors } = await smokeRun();
    expect(leakedTensors).toBe(0);
    // results.json states the claims machine-readably: unique ids, one number each, a test, whether it held.
    const results = JSON.parse(read(dir, 'results.json')) as { claims: Record<string, unknown>[] };
    expect(results.claims.map((c) => Object.keys(c))).toEqual(
      results.claims.map(() => expect.arrayContaining(['id', 'text', 'ours', 'test', 'holds'])),
    );
    expect(new Set(results.claims.map((c) => c.id)).size).toBe(results.claims.length);
    // Smoke runs Adam 300 steps, fewer than the tutorial's 2000: that claim cannot be decided and is left out.
    expect(outcome.claims.map((c) => [c.id, c.holds])).toEqual([
      ['reaches-noise-floor', true],
      ['recovers-below-noise', true],
      ['fewer-iterations-than-adam', true],
      ['autodiff-equals-projectsum', true],
    ]);
    const ours = Object.fromEntries(outcome.claims.map((c) => [c.id, c.ours]));
    // At the floor σ²(1 − 385/2100) = 8.17e-5 within a few percent; test error well below σ².
    expect(ours['reaches-noise-floor']).toBeLessThan(1.1);
    expect(ours['recovers-below-noise']).toBeLessThan(0.5);
    expect(ours['autodiff-equals-projectsum']).toBeLessThan(1e-4);
    expect(outcome.summary.manifoldDimension).toBe(385);
    const summary = outcome.summary as {
      observed: number;
      entries: number;
      methods: { method: string; 'final train': number }[];
    };
    expect(summary.entries).toBe(8400);
    expect(summary.observed).toBe(2100);
    // A sanity bound independent of the checks: the train MSE falls from O(1) to the order of σ² = 1e-4.
    for (const method of summary.methods.slice(0, 3)) expect(method['final train']).toBeLessThan(3e-4);
    // Every figure shows data: marks with non-zero extent and finite coordinates.
    expect(assertFiguresNotEmpty(dir)).toEqual(['test-vs-time.svg', 'test.svg', 'train.svg']);
    const first = JSON.parse(read(dir, 'metrics.jsonl').split('\n')[0]!);
    expect(first).toMatchObject({ method: 'Riemannian GD, autodiff gradient', iteration: 0 });
    expect(JSON.parse(read(dir, 'status.json'))).toMatchObject({ state: 'finished', completedUnits: 4 });
    expect(JSON.parse(read(dir, 'env.json')).backend).toMatchObject({ backend: expect.any(String) });
  });

  it("reports Adam's progress up to its last step (not one short)", async () => {
    await smokeRun();
    const adam = phases.find((phase) => phase.label.startsWith('Adam'));
    expect(adam).toMatchObject({ total: 300, last: 300 });
  });

  it('appends metrics as it goes; an interrupted run resumes to the results of an uninterrupted one', async () => {
    const full = await smokeRun();
    // Stopped after the first two Riemannian methods, as Ctrl-C would stop it.
    const { actual, expected, stoppedMetrics, resumed } = await compareResume(app, scratch, full, { afterUnits: 2 });
    expect(actual).toEqual(expected);
    const methods = new Set(stoppedMetrics.map((line) => (line as { method: string }).method));
    expect([...methods]).toEqual(['Riemannian GD, autodiff gradient', 'Riemannian CG (PR+), autodiff gradient']);
    assertFiguresNotEmpty(resumed.dir);
  });

  it('rejects bad configs, naming the field', () => {
    const { config } = loadConfig(app.configDir, 'smoke');
    expect(() => validateConfig(app, { ...config, observedFraction: 0 })).toThrow(
      "tt-completion config: 'observedFraction' must be in (0, 1], got 0",
    );
    expect(() => validateConfig(app, { ...config, methods: [{ optimizer: 'newton', gradient: 'autodiff' }] })).toThrow(
      `'methods.0.optimizer' must be one of "gd", "cg", got "newton"`,
    );
  });
});
