import { assertString } from '../validation/assert-args.js';
import { threefryBlock } from './threefry.js';

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
 * @throws Error naming `fn` and `arg` when `seed` is not an integer in [0, 2^32 - 1]; naming `assertSeed` when
 *   `fn` or `arg` is not a non-empty string.
 */
export function assertSeed(seed: unknown, fn: string, arg = 'seed'): Seed {
  assertString('assertSeed', 'fn', fn);
  assertString('assertSeed', 'arg', arg);
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new Error(`${fn}: argument '${arg}' must be an integer in [0, ${MAX_SEED}], got ${describeValue(seed)}`);
  }
  return seed;
}

/** The most seeds one {@link splitSeed} call returns: 2^24 (a 128 MiB array; beyond, derive with {@link foldIn}). */
export const MAX_SPLIT = 2 ** 24;

/**
 * Splits a seed into `n` independent seeds (JAX `random.split`): element i is Threefry-2x32 of the
 * counter i under the key (seed, split domain). O(n).
 *
 * @param n how many, an integer in [0, 2^24] ({@link MAX_SPLIT}).
 * @throws Error naming `splitSeed` and the argument for an invalid seed, or an `n` that is not an integer in
 *   [0, 2^24] (`splitSeed(42, 1e9)` would otherwise build a billion-element array and run out of memory).
 * @example
 * const [initSeed, dropoutSeed] = splitSeed(seed, 2);
 */
export function splitSeed(seed: Seed, n: number): Seed[] {
  assertSeed(seed, 'splitSeed');
  if (!Number.isInteger(n) || n < 0) {
    throw new Error(`splitSeed: argument 'n' must be a non-negative integer, got ${describeValue(n)}`);
  }
  if (n > MAX_SPLIT) {
    throw new Error(
      `splitSeed: argument 'n' must be at most ${MAX_SPLIT} (2^24), got ${n}; derive more seeds with foldIn(seed, i)`,
    );
  }
  return Array.from({ length: n }, (_, i) => threefryBlock(seed, SPLIT_DOMAIN, i, 0)[0]);
}

/**
 * Derives a new seed from `seed` and `data` (JAX `random.fold_in`), e.g. a step counter or a name:
 * `foldIn(seed, step)` gives a distinct stream per step. Strings are hashed to 32 bits first. O(len).
 *
 * @param data an integer in [0, 2^32 - 1] or a string.
 * @throws Error naming `foldIn` and the argument for an invalid seed, or `data` that is neither an integer in
 *   [0, 2^32 - 1] nor a string.
 */
export function foldIn(seed: Seed, data: number | string): Seed {
  assertSeed(seed, 'foldIn');
  if (typeof data === 'string') return threefryBlock(seed, FOLD_DOMAIN, hashString(data), 0)[0];
  if (typeof data !== 'number' || !Number.isInteger(data) || data < 0 || data > MAX_SEED) {
    throw new Error(
      `foldIn: argument 'data' must be an integer in [0, ${MAX_SEED}] or a string, got ${describeValue(data)}`,
    );
  }
  return threefryBlock(seed, FOLD_DOMAIN, data, 0)[0];
}

/** Hashes a string to 32 bits by chaining Threefry over its UTF-16 code units. */
function hashString(text: string): number {
  let state = threefryBlock(STRING_DOMAIN, text.length, 0, 0)[0];
  for (let i = 0; i < text.length; i++) {
    state = threefryBlock(STRING_DOMAIN, state, text.charCodeAt(i), i)[0];
  }
  return state;
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'function') return 'a function';
  return value !== null && typeof value === 'object' ? 'an object' : String(value);
}
