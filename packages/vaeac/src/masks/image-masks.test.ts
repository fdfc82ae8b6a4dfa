import { describeBackends } from '@proj/core/vitest';
import { expect, it } from 'vitest';
import { halfImageMask } from './half-image-mask.js';
import { imageMaskMixture } from './image-mask-mixture.js';
import { mcarMask } from './mcar-mask.js';
import { pixelMcarMask } from './pixel-mcar-mask.js';
import { randomPatternMask } from './random-pattern-mask.js';
import { randomRectangleMask } from './random-rectangle-mask.js';

const H = 12;
const W = 10;
const image = (masks: Float32Array, i: number) => Array.from(masks.subarray(i * H * W, (i + 1) * H * W));
const fraction = (pixels: number[]) => pixels.reduce((a, b) => a + b, 0) / pixels.length;

/** The bounding box of the ones of one image, and whether the box is full. */
function boundingBox(pixels: number[]): { area: number; full: boolean } {
  const ones = pixels.flatMap((v, p) => (v === 1 ? [[Math.floor(p / W), p % W] as const] : []));
  const ys = ones.map(([y]) => y);
  const xs = ones.map(([, x]) => x);
  const area = (Math.max(...ys) - Math.min(...ys) + 1) * (Math.max(...xs) - Math.min(...xs) + 1);
  return { area, full: area === ones.length };
}

describeBackends('mask generators', () => {
  it('mcarMask: fraction p, union with the data NaNs, seeded', () => {
    const m = mcarMask(400, 25, 0.3, 1);
    const rate = m.flat().filter(Boolean).length / 10_000;
    expect(Math.abs(rate - 0.3)).toBeLessThan(5 * Math.sqrt((0.3 * 0.7) / 10_000));
    expect(mcarMask(400, 25, 0.3, 1)).toEqual(m);
    expect(mcarMask(400, 25, 0.3, 2)).not.toEqual(m);
    const data = [
      [1, Number.NaN],
      [Number.NaN, 2],
    ];
    expect(mcarMask(2, 2, 0, 3, data)).toEqual([
      [false, true],
      [true, false],
    ]);
    expect(mcarMask(2, 2, 1, 3).flat().every(Boolean)).toBe(true);
  });

  it('randomRectangleMask: one full rectangle per image, area fraction within [minArea, maxArea] up to rounding', () => {
    const masks = randomRectangleMask(200, H, W, 4);
    expect(masks).toHaveLength(200 * H * W);
    for (let i = 0; i < 200; i++) {
      const { area, full } = boundingBox(image(masks, i));
      expect(full).toBe(true);
      expect(area / (H * W)).toBeGreaterThanOrEqual(0.3 - 0.15);
    }
    const small = randomRectangleMask(50, H, W, 5, { minArea: 0.1, maxArea: 0.2 });
    for (let i = 0; i < 50; i++) expect(fraction(image(small, i))).toBeLessThan(0.35);
    expect(randomRectangleMask(200, H, W, 4)).toEqual(masks);
  });

  it('halfImageMask: exactly one of the four halves, all four occur', () => {
    const masks = halfImageMask(100, H, W, 6);
    const halves = new Set<string>();
    for (let i = 0; i < 100; i++) {
      const pixels = image(masks, i);
      expect(fraction(pixels)).toBe(0.5);
      const top = pixels[0] === 1 && pixels[W - 1] === 1;
      const left = pixels[0] === 1 && pixels[(H - 1) * W] === 1;
      halves.add(top ? 'top' : left ? 'left' : pixels[H * W - 1] === 1 && pixels[W - 1] === 1 ? 'right' : 'bottom');
    }
    expect(halves.size).toBe(4);
  });

  it('randomPatternMask: density 0.25 ± 0.05 per image, seeded', () => {
    const masks = randomPatternMask(50, H, W, 7);
    for (let i = 0; i < 50; i++) {
      const f = fraction(image(masks, i));
      expect(f).toBeGreaterThanOrEqual(0.2 - 1 / (H * W));
      expect(f).toBeLessThanOrEqual(0.3 + 1 / (H * W));
    }
    expect(randomPatternMask(50, H, W, 7)).toEqual(masks);
    const dense = randomPatternMask(10, H, W, 8, { density: 0.7 });
    expect(fraction(Array.from(dense))).toBeGreaterThan(0.6);
  });

  it('pixelMcarMask: fraction p', () => {
    const masks = pixelMcarMask(100, H, W, 0.95, 9);
    expect(Math.abs(fraction(Array.from(masks)) - 0.95)).toBeLessThan(0.01);
  });

  it('imageMaskMixture: draws each kind by weight; a single kind reproduces that generator’s masks', () => {
    const halves = imageMaskMixture(30, H, W, 10, { half: 1 });
    for (let i = 0; i < 30; i++) expect(fraction(image(halves, i))).toBe(0.5);
    const mixed = imageMaskMixture(200, H, W, 11);
    expect(new Set(Array.from(mixed)).size).toBe(2);
    const fractions = Array.from({ length: 200 }, (_, i) => fraction(image(mixed, i)));
    expect(fractions.some((f) => f === 0.5)).toBe(true);
    expect(fractions.some((f) => f > 0.2 && f < 0.3)).toBe(true);
    expect(imageMaskMixture(200, H, W, 11)).toEqual(mixed);
  });
});
