import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, runSmoke, validateConfig } from '@proj/repro';
import { afterAll, describe, expect, it } from 'vitest';
import { app } from '../src/main.js';

const scratch = mkdtempSync(join(tmpdir(), 'tt-completion-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('tt-completion', () => {
  it('runs the smoke config: Riemannian methods reach the noise floor before Adam; figures and metrics written', async () => {
    const { outcome, dir, leakedTensors } = await runSmoke(app, scratch);
    expect(leakedTensors).toBe(0);
    expect(outcome.checks.map((check) => [check.name, check.pass])).toEqual(
      outcome.checks.map((check) => [check.name, true]),
    );
    expect(outcome.checks).toHaveLength(4);
    const summary = outcome.summary as {
      observed: number;
      entries: number;
      methods: { method: string; 'final train': number }[];
    };
    expect(summary.entries).toBe(8400);
    expect(summary.observed).toBe(2100);
    // A sanity bound independent of the checks: the train MSE falls from O(1) to the order of σ² = 1e-4.
    for (const method of summary.methods.slice(0, 3)) expect(method['final train']).toBeLessThan(3e-4);
    for (const figure of ['train', 'test', 'test-vs-time']) expect(existsSync(join(dir, `${figure}.svg`))).toBe(true);
    const first = JSON.parse(readFileSync(join(dir, 'metrics.jsonl'), 'utf8').split('\n')[0]!);
    expect(first).toMatchObject({ method: 'Riemannian GD, autodiff gradient', iteration: 0 });
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
