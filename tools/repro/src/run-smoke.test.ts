import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { defineApp } from './app.js';
import { comparableResults, runSmoke } from './run-smoke.js';
import { nonNegativeInt, positiveInt } from './schema.js';

const scratch = mkdtempSync(join(tmpdir(), 'run-smoke-'));
mkdirSync(join(scratch, 'configs'));
writeFileSync(join(scratch, 'configs', 'default.json'), JSON.stringify({ leak: 0, size: 100 }));
writeFileSync(join(scratch, 'configs', 'smoke.json'), JSON.stringify({ leak: 2, size: 3 }));
writeFileSync(
  join(scratch, 'package.json'),
  JSON.stringify({ repro: { name: 'toy', title: 'a toy app', paper: 'none', entry: './src/main.ts' } }),
);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
afterEach(() => vi.unstubAllEnvs());

/** Keeps `leak` tensors alive and frees the rest. */
const app = defineApp(pathToFileURL(join(scratch, 'src', 'main.ts')), {
  schema: z.strictObject({ leak: nonNegativeInt(), size: positiveInt() }),
  run: async (config, { seed, backend }) => {
    const kept = Array.from({ length: config.leak }, () => tf.zeros([config.size]));
    tf.dispose(tf.ones([config.size]));
    return { table: [], summary: { seed, kept: kept.length, backend: backend.backend }, claims: [] };
  },
});

describe('runSmoke', () => {
  it('runs the smoke config with the seed, writes under root, and counts the tensors left alive', async () => {
    vi.stubEnv('PROJ_BACKEND', 'cpu');
    const { config, outcome, dir, leakedTensors, backend } = await runSmoke(app, scratch, 7);
    expect(config).toEqual({ leak: 2, size: 3 });
    expect(outcome.summary).toEqual({ seed: 7, kept: 2, backend: 'cpu' });
    expect(backend.backend).toBe('cpu');
    expect(leakedTensors).toBe(2);
    expect(dir.startsWith(scratch)).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).toEqual({
      configName: 'smoke',
      leak: 2,
      size: 3,
    });
    expect(JSON.parse(readFileSync(join(dir, 'env.json'), 'utf8')).backend).toMatchObject({ backend: 'cpu' });
  });

  it('takes the backend from PROJ_BACKEND, else auto', async () => {
    vi.stubEnv('PROJ_BACKEND', 'wasm');
    expect((await runSmoke(app, scratch)).backend).toMatchObject({ backend: 'wasm', requested: 'wasm' });
    vi.stubEnv('PROJ_BACKEND', '');
    expect((await runSmoke(app, scratch)).backend.requested).toBe('auto');
  });
});

describe('comparableResults', () => {
  it('drops timing keys and durations but keeps claims, items and params', () => {
    const dir = mkdtempSync(join(scratch, 'results-'));
    const results = {
      finishedAt: 'now',
      claims: [{ id: 'a', ours: 1 }],
      items: 3,
      params: 4,
      trainMs: 12,
      msPerStep: 1,
      totalSeconds: 2,
      'ms per step': 3,
      note: 'took 1.5 s',
    };
    writeFileSync(join(dir, 'results.json'), JSON.stringify(results));
    expect(comparableResults(dir)).toEqual({
      claims: [{ id: 'a', ours: 1 }],
      items: 3,
      params: 4,
      note: 'took ‹time›',
    });
  });
});
