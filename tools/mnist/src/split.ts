import { loadMnist } from './load-mnist.js';
import { type MnistSet, selectDigits } from './mnist-set.js';
import { mulberry32 } from './prng.js';

/** Digits in the training set of {@link mnistSplit}. */
export const TRAIN_COUNT = 8_000;
/** Digits in the test set of {@link mnistSplit}. */
export const TEST_COUNT = 2_000;
/** The fixed seed of the split's permutation. */
export const SPLIT_SEED = 20_180_612;

/**
 * A permutation of 0..n−1 by Fisher–Yates with {@link mulberry32} seeded by `seed` (i from n−1 down to 1 swaps i
 * with ⌊u·(i + 1)⌋). O(n).
 */
export function seededPermutation(n: number, seed: number): Int32Array {
  const next = mulberry32(seed);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}

/**
 * THE fixed train/test split of the project's MNIST digits: the 10,000 digits of {@link loadMnist} permuted by
 * {@link seededPermutation} with {@link SPLIT_SEED}; the first 8,000 are `train`, the last 2,000 `test`. Both are
 * in permuted order (so a prefix is a random subset), identical on every machine and every call. Not stratified:
 * each class holds roughly 80 % / 20 % of its digits.
 */
export function mnistSplit(): { readonly train: MnistSet; readonly test: MnistSet } {
  const all = loadMnist();
  const order = seededPermutation(all.n, SPLIT_SEED);
  return {
    train: selectDigits(all, order.subarray(0, TRAIN_COUNT)),
    test: selectDigits(all, order.subarray(TRAIN_COUNT)),
  };
}
