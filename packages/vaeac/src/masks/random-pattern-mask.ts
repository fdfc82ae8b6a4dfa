import { assertOptions, foldIn, type Seed } from '@proj/core';
import { hostUniform } from '../internal/host-random.js';
import { assertNumber, assertObject } from '../internal/validate.js';
import { assertImageMaskArgs } from './image-mask-args.js';

/** Options of {@link randomPatternMask}. */
export interface PatternOptions {
  /** Mean fraction of unobserved pixels, in [0, 1] (default 0.25; each image draws density ± 0.05). */
  readonly density?: number;
}

/** Bilinear upsampling of a gh×gw grid (row-major at `offset`) to H×W, corners aligned. */
function upsample(
  grid: Float32Array,
  offset: number,
  gh: number,
  gw: number,
  height: number,
  width: number,
): Float32Array {
  const out = new Float32Array(height * width);
  for (let y = 0; y < height; y++) {
    const gy = height === 1 ? 0 : (y * (gh - 1)) / (height - 1);
    const y0 = Math.min(gh - 2, Math.floor(gy));
    const fy = gy - y0;
    for (let x = 0; x < width; x++) {
      const gx = width === 1 ? 0 : (x * (gw - 1)) / (width - 1);
      const x0 = Math.min(gw - 2, Math.floor(gx));
      const fx = gx - x0;
      const at = (r: number, c: number) => grid[offset + r * gw + c] as number;
      out[y * width + x] =
        (1 - fy) * ((1 - fx) * at(y0, x0) + fx * at(y0, x0 + 1)) +
        fy * ((1 - fx) * at(y0 + 1, x0) + fx * at(y0 + 1, x0 + 1));
    }
  }
  return out;
}

/**
 * "Random pattern" image masks [n, H, W] (1 = unobserved; Pathak et al. 2016, as in the VAEAC code): uniform
 * noise on a coarse grid (about 1/4 of the resolution) upsampled bilinearly, and the round(d·H·W) largest
 * pixels hidden, with d = density ± 0.05 per image: irregular blobs of the given density. Seeded.
 * O(n·H·W·log(H·W)).
 *
 * @throws Error naming `randomPatternMask` and the argument for bad sizes, seed or density.
 */
export function randomPatternMask(
  n: number,
  height: number,
  width: number,
  seed: Seed,
  options: PatternOptions = {},
): Float32Array {
  const fn = 'randomPatternMask';
  assertImageMaskArgs(fn, n, height, width, seed);
  const o = assertObject(options, fn, 'options');
  assertOptions(fn, o, ['density']);
  const density =
    o.density === undefined
      ? 0.25
      : assertNumber(o.density, fn, 'options.density', 'a number in [0, 1]', (x) => x >= 0 && x <= 1);
  const gh = Math.max(2, Math.round(height / 4) + 1);
  const gw = Math.max(2, Math.round(width / 4) + 1);
  const grid = hostUniform(n * gh * gw, seed);
  const jitter = hostUniform(n, foldIn(seed, 1));
  const pixels = height * width;
  const masks = new Float32Array(n * pixels);
  for (let i = 0; i < n; i++) {
    const d = Math.min(1, Math.max(0, density + ((jitter[i] as number) - 0.5) * 0.1));
    const noise = upsample(grid, i * gh * gw, gh, gw, height, width);
    const order = Array.from({ length: pixels }, (_, p) => p).sort(
      (a, b) => (noise[b] as number) - (noise[a] as number),
    );
    const count = Math.round(d * pixels);
    for (let k = 0; k < count; k++) masks[i * pixels + (order[k] as number)] = 1;
  }
  return masks;
}
