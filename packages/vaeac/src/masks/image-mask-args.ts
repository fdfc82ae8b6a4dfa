import { assertSeed } from '@proj/core';
import { assertInteger } from '../internal/validate.js';

/** The most mask entries one call makes (n·H·W): 2^28 (1 GiB of float32). */
export const MAX_MASK_ENTRIES = 2 ** 28;

/**
 * Checks the common arguments of the image mask generators: n ≥ 0, height and width in [1, 4096], a seed, and
 * n·H·W ≤ 2^28.
 *
 * @throws Error naming `fn` and the argument otherwise.
 */
export function assertImageMaskArgs(fn: string, n: unknown, height: unknown, width: unknown, seed: unknown): void {
  assertInteger(n, fn, 'n', 0);
  assertInteger(height, fn, 'height', 1, 4096);
  assertInteger(width, fn, 'width', 1, 4096);
  assertSeed(seed, fn);
  if ((n as number) * (height as number) * (width as number) > MAX_MASK_ENTRIES) {
    throw new Error(
      `${fn}: n × height × width must be at most 2^28, got ${(n as number) * (height as number) * (width as number)}`,
    );
  }
}
