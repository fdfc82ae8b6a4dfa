import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initBackend } from '@proj/core';
import { loadImageVaeac } from '@proj/vaeac';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { completeDigit } from '../src/inpaint/complete-digit.js';
import { presetMask, type ShippedModel, shippedDigit } from '../src/inpaint/shipped-model.js';
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
/** Completions are Bernoulli means in [0, 1] from a small conv net: float32 agreement across backends. */
const PIXEL_ATOL = 1e-3;

describe.skipIf(!BROWSER_AVAILABLE)('VAEAC inpainting in headless Chromium', () => {
  let browser: Browser;
  const server = { url: inject('siteUrl') };
  const shipped = JSON.parse(readFileSync(join(APP_ROOT, 'src', 'inpaint', 'model.txt'), 'utf8')) as ShippedModel;
  beforeAll(async () => {
    await initBackend('cpu');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const backend of ['wasm', 'webgl'] as const) {
    it(`completes a digit on ${backend} as Node's cpu backend does`, async () => {
      const query = `backend=${backend}&digit=2&mask=bottom&samples=4&seed=5`;
      const { page, errors, bytes } = await openPage(browser, `${server.url}/inpaint.html?${query}`);
      await waitDone(page);
      expect(await page.textContent('#backend-active')).toBe(backend);
      const got = (await page.evaluate(() => (window as unknown as { completions: number[] }).completions)) ?? [];

      const model = loadImageVaeac(shipped.model);
      const digit = shippedDigit(shipped, 2);
      const mask = presetMask('bottom');
      const node = completeDigit(model, { digit, mask, numSamples: 4, seed: 5 });
      model.dispose();
      expect(got.length).toBe(4 * 784);
      let worst = 0;
      let maskedSum = 0;
      for (const [k, image] of node.entries()) {
        for (const [p, v] of image.entries()) {
          worst = Math.max(worst, Math.abs(v - got[k * 784 + p]!));
          if (mask[p] === 0) expect(got[k * 784 + p]).toBe(digit[p]);
          else maskedSum += v;
        }
      }
      expect(worst).toBeLessThan(PIXEL_ATOL);
      const maskedMean = maskedSum / (4 * mask.reduce((a, b) => a + b, 0));
      expect(Math.abs((await shownValue(page, 'masked-mean')) - maskedMean)).toBeLessThan(PIXEL_ATOL);
      // Several completions, not one repeated: the prior's z differs between them.
      const spread = got.slice(0, 784).reduce((a, v, p) => a + Math.abs(v - got[784 + p]!), 0);
      expect(spread).toBeGreaterThan(1);
      const shot = backend === 'wasm' ? join(docsOut(), 'inpaint.png') : undefined;
      expect(await screenshotVariance(page, shot)).toBeGreaterThan(VARIANCE_FLOOR);
      expect(errors).toEqual([]);
      await recordBundleSize(`inpaint.html on ${backend}`, bytes);
      await page.close();
    });
  }
});
