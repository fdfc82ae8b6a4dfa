import type { Seed } from '@proj/core';
import { halfImageMask, pixelMcarMask, randomRectangleMask } from '@proj/vaeac';
import type { EvaluationMask } from './config.js';

/** Side of an MNIST digit. */
export const SIDE = 28;

/**
 * Seeded evaluation masks [n·28·28] (1 = to inpaint) of one kind: random rectangles (area 30-100 %), one of the
 * four half images at random, or 50 % of the pixels (MCAR), from `@proj/vaeac`'s generators.
 */
export function evaluationMasks(kind: EvaluationMask, n: number, seed: Seed): Float32Array {
  switch (kind) {
    case 'rectangle':
      return randomRectangleMask(n, SIDE, SIDE, seed);
    case 'half':
      return halfImageMask(n, SIDE, SIDE, seed);
    case 'pixel':
      return pixelMcarMask(n, SIDE, SIDE, 0.5, seed);
  }
}

/** n masks hiding the bottom half (rows 14-27) of a 28 × 28 digit. O(n·784). */
export function bottomHalfMask(n: number): Float32Array {
  const out = new Float32Array(n * SIDE * SIDE);
  for (let i = 0; i < n; i++) out.fill(1, i * SIDE * SIDE + (SIDE / 2) * SIDE, (i + 1) * SIDE * SIDE);
  return out;
}
