import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, runSmoke } from '@proj/repro';
import { afterAll, describe, expect, it } from 'vitest';
import { app } from '../src/main.js';

const scratch = mkdtempSync(join(tmpdir(), 'tt-riemannian-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('tt-riemannian', () => {
  it('runs the smoke config: Riemannian methods beat rounding, monotonically, figures and metrics written', async () => {
    const { outcome, dir, leakedTensors } = await runSmoke(app, scratch);
    expect(leakedTensors).toBe(0);
    expect(outcome.checks.map((check) => [check.name, check.pass])).toEqual(
      outcome.checks.map((check) => [check.name, true]),
    );
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
    for (const figure of ['loss', 'gap']) expect(existsSync(join(dir, `${figure}.svg`))).toBe(true);
    const lines = readFileSync(join(dir, 'metrics.jsonl'), 'utf8').trim().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ method: 'Riemannian GD, step 1 (T3F tutorial)', iteration: 0 });
  });

  it('rejects bad configs, naming the field', () => {
    const { config } = loadConfig(app.configDir, 'smoke');
    expect(() => app.validate({ ...config, rank: 0 })).toThrow(
      "tt-riemannian config: 'rank' must be a positive integer",
    );
    expect(() => app.validate({ ...config, methods: ['newton'] })).toThrow(
      "'methods' must be a list of tutorial, gd, cg",
    );
    expect(() => app.validate({ ...config, adam: { learningRates: [-1], iterations: 10 } })).toThrow("'adam' must be");
  });
});
