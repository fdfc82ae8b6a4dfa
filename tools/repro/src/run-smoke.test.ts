import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppDefinition } from './app.js';
import { runSmoke } from './run-smoke.js';

const scratch = mkdtempSync(join(tmpdir(), 'run-smoke-'));
const configDir = join(scratch, 'configs');
mkdirSync(configDir);
writeFileSync(join(configDir, 'default.json'), JSON.stringify({ leak: 0, size: 100 }));
writeFileSync(join(configDir, 'smoke.json'), JSON.stringify({ leak: 2, size: 3 }));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface ToyConfig {
  readonly leak: number;
  readonly size: number;
}

/** Keeps `leak` tensors alive and frees the rest. */
const app: AppDefinition<ToyConfig> = {
  name: 'toy',
  title: 'a toy app',
  configDir,
  validate: (config) => config as unknown as ToyConfig,
  run: async (config, { seed }) => {
    await initBackend('cpu');
    const kept = Array.from({ length: config.leak }, () => tf.zeros([config.size]));
    tf.dispose(tf.ones([config.size]));
    return { table: [], summary: { seed, kept: kept.length }, checks: [] };
  },
};

describe('runSmoke', () => {
  it('runs the smoke config with the seed, writes under root, and counts the tensors left alive', async () => {
    const { config, outcome, dir, leakedTensors } = await runSmoke(app, scratch, 7);
    expect(config).toEqual({ leak: 2, size: 3 });
    expect(outcome.summary).toEqual({ seed: 7, kept: 2 });
    expect(leakedTensors).toBe(2);
    expect(dir.startsWith(scratch)).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).toEqual({
      configName: 'smoke',
      leak: 2,
      size: 3,
    });
  });
});
