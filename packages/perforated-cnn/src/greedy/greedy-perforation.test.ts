import { describe, expect, it } from 'vitest';
import { DEFAULT_KEEP_FRACTIONS, greedyPerforation } from './greedy-perforation.js';

/** time = 1 + 2·k_a + k_b (T₀ = 4), loss = 10(1 − k_a)² + (1 − k_b). */
const synthetic = (keep: Readonly<Record<string, number>>) => ({
  loss: 10 * (1 - keep.a!) ** 2 + (1 - keep.b!),
  time: 1 + 2 * keep.a! + keep.b!,
});

describe('greedyPerforation', () => {
  it('commits the lowest (L′ − L₀)/(T₀ − T′) each step (hand-computed profile)', () => {
    const calls: Record<string, number>[] = [];
    const steps = greedyPerforation({
      layers: ['a', 'b'],
      keepFractions: [1, 0.5, 0.25],
      evaluate: (keep) => {
        calls.push({ ...keep });
        return synthetic(keep);
      },
    });
    // Step 1: a→½ costs 2.5/1, b→½ costs 0.5/0.5 → b. Step 2: a→½ 3/1.5, b→¼ 0.75/0.75 → b.
    // Step 3: only a→½ (3.25/1.75). Step 4: a→¼. Then every layer is at its last rate.
    expect(steps.map((s) => s.changed)).toEqual([null, 'b', 'b', 'a', 'a']);
    expect(steps.map((s) => s.keepFractions)).toEqual([
      { a: 1, b: 1 },
      { a: 1, b: 0.5 },
      { a: 1, b: 0.25 },
      { a: 0.5, b: 0.25 },
      { a: 0.25, b: 0.25 },
    ]);
    expect(steps.map((s) => s.time)).toEqual([4, 3.5, 3.25, 2.25, 1.75]);
    expect(steps.map((s) => s.loss)).toEqual([0, 0.5, 0.75, 3.25, 6.375]);
    expect(steps.map((s) => s.speedup)).toEqual([1, 4 / 3.5, 4 / 3.25, 4 / 2.25, 4 / 1.75]);
    expect(calls.length).toBe(1 + 2 + 2 + 1 + 1);
  });

  it('finds the known optimum: perforates the free layer fully before touching the costly one', () => {
    const steps = greedyPerforation({
      layers: ['costly', 'free'],
      maxSteps: DEFAULT_KEEP_FRACTIONS.length - 1,
      evaluate: (keep) => ({ loss: 1 - keep.costly!, time: 1 + keep.costly! + keep.free! }),
    });
    expect(steps.slice(1).every((s) => s.changed === 'free')).toBe(true);
    expect(steps.at(-1)!.keepFractions).toEqual({ costly: 1, free: 1 / 20 });
    expect(steps.at(-1)!.loss).toBe(0);
  });

  it('stops at maxSteps, and when no candidate is faster than the start', () => {
    expect(greedyPerforation({ layers: ['a', 'b'], maxSteps: 2, evaluate: synthetic })).toHaveLength(3);
    expect(greedyPerforation({ layers: ['a', 'b'], maxSteps: 0, evaluate: synthetic })).toHaveLength(1);
    const flat = greedyPerforation({ layers: ['a'], evaluate: (keep) => ({ loss: 1 - keep.a!, time: 2 }) });
    expect(flat).toEqual([{ keepFractions: { a: 1 }, changed: null, loss: 0, time: 2, speedup: 1 }]);
  });

  it('DEFAULT_KEEP_FRACTIONS is [1, 1/1.5, 1/2, …, 1/20]', () => {
    expect(DEFAULT_KEEP_FRACTIONS).toHaveLength(21);
    expect(DEFAULT_KEEP_FRACTIONS.slice(0, 3)).toEqual([1, 1 / 1.5, 0.5]);
    expect(DEFAULT_KEEP_FRACTIONS.at(-1)).toBe(1 / 20);
    expect(Object.isFrozen(DEFAULT_KEEP_FRACTIONS)).toBe(true);
  });

  it('rejects bad options and bad evaluate results', () => {
    const evaluate = synthetic;
    expect(() => greedyPerforation(null as never)).toThrow(/greedyPerforation: argument 'options'/);
    expect(() => greedyPerforation({ layers: [], evaluate })).toThrow(/greedyPerforation: argument 'options.layers'/);
    expect(() => greedyPerforation({ layers: ['a', 'a'], evaluate })).toThrow(/options.layers/);
    expect(() => greedyPerforation({ layers: ['a'], keepFractions: [0.5, 0.25], evaluate })).toThrow(
      /greedyPerforation: argument 'options.keepFractions'/,
    );
    expect(() => greedyPerforation({ layers: ['a'], keepFractions: [1, 0.5, 0.5], evaluate })).toThrow(
      /options.keepFractions/,
    );
    expect(() => greedyPerforation({ layers: ['a'], maxSteps: -1, evaluate })).toThrow(/options.maxSteps/);
    expect(() => greedyPerforation({ layers: ['a'] } as never)).toThrow(/options.evaluate/);
    expect(() => greedyPerforation({ layers: ['a'], evaluate, steps: 3 } as never)).toThrow(
      /greedyPerforation: unknown option 'steps'/,
    );
    expect(() => greedyPerforation({ layers: ['a'], evaluate: () => ({ loss: Number.NaN, time: 1 }) })).toThrow(
      /greedyPerforation: argument 'options.evaluate' must return finite/,
    );
    expect(() => greedyPerforation({ layers: ['a'], evaluate: () => ({ loss: 0, time: 0 }) })).toThrow(
      /options.evaluate/,
    );
  });
});
