import { assertOptions, type Seed } from '@proj/core';
import { hostUniform } from '../internal/host-random.js';
import { assertNumber, assertObject } from '../internal/validate.js';
import { assertImageMaskArgs } from './image-mask-args.js';

/** Options of {@link randomRectangleMask}: the range of the rectangle's area as a fraction of the image. */
export interface RectangleOptions {
  /** Smallest area fraction, in (0, 1] (default 0.3). */
  readonly minArea?: number;
  /** Largest area fraction, in [minArea, 1] (default 1). */
  readonly maxArea?: number;
}

/**
 * Image masks [n, H, W] (1 = unobserved) with one axis-aligned rectangle per image whose area fraction a is
 * uniform in [minArea, maxArea] (the authors' random rectangle: 0.3..1): height fraction uniform in [a, 1],
 * width fraction a / height fraction, position uniform. Seeded. O(n·H·W).
 *
 * @throws Error naming `randomRectangleMask` and the argument for bad sizes, seed or area bounds.
 */
export function randomRectangleMask(
  n: number,
  height: number,
  width: number,
  seed: Seed,
  options: RectangleOptions = {},
): Float32Array {
  const fn = 'randomRectangleMask';
  assertImageMaskArgs(fn, n, height, width, seed);
  const o = assertObject(options, fn, 'options');
  assertOptions(fn, o, ['minArea', 'maxArea']);
  const minArea =
    o.minArea === undefined
      ? 0.3
      : assertNumber(o.minArea, fn, 'options.minArea', 'a number in (0, 1]', (x) => x > 0 && x <= 1);
  const maxArea =
    o.maxArea === undefined
      ? Math.max(1, minArea)
      : assertNumber(
          o.maxArea,
          fn,
          'options.maxArea',
          `a number in [minArea = ${minArea}, 1]`,
          (x) => x >= minArea && x <= 1,
        );
  const u = hostUniform(4 * n, seed);
  const masks = new Float32Array(n * height * width);
  for (let i = 0; i < n; i++) {
    const area = minArea + (u[4 * i] as number) * (maxArea - minArea);
    const heightFraction = area + (u[4 * i + 1] as number) * (1 - area);
    const h = Math.min(height, Math.max(1, Math.round(heightFraction * height)));
    const w = Math.min(width, Math.max(1, Math.round((area / heightFraction) * width)));
    const top = Math.min(height - h, Math.floor((u[4 * i + 2] as number) * (height - h + 1)));
    const left = Math.min(width - w, Math.floor((u[4 * i + 3] as number) * (width - w + 1)));
    for (let y = top; y < top + h; y++)
      masks.fill(1, i * height * width + y * width + left, i * height * width + y * width + left + w);
  }
  return masks;
}
