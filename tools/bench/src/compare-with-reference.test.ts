import { describe, expect, it } from 'vitest';
import { compareWithReference } from './compare-with-reference.js';

describe('compareWithReference', () => {
  it('pairs each median with the reference of the same name, labels batch sizes, keeps the order', async () => {
    let clock = 0;
    const costing = (ms: number) => () => {
      clock += ms;
    };
    const rows = await compareWithReference(
      { slow: costing(30), fast: costing(2) },
      { fast: 4, slow: 10, unused: 1 },
      {
        sizes: { slow: 100 },
        label: 'numpy',
        measure: { warmup: 0, minRuns: 3, maxRuns: 3, minTimeMs: 0, now: () => clock },
      },
    );
    expect(rows).toEqual([
      { op: 'slow (B=100)', 'ours ms': 30, 'numpy ms': 10, ratio: 3 },
      { op: 'fast', 'ours ms': 2, 'numpy ms': 4, ratio: 0.5 },
    ]);
  });

  it('names the cases without a reference time before timing anything', async () => {
    let calls = 0;
    const count = () => {
      calls++;
    };
    await expect(compareWithReference({ a: count, b: count }, { a: 1 })).rejects.toThrow(
      'compareWithReference: no reference time for b; the reference has a',
    );
    expect(calls).toBe(0);
  });
});
