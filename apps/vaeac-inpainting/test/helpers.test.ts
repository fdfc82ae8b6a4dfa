import { describeBackends } from '@proj/core/vitest';
import { describe, expect, it } from 'vitest';
import { bottomHalfMask } from '../src/masks.js';
import { clip01, fillMasked, maskedPsnr, maskedSpread, meanOfPresent, pixelMeans } from '../src/psnr.js';
import { modeShares, toyData } from '../src/toy.js';

const f32 = (values: number[]) => Float32Array.from(values);

describe('masked-region PSNR and fills (hand-computed)', () => {
  it('maskedPsnr: 10 log10(1 / MSE) over the masked pixels only, per image; null without a masked pixel', () => {
    // Image 0: masked pixels 0 and 1, errors 0.5 and 0.5 (not 0.25 and 0.75: float32-exact): MSE 0.25 → 6.0206 dB.
    // Image 1: nothing masked. Image 2: one masked pixel, error 0.1 in float32 → 10·log10(1/0.01) ≈ 20 dB.
    const truth = f32([0, 1, 0.3, 0.3, 0, 0]);
    const completion = f32([0.5, 0.5, 0.9, 0.9, 0.1, 0]);
    const masks = f32([1, 1, 0, 0, 1, 0]);
    const psnr = maskedPsnr(truth, completion, masks, 2);
    expect(psnr[0]).toBeCloseTo(10 * Math.log10(4), 12);
    expect(psnr[1]).toBeNull();
    expect(psnr[2]).toBeCloseTo(10 * Math.log10(1 / Math.fround(0.1) ** 2), 10);
    expect(meanOfPresent([1, null, 3])).toBe(2);
    // A perfect completion: the MSE floor, 100 dB.
    expect(maskedPsnr(truth, truth, masks, 2)[0]).toBeCloseTo(100, 12);
    expect(() => maskedPsnr(truth, completion.subarray(1), masks, 2)).toThrow('maskedPsnr:');
  });

  it('pixelMeans, fillMasked, clip01, maskedSpread', () => {
    const images = f32([0, 1, 1, 0]);
    expect([...pixelMeans(images, 2)]).toEqual([0.5, 0.5]);
    expect([...fillMasked(images, f32([0, 1, 1, 0]), f32([0.25, 0.75]))]).toEqual([0, 0.75, 0.25, 0]);
    expect([...clip01(f32([-1, 0.5, 2]))]).toEqual([0, 0.5, 1]);
    // Two completions differing by 0.5 at the one masked pixel: std 0.25.
    expect(maskedSpread([f32([0, 0]), f32([0, 0.5])], f32([0, 1]))).toBeCloseTo(0.25, 12);
  });

  it('bottomHalfMask hides rows 14-27 of each 28 × 28 digit', () => {
    const m = bottomHalfMask(2);
    expect(m.length).toBe(2 * 784);
    expect(m.reduce((s, v) => s + v, 0)).toBe(2 * 392);
    expect(m[14 * 28 - 1]).toBe(0);
    expect(m[14 * 28]).toBe(1);
    expect(m[784]).toBe(0);
  });
});

describeBackends('bimodal toy', () => {
  it('toyData: x1 standard normal, x2 = ±x1 + noise with both signs, seeded', () => {
    const rows = toyData(2000, 0.01, 7);
    expect(rows).toEqual(toyData(2000, 0.01, 7));
    const m = rows.reduce((s, [x1]) => s + x1!, 0) / rows.length;
    const v = rows.reduce((s, [x1]) => s + (x1! - m) ** 2, 0) / rows.length;
    // Mean 0 ± 4 standard errors, variance 1 ± 4 standard errors (√(2/n)).
    expect(Math.abs(m)).toBeLessThan(4 / Math.sqrt(2000));
    expect(Math.abs(v - 1)).toBeLessThan(4 * Math.sqrt(2 / 2000));
    expect(rows.every(([x1, x2]) => Math.abs(Math.abs(x2!) - Math.abs(x1!)) < 0.06)).toBe(true);
    const positive = rows.filter(([x1, x2]) => x1! * x2! > 0).length / rows.length;
    expect(positive).toBeGreaterThan(0.45);
    expect(positive).toBeLessThan(0.55);
  });

  it('modeShares: near +|c|, near −|c|, between (|x2| < |c|/2)', () => {
    const s = modeShares(-0.8, [0.8, 0.7, -0.8, 0.1, -0.39]);
    expect(s).toMatchObject({ condition: -0.8, upper: 0.4, lower: 0.2, between: 0.4 });
    expect(s.mean).toBeCloseTo(0.082, 12);
  });
});
