import { describe, expect, it } from 'vitest';
import { hasPaperObjects } from '../src/cases.js';
import { benchmarkClaims, benchmarkRatios, type CaseTimes, caseId, T3F_CPU_LABEL } from '../src/claims.js';
import { PAPER_MS } from '../src/paper.js';

const times = (name: string, backends: Record<string, number>, numpy: number | undefined, paperObjects = false) =>
  ({ name, workload: name, backends, numpy, paperObjects }) as CaseTimes;

describe('t3f-benchmark claims and benchmarks', () => {
  it('compares the fastest backend with numpy per case, and with the paper where the objects are its', () => {
    const ratios = benchmarkRatios([
      times('matvec one', { cpu: 100, wasm: 4 }, 2, true),
      times('tt_svd one', { wasm: 6 }, undefined, false),
      times('norm batch', {}, 1, true),
    ]);
    expect(ratios).toEqual([
      {
        id: 'matvec-one.vs-numpy',
        workload: 'matvec one, ms per object',
        ours: { label: 'wasm', ms: 4 },
        reference: { label: 'numpy float32, 1 thread', ms: 2 },
      },
      {
        id: 'matvec-one.vs-t3f-cpu',
        workload: 'matvec one, ms per object',
        ours: { label: 'wasm', ms: 4 },
        reference: { label: T3F_CPU_LABEL, ms: PAPER_MS['matvec one']!.t3fCpu },
      },
    ]);
    expect(caseId('project rank100 batch')).toBe('project-rank100-batch');
  });

  it('holds the speed goal at a geometric mean ≤ 1.5x numpy and fails above; counts failed timings', () => {
    const fast = benchmarkClaims([times('a', { wasm: 1 }, 1), times('b', { wasm: 2 }, 1)], [], 'wasm, numpy');
    expect(fast.map((c) => [c.id, c.holds])).toEqual([
      ['all-cases-run', true],
      ['speed-vs-numpy', true],
    ]);
    expect(fast[1]!.ours).toBeCloseTo(Math.SQRT2, 12);
    const slow = benchmarkClaims([times('a', { wasm: 2 }, 1), times('b', { wasm: 2 }, 1)], ['b on webgpu: OOM'], '');
    expect(slow.map((c) => [c.id, c.ours, c.holds])).toEqual([
      ['all-cases-run', 1, false],
      ['speed-vs-numpy', 2, false],
    ]);
    expect(slow[0]!.detail).toBe('b on webgpu: OOM');
    // Without numpy there is nothing to compare with: the speed claim is left out.
    expect(benchmarkClaims([times('a', { wasm: 1 }, undefined)], [], 'wasm').map((c) => c.id)).toEqual([
      'all-cases-run',
    ]);
  });

  it("compares single objects at the paper's d, modes and ranks, batches only at all of its sizes", () => {
    const paper = { d: 10, mode: 10, rank: 10, bigRank: 100, batch: 100, productBatch: 10, roundBatch: 10 };
    const smallBatches = { ...paper, batch: 10, productBatch: 2, roundBatch: 2 };
    expect(hasPaperObjects('round one', paper)).toBe(true);
    expect(hasPaperObjects('round batch', paper)).toBe(true);
    expect(hasPaperObjects('round one', smallBatches)).toBe(true);
    expect(hasPaperObjects('round batch', smallBatches)).toBe(false);
    expect(hasPaperObjects('round one', { ...paper, bigRank: 30 })).toBe(false);
  });
});
