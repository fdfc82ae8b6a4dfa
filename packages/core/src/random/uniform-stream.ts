import type { Seed } from './seed.js';
import { threefryKeyParity, threefryUniform } from './threefry-uniform.js';

/**
 * A stream of float64 uniforms in (0, 1) for one element of a host-side sampler: the j-th draw is
 * Threefry-2x32 of the counter (element, j) under the key (seed, domain), turned into 53 random bits
 * ({@link threefryUniform}). Each element has its own stream, so a rejection sampler's results do not depend
 * on how many draws the other elements take, nor on the order they are computed in. Distinct `domain`s give
 * independent families.
 */
export function uniformStream(seed: Seed, domain: number, element: number): () => number {
  const parity = threefryKeyParity(seed, domain);
  let draw = 0;
  return () => threefryUniform(seed, domain, parity, element, draw++);
}
