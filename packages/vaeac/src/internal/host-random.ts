import { randomNormal, randomUniform, type Seed } from '@proj/core';

/**
 * `count` uniform draws in [0, 1) from `seed`, on the host (core's seeded generator: the same on every backend).
 * O(count).
 */
export function hostUniform(count: number, seed: Seed): Float32Array {
  if (count === 0) return new Float32Array(0);
  const t = randomUniform([count], seed);
  try {
    return t.dataSync() as Float32Array;
  } finally {
    t.dispose();
  }
}

/** `count` standard normal draws from `seed`, on the host. O(count). */
export function hostNormal(count: number, seed: Seed): Float32Array {
  const t = randomNormal([count], seed);
  try {
    return t.dataSync() as Float32Array;
  } finally {
    t.dispose();
  }
}

/** A seeded permutation of 0..n−1 (Fisher-Yates over {@link hostUniform} draws). O(n). */
export function permutation(n: number, seed: Seed): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  if (n < 2) return order;
  const u = hostUniform(n, seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.min(i, Math.floor((u[i] ?? 0) * (i + 1)));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}
