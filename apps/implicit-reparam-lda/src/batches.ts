import { type Seed, threefry2x32 } from '@proj/core';

/**
 * Mini-batches of row indices: each epoch a Fisher–Yates shuffle of 0..rows−1 keyed by (seed, epoch), consumed
 * `batchSize` at a time across epoch boundaries. Deterministic from the seed. O(batchSize) per call amortized.
 */
export function batchIndices(rows: number, batchSize: number, seed: Seed): () => number[] {
  let order: number[] = [];
  let epoch = 0;
  let position = rows;
  return () => {
    const batch: number[] = [];
    while (batch.length < batchSize) {
      if (position === rows) {
        order = Array.from({ length: rows }, (_, i) => i);
        for (let i = rows - 1; i > 0; i--) {
          const j = threefry2x32(seed, epoch, i, 0)[0] % (i + 1);
          [order[i], order[j]] = [order[j]!, order[i]!];
        }
        epoch++;
        position = 0;
      }
      batch.push(order[position++]!);
    }
    return batch;
  };
}
