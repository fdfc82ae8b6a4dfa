import { threefry2x32 } from '@proj/core';

/**
 * The i-th uniform in (0, 1) of the stream (seed, domain): Threefry-2x32 of the counter (i, 0) under the key
 * (seed, domain), as 32 random bits plus one half. Counter-based, so draws need no state and do not depend on
 * the order they are taken in. O(1).
 */
export function seededUniform(seed: number, domain: number, i: number): number {
  return (threefry2x32(seed, domain, i, 0)[0] + 0.5) / 2 ** 32;
}
