import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findTorchPython } from '@proj/bench';
import { type Claim, interruptSmoke, loadConfig, resumeRun, runSmoke, validateConfig } from '@proj/repro';
import { assertFiguresNotEmpty } from '@proj/run';
import { afterAll, describe, expect, it } from 'vitest';
import { cnnForwardFlops } from '../src/cnn.js';
import { app } from '../src/main.js';

const scratch = mkdtempSync(join(tmpdir(), 'backend-bench-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('backend-bench', () => {
  it('runs the smoke config: times every op on cpu and on the chosen backend, which trains like cpu', async () => {
    const { outcome, dir, leakedTensors, backend } = await runSmoke(app, scratch);
    expect(leakedTensors).toBe(0);
    // The backend of the run (PROJ_BACKEND, else auto: wasm on a plain install) next to the cpu reference.
    const backends = backend.backend === 'cpu' ? ['cpu'] : ['cpu', backend.backend];
    const ops = [
      'matMul 64²',
      'conv2d [2,12,12,4]×[3,3,4,8]',
      'CNN train step (batch 8)',
      'CNN train step, tfjs-layers fit (batch 8)',
    ];
    // Every tfjs op on every backend (smoke: cpu times all), then PyTorch's matMul, conv2d and training step on one
    // thread (timed, or one "not installed" row without torch).
    const pytorch = outcome.summary.pytorch as { missing?: string };
    const torchOps = [ops[0], ops[1], ops[2]].map((op) => `${op} pytorch cpu (1 thread)`);
    expect(outcome.table.map((row) => `${row.op} ${row.backend}`)).toEqual([
      ...backends.flatMap((name) => ops.map((op) => `${op} ${name}`)),
      ...(pytorch.missing === undefined ? torchOps : ['all pytorch cpu (1 thread)']),
    ]);
    const tfjsRows = backends.length * ops.length;
    for (const row of outcome.table.slice(0, tfjsRows)) expect(row['median ms']).toBeGreaterThan(0);
    if (pytorch.missing === undefined) {
      for (const row of outcome.table.slice(tfjsRows)) expect(row['median ms']).toBeGreaterThan(0);
    } else expect(outcome.table.at(-1)!['median ms']).toMatch(/^not installed/);
    // Claims: one per statement, ids unique; the PyTorch one only with torch; none when only cpu ran.
    const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
    expect(results.claims.map((c: { id: string }) => c.id)).toEqual(outcome.claims.map((c) => c.id));
    if (backend.backend === 'cpu') expect(outcome.claims).toEqual([]);
    else {
      expect(outcome.claims.map((c) => c.id)).toEqual([
        'trains-like-cpu',
        'train-step-vs-cpu',
        ...(pytorch.missing === undefined ? ['train-step-vs-pytorch'] : []),
      ]);
      const [agreement, speedup] = outcome.claims as [Claim, Claim];
      expect(agreement.holds, agreement.detail).toBe(true);
      expect(agreement.ours).toBeLessThan(1e-3);
      // The smoke config's factor: at least 1x faster than cpu.
      expect(speedup.test).toEqual({ op: '>=', bound: 1 });
      const steps = outcome.table.filter((row) => row.op === 'CNN train step (batch 8)');
      expect(speedup.ours).toBeCloseTo((steps[0]!['median ms'] as number) / (steps[1]!['median ms'] as number), 10);
    }
    // Benchmarks: the run's backend against PyTorch on matMul, conv2d and the training step (none without torch).
    expect(outcome.benchmarks!.map((b) => b.id)).toEqual(
      pytorch.missing === undefined ? ['matmul-64', 'conv2d', 'train-step'] : [],
    );
    for (const b of outcome.benchmarks!) {
      expect(b.ours.ms).toBeGreaterThan(0);
      expect(b.reference).toMatchObject({ label: expect.stringMatching(/^PyTorch .* CPU, 1 thread$/) });
    }
    const losses = outcome.summary.losses as Record<string, number[]>;
    expect(Object.keys(losses)).toEqual(backends);
    // Cross-entropy of an untrained 10-class head starts near ln 10 and falls under Adam on a fixed batch.
    expect(losses.cpu![0]).toBeGreaterThan(1.5);
    expect(losses.cpu![2]).toBeLessThan(losses.cpu![0]!);
    // The figure shows data: bars of non-zero height on the log axis (they had none: log 0 = −∞), inside the plot.
    expect(assertFiguresNotEmpty(dir, { insideFrame: true })).toEqual(['timings.svg']);
    const metrics = readFileSync(join(dir, 'metrics.jsonl'), 'utf8').trim().split('\n');
    expect(metrics).toHaveLength(ops.length * backends.length + (pytorch.missing === undefined ? 3 : 0));
    expect(JSON.parse(readFileSync(join(dir, 'status.json'), 'utf8'))).toMatchObject({ state: 'finished' });
    expect(JSON.parse(readFileSync(join(dir, 'env.json'), 'utf8')).backend).toMatchObject({ backend: backend.backend });
  });

  it('stops when asked, marked interrupted with its timings so far, and refuses --resume', async () => {
    // No units: ask it to stop at once; it stops at its first checkpoint, before the first timing.
    const stopped = await interruptSmoke(app, scratch, { afterUnits: 0 });
    expect(stopped.status).toMatchObject({ state: 'interrupted', reason: 'stop requested after 0 units' });
    expect(stopped.leakedTensors).toBe(0);
    await expect(resumeRun(app, stopped.dir, 'cpu')).rejects.toThrow(
      'backend-bench: --resume is not supported: timings measured in two processes are not comparable',
    );
  });

  it('finds no PyTorch where no Python has torch (the row then says "not installed")', () => {
    expect(findTorchPython(['/nonexistent/python3'])).toBeUndefined();
  });

  it('counts the CNN flops: 2·b·h·w·cout·9·cin per conv plus the dense head', () => {
    const flops = cnnForwardFlops({ batch: 64, imageSize: 28, channels: [16, 32], classes: 10, learningRate: 1e-3 });
    expect(flops).toBe(2 * 64 * 28 * 28 * 16 * 9 + 2 * 64 * 14 * 14 * 32 * 9 * 16 + 2 * 64 * 7 * 7 * 32 * 10);
  });

  it('rejects a config that names backends (chosen with --backend now) or has bad sizes', () => {
    const { config } = loadConfig(app.configDir, 'smoke');
    expect(() => validateConfig(app, { ...config, backends: ['cpu', 'wasm'] })).toThrow(
      "backend-bench config: 'backends' is not a config field",
    );
    expect(() =>
      validateConfig(app, { ...config, trainStep: { ...(config.trainStep as object), imageSize: 30 } }),
    ).toThrow("'trainStep.imageSize' must be a positive multiple of 4, got 30");
    expect(() => validateConfig(app, { ...config, conv2d: { input: [1, 8, 8, 3], filter: [3, 3, 4, 8] } })).toThrow(
      "'conv2d.filter.2' must equal input[3], the input's channels, got 4",
    );
    expect(() => validateConfig(app, { ...config, cpuWorkloads: 'some' })).toThrow(
      "'cpuWorkloads' must be one of 'all', 'trainStep', 'none', got \"some\"",
    );
  });
});
