/** Side of the images the playground compresses: 256 = 4^4 pixels, a TT-matrix of shape [[4,4,4,4],[4,4,4,4]]. */
export const IMAGE_SIDE = 256;

/** The built-in pictures, drawn procedurally (no file to ship). */
export const BUILT_IN_IMAGES = ['rings', 'blocks', 'smooth'] as const;
export type BuiltInImage = (typeof BUILT_IN_IMAGES)[number];

/**
 * A built-in grayscale picture, IMAGE_SIDE² values in [0, 1], row-major. `rings`: concentric rings over a
 * diagonal ramp (high TT-rank), `blocks`: axis-aligned rectangles (low rank), `smooth`: a sum of separable
 * bumps (rank ≈ 3). O(side²).
 */
export function builtInImage(name: BuiltInImage): Float32Array {
  const n = IMAGE_SIDE;
  const pixels = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const y = i / (n - 1);
      const x = j / (n - 1);
      pixels[i * n + j] = pixel(name, x, y);
    }
  }
  return pixels;
}

function pixel(name: BuiltInImage, x: number, y: number): number {
  if (name === 'rings') {
    const r = Math.hypot(x - 0.45, y - 0.55);
    return 0.5 + 0.3 * Math.cos(40 * r) * Math.exp(-3 * r) + 0.2 * (x + y - 1);
  }
  if (name === 'blocks') {
    const inA = x > 0.1 && x < 0.55 && y > 0.15 && y < 0.7 ? 0.6 : 0;
    const inB = x > 0.4 && x < 0.9 && y > 0.5 && y < 0.85 ? 0.35 : 0;
    return 0.05 + inA + inB;
  }
  const bump = (t: number, c: number) => Math.exp(-((t - c) ** 2) / 0.02);
  return (bump(x, 0.3) * bump(y, 0.6) + 0.7 * bump(x, 0.7) * bump(y, 0.3) + 0.4 * Math.sin(6 * x) ** 2 * y) / 1.2;
}

/**
 * Converts RGBA pixels (a canvas's ImageData, IMAGE_SIDE² pixels) to grayscale values in [0, 1]
 * (Rec. 601 luma). O(side²).
 */
export function toGray(rgba: Uint8ClampedArray): Float32Array {
  const gray = new Float32Array(rgba.length / 4);
  for (let p = 0; p < gray.length; p++) {
    gray[p] = (0.299 * rgba[4 * p]! + 0.587 * rgba[4 * p + 1]! + 0.114 * rgba[4 * p + 2]!) / 255;
  }
  return gray;
}
