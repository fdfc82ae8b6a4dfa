import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, runSmoke } from '@proj/repro';
import { afterAll, describe, expect, it } from 'vitest';
import { cnnForwardFlops } from '../src/cnn.js';
import { app } from '../src/main.js';

const scratch = mkdtempSync(join(tmpdir(), 'backend-bench-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('backend-bench', () => {
  it('runs the smoke config: times every op on cpu and wasm, and wasm trains like cpu', async () => {
    const { outcome, dir, leakedTensors } = await runSmoke(app, scratch);
    expect(leakedTensors).toBe(0);
    expect(outcome.table.map((row) => `${row.op} ${row.backend}`)).toEqual([
      'matMul 64² cpu',
      'conv2d [2,12,12,4]×[3,3,4,8] cpu',
      'CNN train step (batch 8) cpu',
      'matMul 64² wasm',
      'conv2d [2,12,12,4]×[3,3,4,8] wasm',
      'CNN train step (batch 8) wasm',
    ]);
    for (const row of outcome.table) expect(row['median ms']).toBeGreaterThan(0);
    const agreement = outcome.checks.find((check) => check.name === 'wasm trains like cpu');
    expect(agreement?.pass).toBe(true);
    const losses = outcome.summary.losses as Record<string, number[]>;
    // Cross-entropy of an untrained 10-class head starts near ln 10 and falls under Adam on a fixed batch.
    expect(losses.cpu![0]).toBeGreaterThan(1.5);
    expect(losses.cpu![2]).toBeLessThan(losses.cpu![0]!);
    expect(existsSync(join(dir, 'timings.svg'))).toBe(true);
    const metrics = readFileSync(join(dir, 'metrics.jsonl'), 'utf8').trim().split('\n');
    expect(metrics).toHaveLength(6);
  });

  it('counts the CNN flops: 2·b·h·w·cout·9·cin per conv plus the dense head', () => {
    const flops = cnnForwardFlops({ batch: 64, imageSize: 28, channels: [16, 32], classes: 10, learningRate: 1e-3 });
    expect(flops).toBe(2 * 64 * 28 * 28 * 16 * 9 + 2 * 64 * 14 * 14 * 32 * 9 * 16 + 2 * 64 * 7 * 7 * 32 * 10);
  });

  it('rejects a config that does not start with the cpu reference or has bad sizes', () => {
    const { config } = loadConfig(app.configDir, 'smoke');
    expect(() => app.validate({ ...config, backends: ['wasm', 'cpu'] })).toThrow(
      /'backends' must be a list .* starting with cpu/,
    );
    expect(() => app.validate({ ...config, trainStep: { ...(config.trainStep as object), imageSize: 30 } })).toThrow(
      /'trainStep' must be/,
    );
    expect(() => app.validate({ ...config, conv2d: { input: [1, 8, 8, 3], filter: [3, 3, 4, 8] } })).toThrow(
      /channels match/,
    );
  });
});
