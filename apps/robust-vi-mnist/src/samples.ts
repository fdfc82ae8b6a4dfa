import { IMAGE_SIZE } from '@proj/mnist';

/** Side of an MNIST image. */
export const SIDE = 28;

/**
 * Whether a decoder mean image (pixel probabilities, 784 values from `offset` in `probabilities`) is speckle
 * noise rather than a digit: its mean absolute difference from the constant noise image (every pixel
 * `intensity`) is below intensity / 2. The noise objects' decoder means sit at about 0 from it; a digit (about a
 * fifth of its pixels inked, the rest blank) at about 0.25 for intensity 0.13, a blank image at `intensity`.
 * O(784).
 */
export function isNoiseLike(probabilities: ArrayLike<number>, offset: number, intensity: number): boolean {
  let sum = 0;
  for (let j = 0; j < IMAGE_SIZE; j++) sum += Math.abs(probabilities[offset + j]! - intensity);
  return sum / IMAGE_SIZE < intensity / 2;
}

/** The fraction of the `n` images in `probabilities` [n, 784] that are {@link isNoiseLike}. O(n · 784). */
export function noiseLikeFraction(probabilities: ArrayLike<number>, n: number, intensity: number): number {
  let noisy = 0;
  for (let k = 0; k < n; k++) if (isNoiseLike(probabilities, k * IMAGE_SIZE, intensity)) noisy++;
  return noisy / n;
}

/** The first `n` images of `probabilities` [≥ n, 784] as bytes round(255·p), base64 (to keep in a unit's JSON). */
export function encodeImages(probabilities: ArrayLike<number>, n: number): string {
  const bytes = new Uint8Array(n * IMAGE_SIZE);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.round(255 * Math.min(1, Math.max(0, probabilities[i]!)));
  return Buffer.from(bytes).toString('base64');
}

/** Inverse of {@link encodeImages}: [n, 28, 28] pixel values in [0, 1], row-major. */
export function decodeImages(encoded: string): { readonly n: number; readonly values: Float32Array } {
  const bytes = Buffer.from(encoded, 'base64');
  return { n: bytes.length / IMAGE_SIZE, values: Float32Array.from(bytes, (b) => b / 255) };
}
