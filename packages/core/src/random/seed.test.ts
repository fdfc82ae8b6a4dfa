import { describe, expect, it } from 'vitest';
import { assertSeed, foldIn, MAX_SEED, MAX_SPLIT, splitSeed } from './seed.js';
import { threefry2x32 } from './threefry.js';

describe('threefry2x32', () => {
  // Known-answer vectors of Threefry-2x32-20 from Random123's kat_vectors (also JAX's random_test.py).
  it.each([
    [
      [0, 0],
      [0, 0],
      [0x6b200159, 0x99ba4efe],
    ],
    [
      [0xffffffff, 0xffffffff],
      [0xffffffff, 0xffffffff],
      [0x1cb996fc, 0xbb002be7],
    ],
    [
      [0x13198a2e, 0x03707344],
      [0x243f6a88, 0x85a308d3],
      [0xc4923a9c, 0x483df7a0],
    ],
  ])('key %j counter %j gives %j', ([k0, k1], [c0, c1], expected) => {
    expect(threefry2x32(k0!, k1!, c0!, c1!)).toEqual(expected);
  });
});

describe('splitSeed', () => {
  it('is deterministic', () => {
    expect(splitSeed(42, 5)).toEqual(splitSeed(42, 5));
  });

  it('is a prefix-stable stream: splitting into more keeps the first ones', () => {
    expect(splitSeed(7, 8).slice(0, 3)).toEqual(splitSeed(7, 3));
  });

  it('gives distinct seeds that differ from the parent and from neighbouring parents', () => {
    const all = [...splitSeed(1, 1000), ...splitSeed(2, 1000), 1, 2];
    expect(new Set(all).size).toBe(all.length);
  });

  it('gives seeds whose bits look independent: each bit set about half the time', () => {
    const seeds = splitSeed(123, 4096);
    for (let bit = 0; bit < 32; bit++) {
      const ones = seeds.filter((s) => (s >>> bit) & 1).length;
      // Binomial(4096, 1/2): sd = 32, so ±5 sd = ±160.
      expect(Math.abs(ones - 2048)).toBeLessThan(160);
    }
  });

  it('gives streams of consecutive parents that are uncorrelated', () => {
    const a = splitSeed(1000, 4096).map((s) => s / MAX_SEED - 0.5);
    const b = splitSeed(1001, 4096).map((s) => s / MAX_SEED - 0.5);
    const correlation = a.reduce((acc, x, i) => acc + x * b[i]!, 0) / (4096 / 12);
    // Pearson correlation of independent uniforms: sd 1/sqrt(n) = 0.0156; 5 sd.
    expect(Math.abs(correlation)).toBeLessThan(0.078);
  });

  it('returns an empty array for n = 0', () => {
    expect(splitSeed(3, 0)).toEqual([]);
  });

  it.each([-1, 1.5, Number.NaN, 2 ** 32, '3'])('rejects seed %j', (seed) => {
    expect(() => splitSeed(seed as number, 2)).toThrow(
      /splitSeed: argument 'seed' must be an integer in \[0, 4294967295\]/,
    );
  });

  it('rejects a bad count', () => {
    expect(() => splitSeed(1, -2)).toThrow(/splitSeed: argument 'n' must be a non-negative integer, got -2/);
    expect(() => splitSeed(1, 0.5)).toThrow(/argument 'n'/);
  });
});

describe('foldIn', () => {
  it('is deterministic and depends on both arguments', () => {
    expect(foldIn(5, 1)).toBe(foldIn(5, 1));
    expect(foldIn(5, 1)).not.toBe(foldIn(5, 2));
    expect(foldIn(5, 1)).not.toBe(foldIn(6, 1));
  });

  it('differs from splitSeed at the same index', () => {
    const split = splitSeed(9, 100);
    const folded = Array.from({ length: 100 }, (_, i) => foldIn(9, i));
    expect(folded.filter((s, i) => s === split[i])).toEqual([]);
  });

  it('hashes strings, distinguishing order and length', () => {
    expect(foldIn(1, 'encoder')).toBe(foldIn(1, 'encoder'));
    const names = ['encoder', 'decoder', 'ab', 'ba', 'a', 'aa', ''];
    expect(new Set(names.map((n) => foldIn(1, n))).size).toBe(names.length);
  });

  it('rejects bad seeds and data', () => {
    expect(() => foldIn(-3, 1)).toThrow(/foldIn: argument 'seed'/);
    expect(() => foldIn(3, -1)).toThrow(/foldIn: argument 'data' must be an integer/);
    expect(() => foldIn(3, 0.25)).toThrow(/foldIn: argument 'data'/);
  });
});

describe('assertSeed', () => {
  it('names the function and argument', () => {
    expect(assertSeed(0, 'f')).toBe(0);
    expect(assertSeed(MAX_SEED, 'f')).toBe(MAX_SEED);
    expect(() => assertSeed(1.5, 'sample', 'options.seed')).toThrow(
      "sample: argument 'options.seed' must be an integer in [0, 4294967295], got 1.5",
    );
  });
});

describe('argument types and sizes (issue 10)', () => {
  it('caps splitSeed at 2^24 seeds with a clear error instead of running out of memory', () => {
    const started = Date.now();
    expect(() => splitSeed(42, 1e9)).toThrow(
      "splitSeed: argument 'n' must be at most 16777216 (2^24), got 1000000000; derive more seeds with foldIn(seed, i)",
    );
    expect(() => splitSeed(42, MAX_SPLIT + 1)).toThrow("splitSeed: argument 'n' must be at most 16777216");
    expect(Date.now() - started).toBeLessThan(1000);
    expect(() => splitSeed(42, '2' as never)).toThrow(
      "splitSeed: argument 'n' must be a non-negative integer, got '2'",
    );
  });

  it('foldIn takes an integer or a string, nothing else', () => {
    expect(() => foldIn(3, null as never)).toThrow(
      "foldIn: argument 'data' must be an integer in [0, 4294967295] or a string, got null",
    );
    expect(() => foldIn(3, [1] as never)).toThrow(
      "foldIn: argument 'data' must be an integer in [0, 4294967295] or a string, got an array",
    );
    expect(foldIn(3, '1')).not.toBe(foldIn(3, 1));
  });

  it('assertSeed names itself when the function or argument name is not a string', () => {
    expect(() => assertSeed(1, 3 as never)).toThrow("assertSeed: argument 'fn' must be a non-empty string, got 3");
    expect(() => assertSeed(1, 'f', null as never)).toThrow(
      "assertSeed: argument 'arg' must be a non-empty string, got null",
    );
  });

  it('threefry2x32 rejects words that are not uint32 instead of coercing them', () => {
    expect(() => threefry2x32('1' as never, 0, 0, 0)).toThrow(
      "threefry2x32: argument 'key0' must be an integer in [0, 4294967295], got the string '1'",
    );
    expect(() => threefry2x32(0, -1, 0, 0)).toThrow(
      "threefry2x32: argument 'key1' must be an integer in [0, 4294967295], got -1",
    );
    expect(() => threefry2x32(0, 0, 0.5, 0)).toThrow("threefry2x32: argument 'counter0'");
    expect(() => threefry2x32(0, 0, 0, 2 ** 32)).toThrow("threefry2x32: argument 'counter1'");
    // Random123 known-answer vector (20 rounds): zero key, zero counter.
    expect(threefry2x32(0, 0, 0, 0)).toEqual([0x6b200159, 0x99ba4efe]);
  });
});
