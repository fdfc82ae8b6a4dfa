import { join } from 'node:path';
import { initBackend } from '@proj/core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { exactGradient } from '../src/variance/costs.js';
import { variance } from '../src/variance/running-moments.js';
import { streamVariance, type VarianceOptions } from '../src/variance/variance-stream.js';
import {
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
/** Relative agreement of the streamed statistics with Node's cpu backend (same draws, float32 arithmetic). */
const FLOAT32_RTOL = 1e-4;

describe.skipIf(!BROWSER_AVAILABLE)('gradient-variance explorer in headless Chromium', () => {
  let browser: Browser;
  const server = { url: inject('siteUrl') };
  beforeAll(async () => {
    await initBackend('cpu');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const options: VarianceOptions = { cost: 'cos', k: 3, mu: 1, sigma: 1, batchSize: 200, batches: 5, seed: 7 };
  for (const backend of ['wasm', 'webgl'] as const) {
    it(`streams the three estimators on ${backend}, matching Node's cpu backend`, async () => {
      const query = `backend=${backend}&cost=cos&k=3&mu=1&sigma=1&batch=200&batches=5&seed=7`;
      const { page, errors, bytes } = await openPage(browser, `${server.url}/variance.html?${query}`);
      await waitDone(page);
      expect(await page.textContent('#backend-active')).toBe(backend);
      expect(await shownValue(page, 'samples')).toBe(1000);
      const [dMu, dSigma] = exactGradient('cos', 3, 1, 1);
      expect(await shownValue(page, 'exact-loc')).toBeCloseTo(dMu, 12);
      expect(await shownValue(page, 'exact-scale')).toBeCloseTo(dSigma, 12);

      const node = await streamVariance(options, () => {});
      for (const [e, { loc, scale }] of node.stats.entries()) {
        const pairs: [string, number][] = [
          [`mean-loc-${e}`, loc.mean],
          [`var-loc-${e}`, variance(loc)],
          [`mean-scale-${e}`, scale.mean],
          [`var-scale-${e}`, variance(scale)],
        ];
        for (const [id, expected] of pairs) {
          const got = await shownValue(page, id);
          // Means of single-sample estimates cancel: scale the tolerance by the estimates' spread too.
          const spread = Math.sqrt(id.startsWith('mean-loc') ? variance(loc) : variance(scale));
          expect(Math.abs(got - expected), `${id} on ${backend}`).toBeLessThan(
            FLOAT32_RTOL * (Math.abs(expected) + spread),
          );
        }
      }
      const shot = backend === 'wasm' ? join(docsOut(), 'variance.png') : undefined;
      expect(await screenshotVariance(page, shot)).toBeGreaterThan(VARIANCE_FLOOR);
      expect(errors).toEqual([]);
      await recordBundleSize(`variance.html on ${backend}`, bytes);
      await page.close();
    });
  }
});
