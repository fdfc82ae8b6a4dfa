import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { denseTensor } from '../../test/dense-reference.js';
import { randomBatch, randomTT, randomTTMatrix } from '../../test/random-tt.js';
import { TensorTrain } from '../tensor-train.js';
import { frobeniusNorm } from './frobenius-norm.js';
import { frobeniusNormSquared } from './frobenius-norm-squared.js';
import { full } from './full.js';

/** Σ A(i)² from the entry-by-entry reference (float64 sum). */
const denseSquaredNorm = (cores: tf.Tensor[]) => denseTensor(cores).reduce((sum, x) => sum + x * x, 0);

describeBackends(
  'frobeniusNorm',
  () => {
    describe('frobeniusNormSquared and frobeniusNorm', () => {
      it.each([
        [[6], [1, 1]],
        [
          [2, 3, 4],
          [1, 2, 3, 1],
        ],
        [
          [3, 2, 4, 2],
          [1, 3, 5, 2, 1],
        ],
      ])('TT-tensor %j with ranks %j: both paths equal the dense norm', (sizes, ranks) => {
        const tt = randomTT(sizes, ranks, 1);
        const expected = denseSquaredNorm([...tt.cores]);
        for (const differentiable of [false, true]) {
          const squared = frobeniusNormSquared(tt, { differentiable });
          expect(squared.shape).toEqual([]);
          expectClose(squared, expected, { rtol: 1e-5 });
          expectClose(frobeniusNorm(tt, { differentiable }), Math.sqrt(expected), { rtol: 1e-5 });
        }
      });

      it('TT-matrices and batches (one value per element)', () => {
        const matrix = randomTTMatrix([2, 3], [3, 2], [1, 4, 1], 2);
        const dense = full(matrix);
        expectClose(frobeniusNormSquared(matrix), tf.sum(tf.square(dense)), { rtol: 1e-5 });
        expectClose(frobeniusNorm(matrix, { differentiable: true }), tf.norm(dense), { rtol: 1e-5 });
        const batch = randomBatch(
          [
            [2, 2],
            [3, 1],
            [2, 2],
          ],
          [1, 3, 2, 1],
          4,
          3,
        );
        const expected = tf.sqrt(tf.sum(tf.square(full(batch)), [1, 2]));
        for (const differentiable of [false, true]) {
          const norms = frobeniusNorm(batch, { differentiable });
          expect(norms.shape).toEqual([4]);
          expectClose(norms, expected, { rtol: 1e-5 });
          expectClose(frobeniusNormSquared(batch, { differentiable }), tf.square(expected), { rtol: 1e-5 });
        }
      });

      it('is exact at zero by default (T3F adds 1e-5 under the root); epsilon adds under the root', () => {
        const zero = new TensorTrain([tf.zeros([1, 2, 2]), tf.ones([2, 3, 1])]);
        expectClose(frobeniusNorm(zero), 0, { atol: 0 });
        expectClose(frobeniusNorm(zero, { differentiable: true }), 0, { atol: 0 });
        expectClose(frobeniusNorm(zero, { epsilon: 1e-5 }), Math.sqrt(1e-5), { rtol: 1e-6 });
        const tt = randomTT([3, 4], [1, 2, 1], 4);
        const squared = frobeniusNormSquared(tt).dataSync()[0]!;
        expectClose(frobeniusNorm(tt, { epsilon: 0.5 }), Math.sqrt(squared + 0.5), { rtol: 1e-6 });
      });

      it('the default path stays accurate under cancellation, where the flatInner path does not', () => {
        // A = x − 0.999·x as a rank-4 sum: ‖A‖² = 1e-6·‖x‖², so ⟨A, A⟩ cancels six digits of float32.
        const x = randomTT([4, 5, 4], [1, 2, 2, 1], 5);
        const cores = x.cores.map((core, k) => {
          const last = core.rank - 1;
          if (k === 0) return tf.concat([core, tf.mul(core, -0.999)], last);
          if (k === 2) return tf.concat([core, core], 0);
          return tf.concat(
            [
              tf.pad(core, [
                [0, 0],
                [0, 0],
                [0, 2],
              ]),
              tf.pad(core, [
                [0, 0],
                [0, 0],
                [2, 0],
              ]),
            ],
            0,
          );
        });
        const tt = new TensorTrain(cores);
        const expected = Math.sqrt(denseSquaredNorm([...x.cores])) * 1e-3;
        expectClose(tf.norm(full(tt)), expected, { rtol: 1e-3 }); // the construction is right
        // Float32 data with ‖A‖ = 1e-3·‖x‖: the orthogonalization keeps about 1e-4 relative accuracy.
        expectClose(frobeniusNorm(tt), expected, { rtol: 1e-3 });
        const viaFlatInner = frobeniusNorm(tt, { differentiable: true }).dataSync()[0]!;
        expect(Math.abs(viaFlatInner - expected) / expected).toBeGreaterThan(1e-3);
      });

      it('differentiable: gradients equal those of the dense norm', () => {
        const tt = randomTT([3, 2, 4], [1, 2, 3, 1], 6);
        const cores = [...tt.cores];
        const viaTT = tf.grads((...c: tf.Tensor[]) =>
          frobeniusNormSquared(new TensorTrain(c), { differentiable: true }),
        )(cores);
        const viaDense = tf.grads((...c: tf.Tensor[]) => tf.sum(tf.square(full(new TensorTrain(c)))))(cores);
        viaTT.forEach((g, k) => {
          expectClose(g, viaDense[k]!, { rtol: 1e-4, atol: 1e-5 });
        });
        const normTT = tf.grads((...c: tf.Tensor[]) =>
          frobeniusNorm(new TensorTrain(c), { differentiable: true, epsilon: 0.1 }),
        )(cores);
        const normDense = tf.grads((...c: tf.Tensor[]) =>
          tf.sqrt(tf.add(tf.sum(tf.square(full(new TensorTrain(c)))), 0.1)),
        )(cores);
        normTT.forEach((g, k) => {
          expectClose(g, normDense[k]!, { rtol: 1e-4, atol: 1e-5 });
        });
        const batch = randomBatch([[2], [3]], [1, 2, 1], 3, 7);
        const [g0] = tf.grads((c: tf.Tensor) =>
          tf.sum(frobeniusNorm(new TensorTrain([c, tt.cores[1]!, tt.cores[2]!]), { differentiable: true })),
        )([tt.cores[0]!]);
        expect(g0!.shape).toEqual([1, 3, 2]);
        expect(frobeniusNorm(batch, { differentiable: true }).shape).toEqual([3]);
      });

      it('the default path is not differentiable, and says so', () => {
        const tt = randomTT([3, 2], [1, 2, 1], 8);
        expect(() => tf.grad((c) => frobeniusNorm(new TensorTrain([c, tt.cores[1]!])))(tt.cores[0]!)).toThrow(
          'qr: not differentiable',
        );
      });

      it('rejects bad arguments, naming them', () => {
        const tt = randomTT([3, 2], [1, 2, 1], 9);
        expect(() => frobeniusNorm(tt, { epsilon: -1 })).toThrow(
          "frobeniusNorm: argument 'epsilon' must be a finite non-negative number, got -1",
        );
        expect(() => frobeniusNorm(tt, { differentiable: 1 as never })).toThrow(
          "frobeniusNorm: argument 'differentiable' must be a boolean, got 1",
        );
        expect(() => frobeniusNormSquared(tt, { differentiable: 'no' as never })).toThrow(
          "frobeniusNormSquared: argument 'differentiable' must be a boolean, got no",
        );
        expect(() => frobeniusNormSquared([] as never)).toThrow(
          "frobeniusNormSquared: argument 'tt' must be a TensorTrain or TensorTrainBatch, got Array",
        );
        tt.dispose();
        expect(() => frobeniusNorm(tt)).toThrow("frobeniusNorm: argument 'tt' has disposed cores");
      });

      it('rejects unknown options, and gives NaN (no error) for cores with a NaN, on both paths', () => {
        const tt = randomTT([3, 2], [1, 2, 1], 12);
        // Before: {differentiabel: true} was ignored and the QR path ran (no gradient).
        expect(() => frobeniusNorm(tt, { differentiabel: true } as never)).toThrow(
          "frobeniusNorm: unknown option 'differentiabel'; valid options: differentiable, epsilon",
        );
        expect(() => frobeniusNormSquared(tt, { epsilon: 0 } as never)).toThrow(
          "frobeniusNormSquared: unknown option 'epsilon'; valid options: differentiable",
        );
        // A norm propagates NaN as tfjs ops do (the dense norm of a NaN tensor is NaN); it is no decomposition.
        const withNaN = new TensorTrain([tf.tensor3d([1, Number.NaN, 0, 1, 2, 0], [1, 3, 2]), tt.cores[1]!]);
        const reference = tf.norm(full(withNaN)).dataSync()[0]!;
        expect(reference).toBeNaN();
        for (const differentiable of [false, true]) {
          expect(frobeniusNorm(withNaN, { differentiable }).dataSync()[0]).toBeNaN();
        }
      });

      it('leaks nothing', async () => {
        const tt = randomTT([3, 2, 4], [1, 2, 3, 1], 10);
        const batch = randomBatch([[2], [3]], [1, 2, 1], 3, 11);
        for (const differentiable of [false, true]) {
          await expectNoLeaks(() => frobeniusNormSquared(tt, { differentiable }));
          await expectNoLeaks(() => frobeniusNorm(batch, { differentiable, epsilon: 1e-3 }));
        }
      });
    });
  },
  { backends: ['wasm'] },
);
