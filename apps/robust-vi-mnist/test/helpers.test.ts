import { IMAGE_SIZE } from '@proj/mnist';
import { describe, expect, it } from 'vitest';
import { noiseCount, noiseFraction, parseRatio } from '../src/config.js';
import { meanIntensity, trainingObjects } from '../src/data.js';
import { decodeImages, encodeImages, isNoiseLike, noiseLikeFraction } from '../src/samples.js';
import { auc, mean } from '../src/statistics.js';
import { annealedLogAlpha } from '../src/train.js';

describe('auc', () => {
  it('is the fraction of (positive, negative) pairs ordered correctly, ties one half (counted by hand)', () => {
    expect(auc([3, 4], [1, 2])).toBe(1);
    expect(auc([1, 2], [3, 4])).toBe(0);
    expect(auc([1, 1], [1, 1])).toBe(0.5);
    // Pairs (p, n): (0.9,0.1) (0.9,0.5) (0.9,0.9)=½ (0.5,0.1) (0.5,0.5)=½ (0.5,0.9)=0 → 4 / 6.
    expect(auc([0.9, 0.5], [0.1, 0.5, 0.9])).toBeCloseTo(4 / 6, 12);
  });

  it('rejects an empty set, naming itself', () => {
    expect(() => auc([], [1])).toThrow("auc: arguments 'positive' and 'negative' must be non-empty, got 0 and 1");
  });
});

describe('ratios and data', () => {
  it('parses clean:noise and counts the noise objects', () => {
    const ratio = parseRatio('1:2');
    expect(ratio).toEqual({ label: '1:2', clean: 1, noise: 2 });
    expect(noiseCount(7000, ratio)).toBe(14_000);
    expect(noiseCount(7000, parseRatio('2:1'))).toBe(3500);
    expect(noiseFraction(ratio)).toBeCloseTo(2 / 3, 15);
    expect(noiseFraction(parseRatio('1:0'))).toBe(0);
  });

  it('adds noise objects binarized from a constant image, clean rows first', () => {
    const clean = new Float32Array(2 * IMAGE_SIZE).fill(0);
    clean.fill(1, 0, IMAGE_SIZE); // one all-ink digit, one blank digit
    expect(meanIntensity(clean)).toBe(0.5);
    const objects = trainingObjects(clean, 50, 0.13, 7);
    expect(objects.length).toBe(52 * IMAGE_SIZE);
    expect(mean(objects.subarray(0, IMAGE_SIZE))).toBe(1);
    expect(mean(objects.subarray(IMAGE_SIZE, 2 * IMAGE_SIZE))).toBe(0);
    const noise = objects.subarray(2 * IMAGE_SIZE);
    expect(new Set(noise)).toEqual(new Set([0, 1]));
    // 39,200 Bernoulli(0.13) pixels: standard error √(0.13·0.87/39200) ≈ 0.0017.
    expect(Math.abs(mean(noise) - 0.13)).toBeLessThan(0.01);
    // A fresh seed, a fresh binarization; the same seed, the same one.
    expect(trainingObjects(clean, 50, 0.13, 8)).not.toEqual(objects);
    expect(trainingObjects(clean, 50, 0.13, 7)).toEqual(objects);
    expect(() => trainingObjects(clean, 1.5, 0.13, 7)).toThrow("trainingObjects: argument 'noise'");
    expect(() => trainingObjects(clean, 1, 1.5, 7)).toThrow("trainingObjects: argument 'intensity'");
  });

  it('anneals log α linearly to its target, then holds it', () => {
    expect(annealedLogAlpha(-250, -1000, 100, 0)).toBe(-1000);
    expect(annealedLogAlpha(-250, -1000, 100, 50)).toBe(-625);
    expect(annealedLogAlpha(-250, -1000, 100, 100)).toBe(-250);
    expect(annealedLogAlpha(-250, -1000, 100, 500)).toBe(-250);
    expect(annealedLogAlpha(-250, -1000, 0, 1)).toBe(-250);
  });
});

describe('prior samples', () => {
  it('classifies the constant noise image as noise-like, a digit-like and a blank image not', () => {
    const noise = new Float32Array(IMAGE_SIZE).fill(0.14);
    const digit = new Float32Array(IMAGE_SIZE).fill(0.01);
    digit.fill(0.95, 300, 450); // 150 inked pixels, about a fifth
    const blank = new Float32Array(IMAGE_SIZE);
    expect(isNoiseLike(noise, 0, 0.13)).toBe(true);
    expect(isNoiseLike(digit, 0, 0.13)).toBe(false);
    expect(isNoiseLike(blank, 0, 0.13)).toBe(false);
    const three = new Float32Array(3 * IMAGE_SIZE);
    three.set(noise, 0);
    three.set(digit, IMAGE_SIZE);
    three.set(noise, 2 * IMAGE_SIZE);
    expect(noiseLikeFraction(three, 3, 0.13)).toBeCloseTo(2 / 3, 15);
  });

  it('round-trips images through bytes to within 1/510', () => {
    const images = Float32Array.from({ length: 2 * IMAGE_SIZE }, (_, i) => (i % 97) / 96);
    const { n, values } = decodeImages(encodeImages(images, 2));
    expect(n).toBe(2);
    for (let i = 0; i < values.length; i++)
      expect(Math.abs(values[i]! - images[i]!)).toBeLessThanOrEqual(1 / 510 + 1e-7);
  });
});
