import * as tf from '@tensorflow/tfjs-core';
import { describeValue } from '../validation/assert-args.js';

/**
 * Runs `fn` (sync or async) and asserts that it leaves no tensor behind: the only new tensors alive
 * afterwards must be those it returns (a tensor, or tensors reachable through the returned arrays and
 * objects, class instances included, as `tf.tidy` sees them).
 * The returned tensors are then disposed. Throws an Error with the number of leaked tensors.
 *
 * Counts `tf.memory().numTensors`, which is exact on every backend.
 *
 * @throws Error naming `expectNoLeaks` (a rejected promise) with the count of leaked tensors, or when `fn` is
 *   not a function.
 * @example
 * await expectNoLeaks(() => myOp(x));   // passes when myOp tidies its intermediates
 */
export async function expectNoLeaks(fn: () => unknown): Promise<void> {
  if (typeof fn !== 'function') {
    throw new Error(`expectNoLeaks: argument 'fn' must be a function, got ${describeValue(fn)}`);
  }
  const watermark = tf.scalar(0);
  const firstNewId = watermark.id + 1;
  watermark.dispose();
  const before = tf.memory().numTensors;
  const result = await fn();
  const after = tf.memory().numTensors;
  const returned = [...collectTensors(result, new Set())].filter((t) => t.id >= firstNewId && !t.isDisposed);
  tf.dispose(returned);
  const leaked = after - before - returned.length;
  if (leaked !== 0) {
    throw new Error(
      `expectNoLeaks: ${leaked > 0 ? `${leaked} tensor(s) leaked` : `${-leaked} tensor(s) disposed that existed before`} ` +
        `(tensors before ${before}, after ${after}, returned ${returned.length})`,
    );
  }
}

function collectTensors(value: unknown, seen: Set<tf.Tensor>, visited = new Set<object>()): Set<tf.Tensor> {
  if (value instanceof tf.Tensor) seen.add(value);
  else if (value !== null && typeof value === 'object' && !ArrayBuffer.isView(value) && !visited.has(value)) {
    visited.add(value);
    for (const item of Object.values(value)) collectTensors(item, seen, visited);
  }
  return seen;
}
