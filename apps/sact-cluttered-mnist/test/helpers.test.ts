import { initBackend } from '@proj/core';
import { IMAGE_SIZE, type MnistSet } from '@proj/mnist';
import { loadConfig } from '@proj/repro';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sactConfigSchema } from '../src/config.js';
import { clutteredMnist, INK_THRESHOLD } from '../src/data.js';
import { slug } from '../src/experiment.js';
import { app } from '../src/main.js';
import { createNet, decodeBackbone, disposeNet, encodeBackbone } from '../src/model.js';
import { ponderOverlay } from '../src/overlay.js';
import { imagePonder, summarizePonder } from '../src/ponder-metrics.js';
import { referenceSact, type VariantResult } from '../src/results.js';
import { auc, ranks, spearman, std } from '../src/statistics.js';
import { variantsOf } from '../src/variants.js';

beforeAll(async () => {
  await initBackend('cpu');
});

/** Two digits: a 4 × 3 block of ink at rows 10-13, columns 12-14, and a full 28 × 28 square of 0.5. */
function twoDigits(): MnistSet {
  const images = new Float32Array(2 * IMAGE_SIZE);
  for (let r = 10; r < 14; r++) for (let c = 12; c < 15; c++) images[r * 28 + c] = 1;
  images.fill(0.5, IMAGE_SIZE);
  return { n: 2, images, labels: Int32Array.from([3, 7]) };
}

describe('clutteredMnist', () => {
  it('places each digit whole on the canvas and keeps its ink box and mask; clutter never enters the mask', () => {
    const set = clutteredMnist(twoDigits(), { side: 40, fragments: 3, fragmentSide: 5 }, 11);
    expect(set.images.length).toBe(2 * 1600);
    const box = set.boxes[0]!;
    expect([box.bottom - box.top, box.right - box.left]).toEqual([4, 3]);
    const mask = set.digitMask.subarray(0, 1600);
    const canvas = set.images.subarray(0, 1600);
    let inMask = 0;
    for (let r = 0; r < 40; r++) {
      for (let c = 0; c < 40; c++) {
        const inside = r >= box.top && r < box.bottom && c >= box.left && c < box.right;
        expect(mask[r * 40 + c]).toBe(inside ? 1 : 0);
        if (inside) expect(canvas[r * 40 + c]).toBe(1);
        inMask += mask[r * 40 + c]!;
      }
    }
    expect(inMask).toBe(12);
    // The first digit's clutter comes from the 0.5 square: 3 fragments of 5 × 5 add at most 75 pixels of 0.5.
    const clutter = Array.from(canvas).filter((v) => v === 0.5).length;
    expect(clutter).toBeGreaterThan(0);
    expect(clutter).toBeLessThanOrEqual(75);
    // The second digit's ink box is its whole 28 × 28 square (0.5 > INK_THRESHOLD).
    expect(0.5).toBeGreaterThan(INK_THRESHOLD);
    const second = set.boxes[1]!;
    expect([second.bottom - second.top, second.right - second.left]).toEqual([28, 28]);
    expect(set.labels).toEqual(Int32Array.from([3, 7]));
  });

  it('is deterministic in its seed and rejects bad options', () => {
    const options = { side: 32, fragments: 2, fragmentSide: 4 };
    const a = clutteredMnist(twoDigits(), options, 5);
    expect(clutteredMnist(twoDigits(), options, 5)).toEqual(a);
    expect(clutteredMnist(twoDigits(), options, 6).images).not.toEqual(a.images);
    expect(() => clutteredMnist(twoDigits(), { ...options, side: 27 }, 5)).toThrow(
      "clutteredMnist: argument 'options.side' must be an integer ≥ 28, got 27",
    );
    expect(() => clutteredMnist(twoDigits(), { ...options, fragmentSide: 29 }, 5)).toThrow(
      "clutteredMnist: argument 'options.fragmentSide'",
    );
  });
});

describe('statistics', () => {
  it('ranks with mid-ranks, AUC and Spearman as counted by hand', () => {
    expect(Array.from(ranks([3, 1, 3, 2]))).toEqual([3.5, 1, 3.5, 2]);
    expect(auc([3, 4], [1, 2])).toBe(1);
    expect(auc([1, 1], [1, 1])).toBe(0.5);
    // Pairs (p, n): (0.9,0.1) (0.9,0.5) (0.9,0.9)=½ (0.5,0.1) (0.5,0.5)=½ (0.5,0.9)=0 → 4 / 6.
    expect(auc([0.9, 0.5], [0.1, 0.5, 0.9])).toBeCloseTo(4 / 6, 12);
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
    // Ranks x = [1, 2, 3], y = [1, 3, 2]: Pearson of the ranks = 0.5.
    expect(spearman([1, 2, 3], [5, 9, 7])).toBeCloseTo(0.5, 12);
    expect(spearman([1, 2, 3], [1, 1, 1])).toBeNaN();
    expect(std([1, 3])).toBe(1);
    expect(() => auc([], [1])).toThrow("auc: arguments 'positive' and 'negative' must be non-empty");
    expect(() => spearman([1], [1])).toThrow("spearman: arguments 'x' and 'y'");
  });
});

describe('ponder-map metrics', () => {
  it('box mass, excess mass, digit/background ratio and AUC of a 4 × 4 map, counted by hand', () => {
    // Floor 2; the box is the top-left 2 × 2; digit pixels (0,0) and (0,1).
    const map = [4, 4, 2, 2, 4, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3];
    const mask = [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    const p = imagePonder(map, 4, { top: 0, left: 0, bottom: 2, right: 2 }, mask, 2);
    expect(p.mean).toBe(40 / 16);
    expect(p.boxMass).toBe(15 / 40);
    // Excess over 2: box 2 + 2 + 2 + 1 = 7, outside 1 → 7/8.
    expect(p.boxExcessMass).toBe(7 / 8);
    expect(p.boxArea).toBe(4 / 16);
    expect([p.digitSum, p.digitPixels, p.backgroundSum, p.backgroundPixels]).toEqual([8, 2, 32, 14]);
    // Digits score 4 and 4; background holds one 4, two 3s and eleven 2s: (12 + 1 + ½) / 14 per digit pixel.
    expect(p.auc).toBeCloseTo(13.5 / 14, 12);
    const flat = imagePonder(new Array(16).fill(6), 4, { top: 0, left: 0, bottom: 2, right: 2 }, mask, 6);
    expect(flat.boxMass).toBe(0.25);
    expect(flat.boxExcessMass).toBeNaN();
    expect(flat.auc).toBe(0.5);
    const summary = summarizePonder([p, flat]);
    expect(summary.boxMass).toBeCloseTo((15 / 40 + 0.25) / 2, 12);
    expect(summary.boxExcessMass).toBe(7 / 8);
    expect(summary.digitToBackground).toBeCloseTo((8 + 12) / 4 / ((32 + 84) / 28), 12);
  });

  it('draws three panels per image with the box in red', () => {
    const images = new Float32Array(2 * 9).fill(0.5);
    const maps = Float32Array.from({ length: 18 }, (_, i) => i);
    const boxes = [
      { top: 0, left: 0, bottom: 3, right: 3 },
      { top: 1, left: 1, bottom: 2, right: 2 },
    ];
    const image = ponderOverlay(images, maps, boxes, 3, { scale: 1, columns: 2 });
    // Per image 3 panels of 3 plus 2 separators; 2 images and 3 gaps of 2.
    expect([image.width, image.height, image.channels]).toEqual([2 * 11 + 3 * 2, 3 + 2 * 2, 3]);
    const at = (x: number, y: number) =>
      Array.from(image.data.subarray((y * image.width + x) * 3, (y * image.width + x) * 3 + 3));
    expect(at(2, 2)).toEqual([128, 128, 128]);
    expect(at(2 + 8, 2)).toEqual([230, 40, 40]);
    expect(() => ponderOverlay(images, maps.subarray(1), boxes, 3)).toThrow(
      "ponderOverlay: arguments 'images' and 'maps'",
    );
  });
});

describe('variants and weights', () => {
  const config = sactConfigSchema.parse(loadConfig(app.configDir, 'smoke').config);

  it('lists the variants in run order; PACT τ = −ln(1 − π); slugs are file-name safe', () => {
    expect(variantsOf(config).map((v) => [v.id, v.method])).toEqual([
      ['plain', 'vanilla'],
      ['ACT τ=0.01', 'act'],
      ['SACT τ=0.01', 'sact'],
      ['SACT τ=0.05', 'sact'],
      ['PACT π=0.05', 'pact'],
    ]);
    expect(variantsOf(config)[4]!.tau).toBeCloseTo(-Math.log(0.95), 15);
    expect(slug('SACT τ=0.01')).toBe('sact-tau-0.01');
    expect(slug('PACT π=0.05')).toBe('pact-pi-0.05');
  });

  it('carries the plain backbone into an adaptive network exactly', () => {
    const before = tf.memory().numTensors;
    const plain = createNet(config, 'vanilla', 1);
    const sact = createNet(config, 'sact', 2);
    try {
      decodeBackbone(sact, encodeBackbone(plain));
      expect(sact.stem.dataSync()).toEqual(plain.stem.dataSync());
      expect(sact.stages[2]!.units[1]!.conv2.dataSync()).toEqual(plain.stages[2]!.units[1]!.conv2.dataSync());
      expect(sact.fcWeight.dataSync()).toEqual(plain.fcWeight.dataSync());
      const other = { ...config, model: { ...config.model, stemChannels: 2 } };
      const small = createNet(other, 'vanilla', 3);
      try {
        expect(() => decodeBackbone(small, encodeBackbone(plain))).toThrow("decodeBackbone: argument 'encoded'");
      } finally {
        disposeNet(small);
      }
    } finally {
      disposeNet(plain);
      disposeNet(sact);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('picks the reference SACT by accuracy and FLOPs only', () => {
    const result = (name: 'plain' | 'SACT', tau: number, accuracy: number, mflops: number) =>
      ({ variant: { id: `${name} ${tau}`, name, tau }, evaluation: { accuracy, mflops } }) as unknown as VariantResult;
    const plain = result('plain', 0, 0.95, 30);
    const results = [
      plain,
      result('SACT', 0.01, 0.948, 25),
      result('SACT', 0.02, 0.945, 20),
      result('SACT', 0.05, 0.9, 12),
    ];
    expect(referenceSact(results, 1)!.variant.tau).toBe(0.02);
    // None within 1 point: the most accurate, whatever its τ.
    expect(
      referenceSact(
        [plain, result('SACT', 0.05, 0.8, 12), result('SACT', 0.1, 0.9, 10), result('SACT', 0.2, 0.85, 8)],
        1,
      )!.variant.tau,
    ).toBe(0.1);
    expect(referenceSact([plain], 1)).toBeUndefined();
  });
});
