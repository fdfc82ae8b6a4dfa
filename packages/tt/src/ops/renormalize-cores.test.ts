import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { denseMatrix, denseTensor } from '../../test/dense-reference.js';
import { element, randomBatch, randomCores, randomTT } from '../../test/random-tt.js';
import { TensorTrain } from '../tensor-train.js';
import type { TensorTrainBatch } from '../tensor-train-batch.js';
import { full } from './full.js';
import { renormalizeCores } from './renormalize-cores.js';

const coreNorms = (cores: readonly tf.Tensor[]) => cores.map((core) => tf.norm(core).dataSync()[0]!);
const geometricMean = (xs: number[]) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);

describeBackends(
  'renormalizeCores',
  () => {
    describe('renormalizeCores', () => {
      it.each([
        [[5], [1, 1]],
        [
          [2, 3, 4],
          [1, 2, 3, 1],
        ],
        [
          [3, 2, 2, 3],
          [1, 3, 4, 2, 1],
        ],
      ])('TT-tensor %j: same tensor, every core with the geometric-mean norm', (sizes, ranks) => {
        const cores = randomCores(
          sizes.map((n) => [n]),
          ranks,
          1,
        ).map((core, k) => tf.mul(core, 10 ** (2 * k - 2)));
        const tt = new TensorTrain(cores);
        const result = renormalizeCores(tt);
        expect(result.ranks).toEqual(tt.ranks);
        expectClose(full(result), denseTensor(cores), { rtol: 1e-5, atol: 1e-6 });
        const target = geometricMean(coreNorms(cores));
        expectClose(coreNorms(result.cores), target, { rtol: 1e-5 });
      });

      it('TT-matrices and batches, element by element', () => {
        const matrix = new TensorTrain(
          randomCores(
            [
              [2, 3],
              [2, 2],
            ],
            [1, 3, 1],
            2,
          ).map((core, k) => tf.mul(core, k === 0 ? 1e3 : 1e-2)),
        );
        const result = renormalizeCores(matrix);
        expectClose(full(result), denseMatrix([...matrix.cores]), { rtol: 1e-5, atol: 1e-6 });
        expectClose(coreNorms(result.cores), geometricMean(coreNorms(matrix.cores)), { rtol: 1e-5 });
        const batch = randomBatch([[2], [3], [2]], [1, 2, 2, 1], 3, 3);
        const scaled = renormalizeCores(batch) as TensorTrainBatch;
        expect(scaled.batchSize).toBe(3);
        expectClose(full(scaled), full(batch), { rtol: 1e-5, atol: 1e-6 });
        for (let b = 0; b < 3; b++) {
          const original = element(batch, b);
          expectClose(coreNorms(element(scaled, b).cores), geometricMean(coreNorms(original.cores)), { rtol: 1e-5 });
        }
      });

      it('floors core norms at √epsilon, so a zero core keeps everything finite', () => {
        const tt = new TensorTrain([tf.zeros([1, 2, 2]), tf.ones([2, 3, 1])]);
        const result = renormalizeCores(tt);
        expectClose(full(result), 0);
        expect(Array.from(result.cores[1]!.dataSync()).every(Number.isFinite)).toBe(true);
        // Norms: [√1e-8 (floored), √6]; the geometric mean is (1e-4·√6)^(1/2).
        expectClose(coreNorms([result.cores[1]!]), Math.sqrt(1e-4 * Math.sqrt(6)), { rtol: 1e-5 });
        const floored = renormalizeCores(tt, { epsilon: 1 });
        expectClose(coreNorms([floored.cores[1]!]), Math.sqrt(Math.sqrt(6)), { rtol: 1e-5 });
      });

      it('has the gradient of full: representation-invariant', () => {
        const tt = randomTT([3, 2, 4], [1, 2, 3, 1], 4);
        const weights = tf.randomNormal([3, 2, 4], 0, 1, 'float32', 5);
        const loss =
          (renormalize: boolean) =>
          (...c: tf.Tensor[]) => {
            const x = new TensorTrain(c);
            return tf.sum(tf.mul(full(renormalize ? renormalizeCores(x) : x), weights));
          };
        const viaRenormalized = tf.grads(loss(true))([...tt.cores]);
        const viaDense = tf.grads(loss(false))([...tt.cores]);
        viaRenormalized.forEach((g, k) => {
          expectClose(g, viaDense[k]!, { rtol: 1e-4, atol: 1e-5 });
        });
      });

      it('rejects bad arguments, naming them', () => {
        const tt = randomTT([3, 2], [1, 2, 1], 6);
        expect(() => renormalizeCores(tt, { epsilon: -1 })).toThrow(
          "renormalizeCores: argument 'epsilon' must be a finite non-negative number, got -1",
        );
        expect(() => renormalizeCores(null as never)).toThrow(
          "renormalizeCores: argument 'tt' must be a TensorTrain or TensorTrainBatch, got null",
        );
      });

      it('leaks nothing', async () => {
        const tt = randomTT([3, 2, 4], [1, 2, 3, 1], 7);
        const batch = randomBatch([[2], [3]], [1, 2, 1], 3, 8);
        await expectNoLeaks(() => renormalizeCores(tt));
        await expectNoLeaks(() => renormalizeCores(batch, { epsilon: 1e-4 }));
      });
    });
  },
  { backends: ['wasm'] },
);
