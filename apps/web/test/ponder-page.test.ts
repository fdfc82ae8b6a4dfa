import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { adaptiveResNetVariables } from '@proj/adaptive-compute';
import { initBackend } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { decodeFloat32, loadSact } from '../src/ponder/load-sact.js';
import { ponderImage } from '../src/ponder/ponder-image.js';
import { ponderPanels, viridis } from '../src/ponder/ponder-panels.js';
import { type ShippedSact, shippedImage } from '../src/ponder/shipped-sact.js';
import {
  APP_ROOT,
  BROWSER_AVAILABLE,
  docsOut,
  launchChromium,
  openPage,
  recordBundleSize,
  screenshotVariance,
  shownValue,
  waitDone,
} from './harness.js';

const VARIANCE_FLOOR = 50;
/** Ponder costs are sums of halting scores (sigmoids) and unit counts, a few units: float32 agreement across backends. */
const PONDER_ATOL = 1e-3;
const IMAGE = 3;

describe.skipIf(!BROWSER_AVAILABLE)('SACT ponder maps in headless Chromium', () => {
  let browser: Browser;
  const server = { url: inject('siteUrl') };
  const shipped = JSON.parse(readFileSync(join(APP_ROOT, 'src', 'ponder', 'model.txt'), 'utf8')) as ShippedSact;
  beforeAll(async () => {
    await initBackend('cpu');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const backend of ['wasm', 'webgl'] as const) {
    it(`draws the ponder map of a canvas on ${backend} as Node's cpu backend computes it`, async () => {
      const { page, errors, bytes } = await openPage(
        browser,
        `${server.url}/ponder.html?backend=${backend}&image=${IMAGE}`,
      );
      await waitDone(page);
      expect(await page.textContent('#backend-active')).toBe(backend);
      const got = (await page.evaluate(() => (window as unknown as { ponderMap: number[] }).ponderMap)) ?? [];

      const before = tf.memory().numTensors;
      const net = loadSact(shipped.net);
      const node = ponderImage(net, shippedImage(shipped, IMAGE), shipped.side);
      tf.dispose(adaptiveResNetVariables(net));
      expect(tf.memory().numTensors).toBe(before);

      expect(got.length).toBe(shipped.side * shipped.side);
      let worst = 0;
      for (const [p, v] of node.map.entries()) worst = Math.max(worst, Math.abs(v - got[p]!));
      expect(worst).toBeLessThan(PONDER_ATOL);
      const mean = node.map.reduce((a, v) => a + v, 0) / node.map.length;
      expect(Math.abs((await shownValue(page, 'mean-ponder')) - mean)).toBeLessThan(PONDER_ATOL);
      const predicted = node.probabilities.indexOf(Math.max(...node.probabilities));
      expect(await shownValue(page, 'predicted')).toBe(predicted);
      expect(Math.abs((await shownValue(page, 'probability')) - node.probabilities[predicted]!)).toBeLessThan(1e-4);
      expect(await shownValue(page, 'tau')).toBe(shipped.tau);
      // A spatial map, not a constant: SACT spends more computation at some positions than at others.
      expect(Math.max(...node.map) - Math.min(...node.map)).toBeGreaterThan(0.1);
      const shot = backend === 'wasm' ? join(docsOut(), 'ponder.png') : undefined;
      expect(await screenshotVariance(page, shot)).toBeGreaterThan(VARIANCE_FLOOR);
      expect(errors).toEqual([]);
      await recordBundleSize(`ponder.html on ${backend}`, bytes);
      await page.close();
    });
  }
});

describe('ponder page functions in Node (cpu)', () => {
  const shipped = JSON.parse(readFileSync(join(APP_ROOT, 'src', 'ponder', 'model.txt'), 'utf8')) as ShippedSact;
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it("ships 8 canvases whose digit boxes hold ink, and float32 weights that decode as Node's Buffer reads them", () => {
    const { side } = shipped;
    expect(shipped.labels).toHaveLength(8);
    expect(shipped.images).toHaveLength(8 * side * side);
    for (const [i, box] of shipped.boxes.entries()) {
      expect(0 <= box.top && box.top < box.bottom && box.bottom <= side).toBe(true);
      expect(0 <= box.left && box.left < box.right && box.right <= side).toBe(true);
      const image = shippedImage(shipped, i);
      let ink = 0;
      for (let r = box.top; r < box.bottom; r++) for (let c = box.left; c < box.right; c++) ink += image[r * side + c]!;
      expect(ink).toBeGreaterThan(5);
    }
    const bytes = Buffer.from(shipped.net.weights, 'base64');
    const expected = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    expect(decodeFloat32(shipped.net.weights)).toEqual(expected);
    expect(() => shippedImage(shipped, 8)).toThrow("shippedImage: argument 'index' must be an integer in [0, 8)");
  });

  it("computes a map whose mean is the sum of the stages' mean ρ, memory-neutral, also on bad input", () => {
    const before = tf.memory().numTensors;
    const net = loadSact(shipped.net);
    try {
      const { map, probabilities, stagePonder } = ponderImage(net, shippedImage(shipped, 0), shipped.side);
      // Nearest upsampling by 2, 4 and 8 repeats each stage's ρ equally often: the map's mean is Σ stage means.
      const mean = map.reduce((a, v) => a + v, 0) / map.length;
      expect(Math.abs(mean - stagePonder.reduce((a, v) => a + v, 0))).toBeLessThan(1e-5);
      // SACT's ρ per position lies in [1, L + 1] per stage (L = 2 units): 3 stages.
      for (const v of map) expect(v >= 3 - 1e-5 && v <= 9 + 1e-5).toBe(true);
      expect(probabilities.reduce((a, v) => a + v, 0)).toBeCloseTo(1, 5);
      expect(() => ponderImage(net, new Float32Array(5), shipped.side)).toThrow(
        "ponderImage: argument 'image' must hold 32 × 32 values, got 5",
      );
    } finally {
      tf.dispose(adaptiveResNetVariables(net));
    }
    expect(() => loadSact({ ...shipped.net, weights: shipped.net.weights.slice(0, 8) })).toThrow(
      "loadSact: argument 'shipped.weights' holds 1 values",
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it('draws the canvas in gray, the map in viridis over its range and the box in red on the overlay', () => {
    const image = Float32Array.from({ length: 16 }, (_, p) => p / 15);
    const map = Float32Array.from({ length: 16 }, (_, p) => (p === 5 ? 9 : 3));
    const box = { top: 1, left: 1, bottom: 3, right: 3 };
    const { canvas, heat, overlay } = ponderPanels(image, map, box, 4);
    expect(Array.from(canvas.subarray(4 * 15, 4 * 16))).toEqual([255, 255, 255, 255]);
    expect(Array.from(heat.subarray(4 * 5, 4 * 6))).toEqual([253, 231, 37, 255]);
    expect(Array.from(heat.subarray(0, 4))).toEqual([68, 1, 84, 255]);
    // The 2 × 2 box is all edge: red there, the half-and-half blend of map and gray elsewhere.
    for (const p of [5, 6, 9, 10]) expect(Array.from(overlay.subarray(4 * p, 4 * p + 4))).toEqual([230, 40, 40, 255]);
    const g = Math.round((255 * 15) / 15);
    expect(Array.from(overlay.subarray(4 * 15, 4 * 16))).toEqual([
      ...viridis(0).map((h) => Math.round(0.5 * h + 0.5 * g)),
      255,
    ]);
    expect(() => ponderPanels(image, new Float32Array(3), box, 4)).toThrow(
      "ponderPanels: arguments 'image' and 'map' must hold 4 × 4 values, got 16 and 3",
    );
  });
});
