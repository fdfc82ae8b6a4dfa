import { loadConfig } from '@proj/repro';
import { describe, expect, it } from 'vitest';
import { benchClaims, type TrainStepOutcome } from '../src/claims.js';
import type { BenchConfig } from '../src/config.js';
import { app } from '../src/main.js';
import { workloads, workloadsOn } from '../src/workloads.js';

const acceptance = { trainStepSpeedup: 15, trainStepVsPytorch: 1.5 };
const byId = (outcome: TrainStepOutcome) => Object.fromEntries(benchClaims(outcome).map((c) => [c.id, c]));

describe('benchClaims', () => {
  it('holds for a backend 20x faster than cpu, 1.2x PyTorch, with the losses of cpu', () => {
    const claims = byId({
      backend: 'wasm',
      ms: 12,
      cpuMs: 240,
      pytorch: { ms: 10, label: 'torch 1.13' },
      losses: { backend: [2.3, 2.2], cpu: [2.3, 2.2 * (1 + 1e-6)] },
      acceptance,
    });
    expect(Object.keys(claims)).toEqual(['trains-like-cpu', 'train-step-vs-cpu', 'train-step-vs-pytorch']);
    expect(claims['trains-like-cpu']!.holds).toBe(true);
    expect(claims['trains-like-cpu']!.ours).toBeCloseTo(1e-6 / (1 + 1e-6), 12);
    expect(claims['train-step-vs-cpu']).toMatchObject({ ours: 20, holds: true, test: { op: '>=', bound: 15 } });
    expect(claims['train-step-vs-pytorch']).toMatchObject({ ours: 1.2, holds: true, test: { op: '<=', bound: 1.5 } });
  });

  it('fails for a backend 10x faster than cpu, 3x PyTorch, whose losses drift from cpu', () => {
    const claims = byId({
      backend: 'wasm',
      ms: 30,
      cpuMs: 300,
      pytorch: { ms: 10, label: 'torch 1.13' },
      losses: { backend: [2.3, 2.0], cpu: [2.3, 2.2] },
      acceptance,
    });
    expect(claims['trains-like-cpu']!.holds).toBe(false);
    expect(claims['train-step-vs-cpu']).toMatchObject({ ours: 10, holds: false });
    expect(claims['train-step-vs-pytorch']).toMatchObject({ ours: 3, holds: false });
  });

  it('leaves out what was not measured: no cpu, no torch', () => {
    expect(benchClaims({ backend: 'wasm', ms: 30, acceptance })).toEqual([]);
  });
});

describe('workloadsOn', () => {
  const { config } = loadConfig(app.configDir, 'quick');
  const ops = workloads(config as BenchConfig);

  it('times every workload on the backend of the run, and on cpu as cpuWorkloads says', () => {
    const ids = (list: readonly { id: string }[]) => list.map((w) => w.id);
    expect(ids(workloadsOn('wasm', 'wasm', ops, { cpuWorkloads: 'none' }))).toEqual([
      'matmul-256',
      'matmul-1024',
      'conv2d',
      'train-step',
      'layers-fit-step',
    ]);
    expect(ids(workloadsOn('cpu', 'wasm', ops, { cpuWorkloads: 'all' }))).toHaveLength(5);
    expect(ids(workloadsOn('cpu', 'wasm', ops, { cpuWorkloads: 'trainStep' }))).toEqual(['train-step']);
    expect(workloadsOn('cpu', 'wasm', ops, { cpuWorkloads: 'none' })).toEqual([]);
    // A cpu run times everything, whatever cpuWorkloads says.
    expect(workloadsOn('cpu', 'cpu', ops, { cpuWorkloads: 'none' })).toHaveLength(5);
  });

  it('quick keeps cpu to the training step (the pure-JS cpu backend takes seconds per workload)', () => {
    expect((config as BenchConfig).cpuWorkloads).toBe('trainStep');
  });
});
