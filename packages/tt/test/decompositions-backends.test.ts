/**
 * Smoke tests of the SVD/QR-based functions (decompositions, norms, approximate sums, Kronecker) on every test
 * backend (cpu and wasm by default, see `describeBackends`): same results against dense references.
 */
import { det } from '@proj/core/linalg';
import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { addN } from '../src/approximate/add-n.js';
import { reduceSumBatch } from '../src/approximate/reduce-sum-batch.js';
import { orthogonalize } from '../src/decompositions/orthogonalize.js';
import { round } from '../src/decompositions/round.js';
import { toTTMatrix } from '../src/decompositions/to-tt-matrix.js';
import { toTTTensor } from '../src/decompositions/to-tt-tensor.js';
import { determinant } from '../src/kronecker/determinant.js';
import { inv } from '../src/kronecker/inv.js';
import { frobeniusNorm } from '../src/ops/frobenius-norm.js';
import { full } from '../src/ops/full.js';
import { renormalizeCores } from '../src/ops/renormalize-cores.js';
import { TensorTrain } from '../src/tensor-train.js';
import { hostDistance, hostNorm, randomBatch, randomTT } from './random-tt.js';

describeBackends('decompositions, norms, approximate sums and Kronecker', () => {
  it('toTTTensor, toTTMatrix, orthogonalize and round reproduce the dense tensors', async () => {
    const dense = tf.randomNormal([3, 4, 5], 0, 1, 'float32', 1);
    const tt = toTTTensor(dense, { maxTTRank: 20 });
    expectClose(full(tt), dense, { rtol: 1e-4, atol: 1e-5 });
    const matrix = tf.randomNormal([6, 8], 0, 1, 'float32', 2);
    expectClose(
      full(
        toTTMatrix(
          matrix,
          [
            [2, 3],
            [2, 4],
          ],
          { maxTTRank: 20 },
        ),
      ),
      matrix,
      { rtol: 1e-4, atol: 1e-5 },
    );
    const right = orthogonalize(tt, { leftToRight: false });
    expectClose(full(right), dense, { rtol: 1e-4, atol: 1e-5 });
    const rounded = round(tt, { epsilon: 0.3 });
    expect(hostDistance(full(rounded), dense)).toBeLessThanOrEqual(0.3 * hostNorm(dense));
    await expectNoLeaks(() => round(tt, { maxTTRank: 2 }));
  });

  it('norms, renormalizeCores, addN and reduceSumBatch', () => {
    const tt = randomTT([3, 4, 3], [1, 2, 2, 1], 3);
    expectClose(frobeniusNorm(tt), tf.norm(full(tt)), { rtol: 1e-5 });
    expectClose(frobeniusNorm(tt, { differentiable: true }), tf.norm(full(tt)), { rtol: 1e-5 });
    expectClose(full(renormalizeCores(tt)), full(tt), { rtol: 1e-5, atol: 1e-6 });
    expectClose(full(addN([tt, tt, tt], { maxTTRank: 4 })), tf.mul(3, full(tt)), { rtol: 1e-4, atol: 1e-4 });
    const batch = randomBatch([[3], [4], [3]], [1, 2, 2, 1], 3, 4);
    expectClose(full(reduceSumBatch(batch, { maxTTRank: 9 })), tf.sum(full(batch), 0), { rtol: 1e-4, atol: 1e-4 });
  });

  it('Kronecker determinant and inverse', () => {
    const a = tf.add(tf.randomNormal([2, 2], 0, 1, 'float32', 5), tf.mul(tf.eye(2), 2));
    const b = tf.add(tf.randomNormal([3, 3], 0, 1, 'float32', 6), tf.mul(tf.eye(3), 2));
    const kron = new TensorTrain([tf.reshape(a, [1, 2, 2, 1]), tf.reshape(b, [1, 3, 3, 1])]);
    expectClose(determinant(kron), det(full(kron)), { rtol: 1e-4 });
    expectClose(tf.matMul(full(inv(kron)), full(kron)), tf.eye(6), { atol: 1e-5 });
  });
});
