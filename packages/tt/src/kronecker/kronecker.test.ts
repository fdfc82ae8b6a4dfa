import { cholesky as denseCholesky, inv as denseInv, det, slogdet } from '@proj/core/linalg';
import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { randomTT, randomTTMatrix } from '../../test/random-tt.js';
import { full } from '../ops/full.js';
import { TensorTrain } from '../tensor-train.js';
import { TensorTrainBatch } from '../tensor-train-batch.js';
import { cholesky } from './cholesky.js';
import { determinant } from './determinant.js';
import { inv } from './inv.js';
import { slogDeterminant } from './slog-determinant.js';

/** Factors [n, n] (or [B, n, n]) with entries N(0, 1) + 2·I: well conditioned, determinants of both signs. */
function factors(sizes: readonly number[], seed: number, batch?: number): tf.Tensor[] {
  return sizes.map((n, k) => {
    const lead = batch === undefined ? [] : [batch];
    const noise = tf.randomNormal([...lead, n, n], 0, 1, 'float32', seed + k);
    return tf.add(noise, tf.mul(tf.eye(n), k % 2 === 0 ? 2 : -2));
  });
}

/** Symmetric positive-definite factors a·aᵀ + n·I. */
function spdFactors(sizes: readonly number[], seed: number, batch?: number): tf.Tensor[] {
  return factors(sizes, seed, batch).map((a) => {
    const rank = a.rank;
    const order = rank === 2 ? [1, 0] : [0, 2, 1];
    return tf.add(tf.matMul(a, tf.transpose(a, order)), tf.mul(tf.eye(a.shape[rank - 1]!), a.shape[rank - 1]!));
  });
}

/** The Kronecker TT-matrix of factors (cores [1, n, n, 1], or [B, 1, n, n, 1]). */
function kronecker(fs: readonly tf.Tensor[]): TensorTrain | TensorTrainBatch {
  const batched = fs[0]!.rank === 3;
  const cores = fs.map((f) => (batched ? tf.expandDims(tf.expandDims(f, 1), -1) : tf.reshape(f, [1, ...f.shape, 1])));
  return batched ? new TensorTrainBatch(cores) : new TensorTrain(cores);
}

const SHAPES = [[3], [2, 3], [2, 2, 2], [3, 1, 2]];

describeBackends(
  'kronecker',
  () => {
    describe('kronecker determinant and slogDeterminant', () => {
      it.each(SHAPES)('factors of sizes %j: equal det and slogdet of the dense matrix', (...sizes) => {
        const kron = kronecker(factors(sizes, 1));
        const dense = full(kron);
        const { sign, logAbsDet } = slogdet(dense);
        expect(determinant(kron).shape).toEqual([]);
        expectClose(determinant(kron), det(dense), { rtol: 1e-4 });
        const result = slogDeterminant(kron);
        expectClose(result.sign, sign);
        expectClose(result.logAbsDet, logAbsDet, { rtol: 1e-5, atol: 1e-5 });
      });

      it('takes the sign to the exact power N/n_k: negative factors, even and odd powers', () => {
        // diag(−1, 1) ⊗ I_3: det = (−1)^3 = −1; I_3 ⊗ diag(−1, 1): same; diag(−1, 1) ⊗ I_2: (−1)^2 = 1.
        const flip = tf.tensor2d([
          [-1, 0],
          [0, 1],
        ]);
        expectClose(determinant(kronecker([flip, tf.eye(3)])), -1);
        expectClose(determinant(kronecker([tf.eye(3), flip])), -1);
        expectClose(determinant(kronecker([flip, tf.eye(2)])), 1);
        expectClose(slogDeterminant(kronecker([flip, tf.eye(2)])).sign, 1);
        const singular = kronecker([
          tf.tensor2d([
            [1, 2],
            [2, 4],
          ]),
          tf.eye(2),
        ]);
        expectClose(determinant(singular), 0);
        expectClose(slogDeterminant(singular).sign, 0);
        expectClose(slogDeterminant(singular).logAbsDet, Number.NEGATIVE_INFINITY);
      });

      it('batches give one value per element', () => {
        const kron = kronecker(factors([2, 3], 2, 4)) as TensorTrainBatch;
        const dense = full(kron);
        expect(determinant(kron).shape).toEqual([4]);
        expectClose(determinant(kron), det(dense), { rtol: 1e-4 });
        const { sign, logAbsDet } = slogDeterminant(kron);
        expectClose(sign, slogdet(dense).sign);
        expectClose(logAbsDet, slogdet(dense).logAbsDet, { rtol: 1e-5, atol: 1e-5 });
      });

      it('slogDeterminant stays finite where determinant overflows float32', () => {
        // Four 4×4 factors with det 10: det = 10^(4·64) = 1e256, far beyond float32's 3.4e38.
        const factor = tf.mul(tf.eye(4), 10 ** 0.25);
        const kron = kronecker([factor, factor, factor, factor]);
        expectClose(determinant(kron), Number.POSITIVE_INFINITY);
        const { sign, logAbsDet } = slogDeterminant(kron);
        expectClose(sign, 1);
        expectClose(logAbsDet, 256 * Math.log(10), { rtol: 1e-6 });
      });

      it('has the gradients of det and slogdet of the dense matrix', () => {
        const fs = factors([2, 3], 3);
        const viaKron = tf.grads((...f: tf.Tensor[]) => determinant(kronecker(f)))(fs);
        const viaDense = tf.grads((...f: tf.Tensor[]) => det(full(kronecker(f))))(fs);
        viaKron.forEach((g, k) => {
          expectClose(g, viaDense[k]!, { rtol: 1e-3, atol: 1e-3 });
        });
        const logKron = tf.grads((...f: tf.Tensor[]) => slogDeterminant(kronecker(f)).logAbsDet)(fs);
        const logDense = tf.grads((...f: tf.Tensor[]) => slogdet(full(kronecker(f))).logAbsDet)(fs);
        logKron.forEach((g, k) => {
          expectClose(g, logDense[k]!, { rtol: 1e-4, atol: 1e-5 });
        });
      });
    });

    describe('kronecker inv and cholesky', () => {
      it.each(SHAPES)('inv of factors %j equals the inverse of the dense matrix', (...sizes) => {
        const kron = kronecker(factors(sizes, 4));
        const result = inv(kron);
        expect(result.ranks).toEqual(kron.ranks);
        expect(result.rawShape).toEqual(kron.rawShape);
        expectClose(full(result), denseInv(full(kron)), { rtol: 1e-4, atol: 1e-5 });
      });

      it.each(SHAPES)('cholesky of SPD factors %j equals the Cholesky factor of the dense matrix', (...sizes) => {
        const kron = kronecker(spdFactors(sizes, 5));
        const result = cholesky(kron);
        expect(result.ranks).toEqual(kron.ranks);
        expectClose(full(result), denseCholesky(full(kron)), { rtol: 1e-4, atol: 1e-5 });
      });

      it('batches, element by element', () => {
        const kron = kronecker(spdFactors([2, 3], 6, 3)) as TensorTrainBatch;
        const inverse = inv(kron);
        expect(inverse).toBeInstanceOf(TensorTrainBatch);
        expectClose(full(inverse), denseInv(full(kron)), { rtol: 1e-4, atol: 1e-5 });
        const factor = cholesky(kron);
        expect(factor.batchSize).toBe(3);
        expectClose(full(factor), denseCholesky(full(kron)), { rtol: 1e-4, atol: 1e-5 });
      });

      it('have the gradients of the dense inverse and Cholesky factor', () => {
        const fs = factors([2, 3], 7);
        const weights = tf.randomNormal([6, 6], 0, 1, 'float32', 8);
        const lossKron = (...f: tf.Tensor[]) => tf.sum(tf.mul(full(inv(kronecker(f))), weights));
        const lossDense = (...f: tf.Tensor[]) => tf.sum(tf.mul(denseInv(full(kronecker(f))), weights));
        const viaKron = tf.grads(lossKron)(fs);
        const viaDense = tf.grads(lossDense)(fs);
        viaKron.forEach((g, k) => {
          expectClose(g, viaDense[k]!, { rtol: 1e-3, atol: 1e-4 });
        });
        // Cholesky reads a lower triangle; compare on symmetrized inputs, where both are the true derivative.
        const sym = (f: tf.Tensor) => tf.add(tf.div(tf.add(f, tf.transpose(f)), 2), tf.mul(tf.eye(f.shape[0]!), 4));
        const cholKron = tf.grads((...f: tf.Tensor[]) =>
          tf.sum(tf.mul(full(cholesky(kronecker(f.map(sym)))), weights)),
        )(fs);
        const cholDense = tf.grads((...f: tf.Tensor[]) =>
          tf.sum(tf.mul(denseCholesky(full(kronecker(f.map(sym)))), weights)),
        )(fs);
        cholKron.forEach((g, k) => {
          expectClose(g, cholDense[k]!, { rtol: 1e-3, atol: 1e-4 });
        });
      });
    });

    describe('kronecker errors and leaks', () => {
      it.each([
        ['kroneckerDeterminant', determinant],
        ['kroneckerSlogDeterminant', slogDeterminant],
        ['kroneckerInv', inv],
        ['kroneckerCholesky', cholesky],
      ] as const)('%s rejects what is not a Kronecker product of square matrices', (name, fn) => {
        const f = fn as (x: unknown) => unknown;
        expect(() => f(randomTT([2, 3], [1, 1, 1], 9))).toThrow(
          `${name}: argument 'kron' must be a TT-matrix (a Kronecker product), got a TT-tensor of shape [2,3]`,
        );
        expect(() => f(randomTTMatrix([2, 2], [2, 2], [1, 2, 1], 10))).toThrow(
          `${name}: argument 'kron' must have all TT-ranks 1 (a Kronecker product), got [1,2,1]`,
        );
        expect(() => f(randomTTMatrix([2, 3], [2, 2], [1, 1, 1], 11))).toThrow(
          `${name}: argument 'kron' must have square cores (m_k = n_k), got shape [2,3]x[2,2]`,
        );
        expect(() => f(tf.eye(2))).toThrow(
          `${name}: argument 'kron' must be a TensorTrain or TensorTrainBatch, got Tensor`,
        );
      });

      it('inv and cholesky report singular and indefinite factors', () => {
        const singular = kronecker([tf.eye(2), tf.zeros([2, 2])]);
        expect(() => inv(singular)).toThrow('inv: matrix at batch index [0] is singular');
        expect(() => cholesky(kronecker([tf.eye(2), tf.mul(tf.eye(2), -1)]))).toThrow('is not positive definite');
        // The errors name the function as exported and the core (before: core's 'inv' and 'cholesky' alone).
        expect(() => inv(singular)).toThrow(/^kroneckerInv: core 1: inv: matrix at batch index \[0\] is singular/);
        expect(() => cholesky(kronecker([tf.eye(2), tf.mul(tf.eye(2), -1)]))).toThrow(
          /^kroneckerCholesky: core 1: cholesky: .*not positive definite/,
        );
      });

      it('leak nothing', async () => {
        const kron = kronecker(spdFactors([2, 3], 12));
        const batch = kronecker(spdFactors([2, 3], 13, 2));
        for (const x of [kron, batch]) {
          await expectNoLeaks(() => determinant(x));
          await expectNoLeaks(() => slogDeterminant(x));
          await expectNoLeaks(() => inv(x));
          await expectNoLeaks(() => cholesky(x));
        }
      });
    });
  },
  { backends: ['wasm'] },
);
