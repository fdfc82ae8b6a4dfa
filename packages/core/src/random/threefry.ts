import { assertInteger } from '../validation/assert-args.js';

const ROTATIONS = [13, 15, 26, 6, 17, 29, 16, 24] as const;
const KEY_PARITY = 0x1bd11bda;

const rotl32 = (x: number, r: number): number => ((x << r) | (x >>> (32 - r))) >>> 0;

/**
 * Threefry-2x32 with 20 rounds: a counter-based block cipher used as an integer hash (the generator JAX
 * uses for `split` and `fold_in`). Maps a 64-bit key and a 64-bit counter to 64 pseudo-random bits.
 *
 * All inputs and outputs are unsigned 32-bit integers. Cost: 20 rounds of add/rotate/xor, O(1).
 *
 * @throws Error naming `threefry2x32` and the argument when one is not an integer in [0, 2^32 − 1] (a string,
 *   NaN, a fraction or a negative number would otherwise be coerced to some other word silently).
 * @see Salmon, Moraes, Dror, Shaw. "Parallel random numbers: as easy as 1, 2, 3". SC 2011.
 */
export function threefry2x32(
  key0: number,
  key1: number,
  counter0: number,
  counter1: number,
): readonly [number, number] {
  const words = { key0, key1, counter0, counter1 };
  for (const [name, word] of Object.entries(words)) assertInteger('threefry2x32', name, word, { max: 0xffffffff });
  return threefryBlock(key0, key1, counter0, counter1);
}

/**
 * {@link threefry2x32} without the argument checks, for the hot loops of the samplers and seed functions
 * (their words are uint32 by construction). Internal.
 */
export function threefryBlock(
  key0: number,
  key1: number,
  counter0: number,
  counter1: number,
): readonly [number, number] {
  const ks = [key0 >>> 0, key1 >>> 0, (KEY_PARITY ^ key0 ^ key1) >>> 0] as const;
  let x0 = (counter0 + ks[0]) >>> 0;
  let x1 = (counter1 + ks[1]) >>> 0;
  for (let round = 0; round < 20; round++) {
    x0 = (x0 + x1) >>> 0;
    x1 = rotl32(x1, ROTATIONS[round % 8] as number);
    x1 = (x1 ^ x0) >>> 0;
    if (round % 4 === 3) {
      const injection = (round + 1) / 4;
      x0 = (x0 + ks[injection % 3]!) >>> 0;
      x1 = (x1 + ks[(injection + 1) % 3]! + injection) >>> 0;
    }
  }
  return [x0, x1];
}
