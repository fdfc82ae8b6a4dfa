import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { expectClose } from '../testing/expect-close.js';
import { expectNoLeaks } from '../testing/expect-no-leaks.js';
import { describeBackends } from '../vitest/describe-backends.js';
import { backendProfile } from './backend-profile.js';
import { permute } from './permute.js';

/** A deterministic pseudo-random permutation of 0..n−1. */
function shuffled(n: number, salt: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = (i * 7919 + salt * 104729) % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

describeBackends('permute', (backend) => {
  it.each([2, 3, 4, 5, 6, 7, 8])('equals tf.transpose for random permutations of %d axes', (rank) => {
    for (let salt = 1; salt <= 6; salt++) {
      const shape = Array.from({ length: rank }, (_, i) => [2, 3, 1, 2, 3][(i + salt) % 5]!);
      const x = tf.randomNormal(shape, 0, 1, 'float32', salt + 10 * rank);
      const perm = shuffled(rank, salt);
      const result = permute(
        x,
        x.shape,
        perm,
        perm.map((p) => x.shape[p]!),
      );
      expect(result.shape).toEqual(perm.map((p) => shape[p]));
      expectClose(result, tf.transpose(x, perm), { rtol: 0, atol: 0 });
    }
  });

  it("uses transposes of at most the backend profile's axes (4 on wasm), is differentiable and leaks nothing", async () => {
    const x = tf.randomNormal([2, 3, 2, 3, 2, 3], 0, 1, 'float32', 1);
    const perm = [0, 3, 1, 4, 2, 5];
    const w = tf.randomNormal([2, 3, 3, 2, 2, 3], 0, 1, 'float32', 2);
    const kernels: string[] = [];
    const profile = await tf.profile(() => permute(x, x.shape, perm, [2, 3, 3, 2, 2, 3]));
    profile.kernels.forEach((k) => {
      if (k.name === 'Transpose') kernels.push(`${k.inputShapes[0]!.length}`);
    });
    expect(kernels.length).toBeGreaterThan(0);
    expect(kernels.every((rank) => Number(rank) <= backendProfile().maxTransposeRank)).toBe(true);
    if (backend === 'wasm') expect(backendProfile().maxTransposeRank).toBe(4);
    expectClose(
      tf.grad((t) => tf.sum(tf.mul(w, permute(t, t.shape, perm, w.shape))))(x),
      tf.grad((t) => tf.sum(tf.mul(w, tf.transpose(t, perm))))(x),
      { rtol: 0, atol: 0 },
    );
    await expectNoLeaks(() => permute(x, x.shape, perm, [36, 6]));
    expect(permute(tf.reshape(x, [6, 6, 6]), x.shape, perm, [6, 36]).shape).toEqual([6, 36]);
  });

  it('keeps the innermost block in place in every pass where a cheaper plan allows it (the TT-matmul layout)', async () => {
    // [a, i, a′, b, l, b′] → [a, b, i, l, a′, b′]: 6 runs, two passes on wasm; the cheap plan keeps b′ innermost
    // in the first and the block (l, a′, b′) innermost in the second (a moved innermost block costs 2-5x).
    const x = tf.randomNormal([4, 4, 4, 4, 4, 4], 0, 1, 'float32', 3);
    const perm = [0, 3, 1, 4, 2, 5];
    const profile = await tf.profile(() => permute(x, x.shape, perm, [16, 4, 4, 16]));
    const passes = profile.kernels.filter((k) => k.name === 'Transpose');
    expect(passes.length).toBe(backend === 'wasm' ? 2 : 1);
    expect(passes.map((k) => k.outputShapes[0]!.at(-1))).toEqual(passes.map((k) => k.inputShapes[0]!.at(-1)));
    expectClose(permute(x, x.shape, perm, [16, 4, 4, 16]), tf.reshape(tf.transpose(x, perm), [16, 4, 4, 16]), {
      rtol: 0,
      atol: 0,
    });
  });
});
