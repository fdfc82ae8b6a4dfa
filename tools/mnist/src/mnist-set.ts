/** Pixels per image: 28 × 28. */
export const IMAGE_SIZE = 784;

/**
 * A set of MNIST digits: `images` row-major [n, 784] with values in [0, 1] (0 background, 1 ink), `labels` [n]
 * the digits 0-9.
 */
export interface MnistSet {
  readonly n: number;
  readonly images: Float32Array;
  readonly labels: Int32Array;
}

/**
 * The digits of `set` at `indices`, in that order (a copy). O(indices.length · 784).
 * @throws Error naming `selectDigits` for an index outside [0, n).
 */
export function selectDigits(set: MnistSet, indices: ArrayLike<number>): MnistSet {
  const images = new Float32Array(indices.length * IMAGE_SIZE);
  const labels = new Int32Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const j = indices[i]!;
    if (!Number.isInteger(j) || j < 0 || j >= set.n) {
      throw new Error(`selectDigits: argument 'indices' holds ${j} at ${i}, outside [0, ${set.n})`);
    }
    images.set(set.images.subarray(j * IMAGE_SIZE, (j + 1) * IMAGE_SIZE), i * IMAGE_SIZE);
    labels[i] = set.labels[j]!;
  }
  return { n: indices.length, images, labels };
}

/**
 * The first `count` digits of `set` (a copy): the smoke configs' "a few hundred digits". Of a split's sets, which
 * are shuffled, these are a random subset. O(count · 784).
 * @throws Error naming `takeDigits` unless count is an integer in [0, n].
 */
export function takeDigits(set: MnistSet, count: number): MnistSet {
  if (!Number.isInteger(count) || count < 0 || count > set.n) {
    throw new Error(`takeDigits: argument 'count' must be an integer in [0, ${set.n}], got ${count}`);
  }
  return selectDigits(
    set,
    Array.from({ length: count }, (_, i) => i),
  );
}
