import { expectClose } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { latestOnly } from '../src/common/worker-client.js';
import { compressImage, IMAGE_TT_SHAPE } from '../src/tt/compress-image.js';
import { builtInImage, IMAGE_SIDE } from '../src/tt/image.js';
import { addBatch, EMPTY_MOMENTS, variance } from '../src/variance/running-moments.js';

describe('running moments', () => {
  it('merging batches gives the two-pass mean and unbiased variance of all values', () => {
    const values = Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 100 + 1e4);
    let moments = EMPTY_MOMENTS;
    for (let start = 0; start < values.length; start += 137)
      moments = addBatch(moments, values.slice(start, start + 137));
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const direct = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1);
    expect(moments.count).toBe(1000);
    expect(moments.mean).toBeCloseTo(mean, 9);
    expect(variance(moments) / direct).toBeCloseTo(1, 12);
    expect(variance(addBatch(EMPTY_MOMENTS, [1]))).toBeNaN();
  });
});

describe('latestOnly', () => {
  it('runs the first call and then only the latest of the calls made meanwhile', async () => {
    const seen: number[] = [];
    let release = () => {};
    const run = latestOnly(async (n: number) => {
      seen.push(n);
      await new Promise<void>((resolve) => {
        release = resolve;
      });
    });
    run(1);
    run(2);
    run(3);
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    release();
    expect(seen).toEqual([1, 3]);
  });
});

describeBackends('compressImage', () => {
  it('counts the parameters of the cores, keeps ranks under the cap and is memory-neutral', () => {
    const before = tf.memory().numTensors;
    const result = compressImage(builtInImage('smooth'), { maxTTRank: 5 });
    expect(tf.memory().numTensors).toBe(before);
    const [m, n] = IMAGE_TT_SHAPE;
    const parameters = m.reduce((sum, mk, k) => sum + result.ranks[k]! * mk * n[k]! * result.ranks[k + 1]!, 0);
    expect(result.parameters).toBe(parameters);
    expect(result.compressionRatio).toBeCloseTo(IMAGE_SIDE ** 2 / parameters, 12);
    expect(Math.max(...result.ranks)).toBeLessThanOrEqual(5);
  });

  it('is exact at full rank and reports the error of its reconstruction', () => {
    const pixels = builtInImage('rings');
    const exact = compressImage(pixels, { maxTTRank: 64 });
    expect(exact.relativeError).toBeLessThan(1e-5);
    const coarse = compressImage(pixels, { maxTTRank: 2 });
    let diff = 0;
    let norm = 0;
    pixels.forEach((v, i) => {
      diff += (v - coarse.reconstruction[i]!) ** 2;
      norm += v * v;
    });
    expectClose(coarse.relativeError, Math.sqrt(diff / norm), { rtol: 1e-12 });
    expect(coarse.relativeError).toBeGreaterThan(0.01);
  });

  it('meets the tolerance epsilon when the rank cap does not bind', () => {
    const result = compressImage(builtInImage('rings'), { maxTTRank: 64, epsilon: 0.05 });
    expect(result.relativeError).toBeLessThanOrEqual(0.05 * 1.001);
    expect(result.parameters).toBeLessThan(IMAGE_SIDE ** 2);
  });

  it('names the function and argument for a wrong pixel count', () => {
    expect(() => compressImage(new Float32Array(10), { maxTTRank: 4 })).toThrow(/compressImage: argument 'pixels'/);
  });
});
