import { assertOptions, type Seed, splitSeed } from '@proj/core';
import { hostUniform } from '../internal/host-random.js';
import { assertNumber, assertObject } from '../internal/validate.js';
import { halfImageMask } from './half-image-mask.js';
import { assertImageMaskArgs } from './image-mask-args.js';
import { pixelMcarMask } from './pixel-mcar-mask.js';
import { randomPatternMask } from './random-pattern-mask.js';
import { randomRectangleMask } from './random-rectangle-mask.js';

/** Relative weights of the mask kinds in {@link imageMaskMixture} (non-negative, not all zero). */
export interface MaskMixtureWeights {
  /** Random rectangles, area 30-100% (default 2, as in the authors' ImageMaskGenerator). */
  readonly rectangle?: number;
  /** One of four half-images (default 1). */
  readonly half?: number;
  /** Random pattern, density 0.25 (default 1). */
  readonly pattern?: number;
  /** 50% per-pixel MCAR (default 1). */
  readonly pixel?: number;
}

const KINDS = ['rectangle', 'half', 'pattern', 'pixel'] as const;
const DEFAULT_WEIGHTS = { rectangle: 2, half: 1, pattern: 1, pixel: 1 };

/**
 * A mixture of image masks [n, H, W] (1 = unobserved): each image independently takes a random rectangle, a
 * half-image, a random pattern or a 50% pixel-MCAR mask with probability proportional to `weights` (default
 * 2:1:1:1, after the authors' ImageMaskGenerator and the CPU-scale plan). Seeded. O(n·H·W·log(H·W)).
 *
 * @throws Error naming `imageMaskMixture` and the argument for bad sizes or seed, negative or all-zero weights,
 *   or unknown weight names.
 */
export function imageMaskMixture(
  n: number,
  height: number,
  width: number,
  seed: Seed,
  weights: MaskMixtureWeights = DEFAULT_WEIGHTS,
): Float32Array {
  const fn = 'imageMaskMixture';
  assertImageMaskArgs(fn, n, height, width, seed);
  const w = assertObject(weights, fn, 'weights');
  assertOptions(fn, w, KINDS);
  const values = KINDS.map((kind) =>
    w[kind] === undefined ? 0 : assertNumber(w[kind], fn, `weights.${kind}`, 'a finite number ≥ 0', (x) => x >= 0),
  );
  const total = values.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new Error(`${fn}: argument 'weights' must have a positive weight, got all zeros`);
  const [kindSeed, ...seeds] = splitSeed(seed, 5) as [Seed, Seed, Seed, Seed, Seed];
  const u = hostUniform(n, kindSeed);
  const kinds = Array.from(u, (x) => {
    let acc = 0;
    for (let k = 0; k < KINDS.length; k++) {
      acc += (values[k] as number) / total;
      if (x < acc) return k;
    }
    return values.findLastIndex((v) => v > 0);
  });
  const pixels = height * width;
  const masks = new Float32Array(n * pixels);
  const makers = [
    (count: number, s: Seed) => randomRectangleMask(count, height, width, s),
    (count: number, s: Seed) => halfImageMask(count, height, width, s),
    (count: number, s: Seed) => randomPatternMask(count, height, width, s),
    (count: number, s: Seed) => pixelMcarMask(count, height, width, 0.5, s),
  ];
  makers.forEach((make, k) => {
    const members = kinds.flatMap((kind, i) => (kind === k ? [i] : []));
    if (members.length === 0) return;
    const made = make(members.length, seeds[k] as Seed);
    members.forEach((i, j) => {
      masks.set(made.subarray(j * pixels, (j + 1) * pixels), i * pixels);
    });
  });
  return masks;
}
