import type { RawShape } from '../shapes.js';

/**
 * The most numbers one call may allocate for a tensor or for all the cores it creates: 2^28 float32 (1 GiB).
 * Larger requests, such as a mode of size 2^31 or a rank of 10^9, are errors naming the function, not a
 * RangeError from a typed array or an abort of the wasm backend, whose heap is at most 4 GiB.
 */
export const MAX_TENSOR_SIZE = 2 ** 28;

/**
 * Checks that cores with these modes, ranks and batch size hold at most {@link MAX_TENSOR_SIZE} numbers in all.
 *
 * @throws Error naming `fn` with the number of entries the cores would hold.
 */
export function checkCoreSizes(
  rawShape: RawShape,
  ranks: readonly number[],
  batchSize: number | undefined,
  fn: string,
): void {
  const total = rawShape[0].reduce(
    (sum, _, k) => sum + (batchSize ?? 1) * ranks[k]! * rawShape.reduce((p, part) => p * part[k]!, 1) * ranks[k + 1]!,
    0,
  );
  checkSize(total, fn, `the cores would hold ${formatCount(total)} numbers`);
}

/** Throws, naming `fn` and saying `what`, when `size` numbers exceed {@link MAX_TENSOR_SIZE}. */
export function checkSize(size: number, fn: string, what: string): void {
  if (!(size <= MAX_TENSOR_SIZE)) {
    throw new Error(`${fn}: ${what}; the limit is 2^28 (1 GiB of float32) per call`);
  }
}

function formatCount(n: number): string {
  return Number.isSafeInteger(n) ? String(n) : n.toExponential(3);
}
