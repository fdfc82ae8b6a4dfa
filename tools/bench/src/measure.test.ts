import { describe, expect, it } from 'vitest';
import { gflops, measure, median } from './measure.js';

describe('measure', () => {
  it('warms up, then samples until minRuns and minTimeMs, and reports the median', async () => {
    let clock = 0;
    const durations = [100, 100, 5, 1, 9, 3, 7];
    let call = 0;
    const result = await measure(
      () => {
        clock += durations[call++]!;
      },
      { warmup: 2, minRuns: 5, maxRuns: 10, minTimeMs: 0, now: () => clock },
    );
    expect(call).toBe(7);
    expect(result.samplesMs).toEqual([5, 1, 9, 3, 7]);
    expect(result).toMatchObject({ medianMs: 5, minMs: 1, maxMs: 9, runs: 5 });
  });

  it('keeps sampling for minTimeMs but stops at maxRuns', async () => {
    let clock = 0;
    const tick = () => {
      clock += 10;
    };
    const result = await measure(tick, {
      warmup: 0,
      minRuns: 1,
      maxRuns: 4,
      minTimeMs: 1e9,
      now: () => clock,
    });
    expect(result.runs).toBe(4);
  });

  it('rejects inconsistent run counts', async () => {
    await expect(measure(() => 0, { minRuns: 5, maxRuns: 2 })).rejects.toThrow(/minRuns <= maxRuns/);
  });
});

describe('median and gflops', () => {
  it('computes both', () => {
    expect(median([1, 2, 3, 10])).toBe(2.5);
    expect(median([4])).toBe(4);
    expect(() => median([])).toThrow(/no values/);
    // matMul 1024²: 2·1024³ flops in 100 ms = 21.47 GFLOP/s.
    expect(gflops(2 * 1024 ** 3, 100)).toBeCloseTo(21.47, 2);
  });
});
