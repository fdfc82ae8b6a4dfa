import { threefry2x32 } from './threefry.js';

/**
 * A random seed: an integer in [0, 2^32 - 1]. Every random function of the project takes one explicitly;
 * the same seed always gives the same result. Derive independent seeds with {@link splitSeed} and
 * {@link foldIn}, never by reusing a seed for two draws.
 */
export type Seed = number;

/** Largest valid seed, 2^32 - 1. */
export const MAX_SEED = 0xffffffff;

const SPLIT_DOMAIN = 0x5eed5b17;
const FOLD_DOMAIN = 0xf01d1a7a;
const STRING_DOMAIN = 0x57a1f00d;

/**
 * Checks that `seed` is a valid {@link Seed} and returns it.
 *
 * @param seed the value to check.
 * @param fn the public function that received it, for the error message.
 * @param arg the argument name, for the error message.
 * @throws Error naming `fn` and `arg` when `seed` is not an integer in [0, 2^32 - 1].
 */
export function assertSeed(seed: unknown, fn: string, arg = 'seed'): Seed {
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new Error(`${fn}: argument '${arg}' must be an integer in [0, ${MAX_SEED}], got ${describeValue(seed)}`);
  }
  return seed;
}

/**
 * Splits a seed into `n` independent seeds (JAX `random.split`): element i is Threefry-2x32 of the
 * counter i under the key (seed, split domain). O(n).
 *
 * @example
 * const [initSeed, dropoutSeed] = splitSeed(seed, 2);
 */
export function splitSeed(seed: Seed, n: number): Seed[] {
  assertSeed(seed, 'splitSeed');
  if (!Number.isInteger(n) || n < 0) {
    throw new Error(`splitSeed: argument 'n' must be a non-negative integer, got ${describeValue(n)}`);
  }
  return Array.from({ length: n }, (_, i) => threefry2x32(seed, SPLIT_DOMAIN, i, 0)[0]);
}

/**
 * Derives a new seed from `seed` and `data` (JAX `random.fold_in`), e.g. a step counter or a name:
 * `foldIn(seed, step)` gives a distinct stream per step. Strings are hashed to 32 bits first. O(len).
 *
 * @param data an integer in [0, 2^32 - 1] or a string.
 */
export function foldIn(seed: Seed, data: number | string): Seed {
  assertSeed(seed, 'foldIn');
  const word = typeof data === 'string' ? hashString(data) : assertSeed(data, 'foldIn', 'data');
  return threefry2x32(seed, FOLD_DOMAIN, word, 0)[0];
}

/** Hashes a string to 32 bits by chaining Threefry over its UTF-16 code units. */
function hashString(text: string): number {
  let state = threefry2x32(STRING_DOMAIN, text.length, 0, 0)[0];
  for (let i = 0; i < text.length; i++) {
    state = threefry2x32(STRING_DOMAIN, state, text.charCodeAt(i), i)[0];
  }
  return state;
}

function describeValue(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}
