import { initBackend, splitSeed } from '@proj/core';
import { expectClose, expectMeanWithin, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { full } from '../ops/full.js';
import type { TensorTrain } from '../tensor-train.js';
import type { TensorTrainBatch } from '../tensor-train-batch.js';
import { glorotInitializer } from './glorot-initializer.js';
import { heInitializer } from './he-initializer.js';
import { lecunInitializer } from './lecun-initializer.js';
import { matrixBatchWithRandomCores } from './matrix-batch-with-random-cores.js';
import { matrixWithRandomCores } from './matrix-with-random-cores.js';
import { randomMatrix } from './random-matrix.js';
import { randomMatrixBatch } from './random-matrix-batch.js';
import { randomTensor } from './random-tensor.js';
import { randomTensorBatch } from './random-tensor-batch.js';
import { tensorBatchWithRandomCores } from './tensor-batch-with-random-cores.js';
import { tensorWithRandomCores } from './tensor-with-random-cores.js';

/** All core entries of a TT object, concatenated. */
const coreValues = (tt: TensorTrain | TensorTrainBatch) => tt.cores.flatMap((core) => [...core.dataSync()]);

/** Sample standard deviation (n − 1), for the standard error of a mean of squares whose sd is not known. */
function sampleSd(values: readonly number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
}

/** Dense entries as rows [n, entries], one row per TT of the batch. */
function denseRows(batch: TensorTrainBatch): number[][] {
  const dense = full(batch);
  const rows = (tf.reshape(dense, [batch.batchSize, -1]).arraySync() as number[][]).map((row) => [...row]);
  dense.dispose();
  return rows;
}

/**
 * Asserts that dense entries (rows = independent draws, columns = entries) have mean `mean` and variance
 * `variance` per entry, within 5 standard errors: the mean with the true sd √variance, the mean square
 * deviation with its sample sd (the fourth moment of a product of Gaussians has no simple closed form).
 */
function expectMoments(rows: number[][], mean: number, variance: number): void {
  expectMeanWithin(rows, mean, Math.sqrt(variance));
  const squares = rows.map((row) => row.map((x) => (x - mean) ** 2));
  const sds = squares[0]!.map((_, j) => sampleSd(squares.map((row) => row[j]!)));
  expectMeanWithin(squares, variance, sds);
}

describeBackends(
  'random initializers',
  (backend) => {
    describe('tensorWithRandomCores and its batch and matrix variants', () => {
      it('build T3F ranks: a scalar on every inner bond, a full vector as given, no clamping', () => {
        expect(tensorWithRandomCores([4, 5, 6], { seed: 1, ttRank: 3 }).ranks).toEqual([1, 3, 3, 1]);
        expect(tensorWithRandomCores([4, 5, 6], { seed: 1 }).ranks).toEqual([1, 2, 2, 1]);
        expect(tensorWithRandomCores([4, 5, 6], { seed: 1, ttRank: [1, 2, 7, 1] }).ranks).toEqual([1, 2, 7, 1]);
        expect(tensorWithRandomCores([7], { seed: 1, ttRank: 5 }).ranks).toEqual([1, 1]);
        expect(tensorWithRandomCores([2, 2], { seed: 1, ttRank: 5 }).ranks).toEqual([1, 5, 1]);
        const batch = tensorBatchWithRandomCores([4, 5], { seed: 2, batchSize: 3, ttRank: 2 });
        expect(batch.batchSize).toBe(3);
        expect(batch.cores.map((c) => c.shape)).toEqual([
          [3, 1, 4, 2],
          [3, 2, 5, 1],
        ]);
        expect(tensorBatchWithRandomCores([4, 5], { seed: 2 }).batchSize).toBe(1);
        const matrix = matrixWithRandomCores([[2, 3], null], { seed: 3, ttRank: 4 });
        expect(matrix.rawShape).toEqual([
          [2, 3],
          [1, 1],
        ]);
        expect(matrix.ranks).toEqual([1, 4, 1]);
        const matrices = matrixBatchWithRandomCores(
          [
            [2, 3],
            [4, 5],
          ],
          { seed: 3, batchSize: 2 },
        );
        expect(matrices.cores.map((c) => c.shape)).toEqual([
          [2, 1, 2, 4, 2],
          [2, 2, 3, 5, 1],
        ]);
      });

      it('draw core entries iid N(mean, stddev²)', () => {
        const [mean, stddev] = [0.5, 2];
        const cases = [
          tensorWithRandomCores([20, 30, 20], { seed: 4, ttRank: 6, mean, stddev }),
          tensorBatchWithRandomCores([10, 10], { seed: 5, ttRank: 8, batchSize: 20, mean, stddev }),
          matrixWithRandomCores(
            [
              [8, 8],
              [8, 8],
            ],
            { seed: 6, ttRank: 8, mean, stddev },
          ),
          matrixBatchWithRandomCores(
            [
              [4, 4],
              [5, 5],
            ],
            { seed: 7, ttRank: 5, batchSize: 10, mean, stddev },
          ),
        ];
        for (const tt of cases) {
          const values = coreValues(tt);
          expect(values.length).toBeGreaterThanOrEqual(1000);
          expectMeanWithin(values, mean, stddev);
          // (x − μ)² has mean σ² and standard deviation √2·σ² for Gaussian x.
          expectMeanWithin(
            values.map((x) => (x - mean) ** 2),
            stddev ** 2,
            Math.SQRT2 * stddev ** 2,
          );
        }
      });
    });

    describe('randomTensor, randomMatrix and their batches', () => {
      it('scale cores by s_c = stddev^(1/d)·Π r_k^(−1/(2d)) (T3F)', () => {
        const ranks = [1, 6, 9, 4, 1];
        const stddev = 3;
        const tt = randomTensor([10, 10, 10, 10], { seed: 8, ttRank: ranks, stddev });
        const sc = stddev ** (1 / 4) * (6 * 9 * 4) ** (-1 / 8);
        const values = coreValues(tt);
        expectMeanWithin(values, 0, sc);
        expectMeanWithin(
          values.map((x) => x * x),
          sc * sc,
          Math.SQRT2 * sc * sc,
        );
        const matrix = randomMatrix(
          [
            [4, 4, 4],
            [5, 5, 5],
          ],
          { seed: 9, ttRank: 5, stddev },
        );
        const scMatrix = stddev ** (1 / 3) * 25 ** (-1 / 6);
        expectMeanWithin(coreValues(matrix), 0, scMatrix);
      });

      it.each([
        [[3, 2, 4], [1, 3, 2, 1], 0, 1.5],
        [[3, 2, 4], [1, 3, 2, 1], 0.7, 0.5],
        [[6], [1, 1], -2, 3],
        [[2, 2, 2, 2, 2], 4, 0, 1],
      ])('randomTensorBatch(%j, ranks %j): dense entries have mean %d and sd %d', (shape, ttRank, mean, stddev) => {
        const batch = randomTensorBatch(shape, { seed: 10, ttRank, mean, stddev, batchSize: 3000 });
        expectMoments(denseRows(batch), mean, stddev ** 2);
        batch.dispose();
      });

      it('randomMatrixBatch: dense entries have mean 0 and variance stddev²', () => {
        const batch = randomMatrixBatch(
          [
            [2, 3],
            [2, 2],
          ],
          { seed: 11, ttRank: 3, stddev: 0.2, batchSize: 3000 },
        );
        expect(batch.shape).toEqual([3000n, 6n, 4n]);
        expectMoments(denseRows(batch), 0, 0.04);
      });

      it('randomTensor and randomMatrix: the same moments over independent seeds', () => {
        const seeds = splitSeed(12, 1500);
        const tensors = seeds.map((seed) =>
          tf.tidy(() => [...full(randomTensor([2, 3, 2], { seed, ttRank: 4, mean: 1, stddev: 2 })).dataSync()]),
        );
        expectMoments(tensors, 1, 4);
        const matrices = seeds.map((seed) =>
          tf.tidy(() => [...full(randomMatrix([[2, 2], null], { seed, ttRank: 3, stddev: 0.5 })).dataSync()]),
        );
        expectMoments(matrices, 0, 0.25);
      });

      it('a nonzero mean adds mean·ones: inner ranks + 1', () => {
        expect(randomTensor([3, 4, 5], { seed: 13, ttRank: 2, mean: 1 }).ranks).toEqual([1, 3, 3, 1]);
        expect(randomTensor([3], { seed: 13, ttRank: 2, mean: 1 }).ranks).toEqual([1, 1]);
        expect(
          randomMatrixBatch(
            [
              [3, 4],
              [2, 2],
            ],
            { seed: 13, ttRank: [1, 5, 1], mean: -1, batchSize: 2 },
          ).ranks,
        ).toEqual([1, 6, 1]);
        // The shift is exact: with stddev 0 every entry is the mean.
        expectClose(full(randomTensor([3, 4], { seed: 14, mean: 2.5, stddev: 0 })), tf.fill([3, 4], 2.5), {
          rtol: 0,
          atol: 0,
        });
      });
    });

    describe('glorotInitializer, heInitializer, lecunInitializer', () => {
      const shape = [
        [4, 5, 2],
        [3, 2, 5],
      ] as const;
      const [nIn, nOut] = [40, 30];

      it.each([
        ['glorot', glorotInitializer, 2 / (nIn + nOut)],
        ['he', heInitializer, 2 / nIn],
        ['lecun', lecunInitializer, 1 / nIn],
      ] as const)('%s is randomMatrix with variance as in T3F', (_, init, variance) => {
        const tt = init(shape, { seed: 15, ttRank: 3 });
        expect(tt.ranks).toEqual([1, 3, 3, 1]);
        const reference = randomMatrix(shape, { seed: 15, ttRank: 3, stddev: Math.sqrt(variance) });
        tt.cores.forEach((core, k) => {
          expectClose(core, reference.cores[k]!, { rtol: 0, atol: 0 });
        });
        expect(init(shape, { seed: 15 }).ranks).toEqual([1, 2, 2, 1]);
        const rows = splitSeed(16, 1000).map((seed) =>
          tf.tidy(() => [
            ...full(
              init(
                [
                  [2, 2],
                  [3, 1],
                ],
                { seed, ttRank: 2 },
              ),
            ).dataSync(),
          ]),
        );
        expectMoments(rows, 0, init === glorotInitializer ? 2 / (4 + 3) : init === heInitializer ? 2 / 4 : 1 / 4);
      });
    });

    describe('seeds', () => {
      it('the same seed gives the same TT, another seed another', () => {
        const a = randomTensor([3, 4, 5], { seed: 17 });
        const b = randomTensor([3, 4, 5], { seed: 17 });
        const c = randomTensor([3, 4, 5], { seed: 18 });
        a.cores.forEach((core, k) => {
          expectClose(core, b.cores[k]!, { rtol: 0, atol: 0 });
        });
        expect(() => expectClose(a.cores[0]!, c.cores[0]!, { rtol: 0, atol: 0 })).toThrow();
        // Each core gets its own seed: cores of equal shape differ.
        expect(() => expectClose(a.cores[1]!, tf.reshape(a.cores[1]!, [2, 4, 2]), { rtol: 0, atol: 0 })).not.toThrow();
        const equalShapes = tensorWithRandomCores([3, 3, 3], { seed: 19, ttRank: 1 });
        expect(() => expectClose(equalShapes.cores[0]!, equalShapes.cores[1]!, { rtol: 0, atol: 0 })).toThrow();
      });

      // The backend under test against the cpu reference (wasm in the default run).
      it(`the same seed gives the same TT on ${backend} and cpu`, async () => {
        const draw = () => [
          ...coreValues(randomTensorBatch([3, 4], { seed: 20, batchSize: 2, mean: 1 })),
          ...coreValues(
            matrixWithRandomCores(
              [
                [2, 2],
                [3, 3],
              ],
              { seed: 21 },
            ),
          ),
          ...coreValues(
            heInitializer(
              [
                [2, 2],
                [3, 3],
              ],
              { seed: 22 },
            ),
          ),
        ];
        const onBackend = draw();
        await initBackend('cpu');
        const onCpu = draw();
        await initBackend(backend);
        expect(onCpu).toEqual(onBackend);
      });
    });

    describe('validation', () => {
      it.each([
        [
          () => randomTensor([2, 3], {} as never),
          "randomTensor: argument 'seed' must be an integer in [0, 4294967295], got undefined",
        ],
        [
          () => randomTensor([2, 3], undefined as never),
          "randomTensor: argument 'options' must be an object with a 'seed', got undefined",
        ],
        [
          () => randomTensor([2, 3], { seed: -1 }),
          "randomTensor: argument 'seed' must be an integer in [0, 4294967295], got -1",
        ],
        [() => randomTensor([2, 3], { seed: 1.5 }), "randomTensor: argument 'seed' must be an integer"],
        [
          () => randomTensor([2, 3.5], { seed: 1 }),
          "randomTensor: argument 'shape' must be a non-empty list of positive integers, got [2,3.5]",
        ],
        [
          () => randomTensor([[2], [3]] as never, { seed: 1 }),
          "randomTensor: argument 'shape' must be a non-empty list of positive integers (the modes of a TT-tensor), got [[2],[3]]",
        ],
        [
          () => randomTensor([2, 3], { seed: 1, ttRank: 0 }),
          "randomTensor: argument 'ttRank' must be a positive integer, got 0",
        ],
        [
          () => randomTensor([2, 3], { seed: 1, ttRank: 1.5 }),
          "randomTensor: argument 'ttRank' must be a positive integer, got 1.5",
        ],
        [
          () => randomTensor([2, 3], { seed: 1, ttRank: [1, 2] }),
          "randomTensor: argument 'ttRank' must be a positive integer or a list of d + 1 = 3 positive integers, got [1,2]",
        ],
        [
          () => randomTensor([2, 3], { seed: 1, ttRank: [2, 2, 1] }),
          "randomTensor: argument 'ttRank' must start and end with 1, got [2,2,1]",
        ],
        [
          () => randomTensor([2, 3], { seed: 1, stddev: -1 }),
          "randomTensor: argument 'stddev' must be a finite number ≥ 0, got -1",
        ],
        [
          () => randomTensor([2, 3], { seed: 1, mean: Number.NaN }),
          "randomTensor: argument 'mean' must be a finite number, got NaN",
        ],
        [
          () => randomTensorBatch([2, 3], { seed: 1, batchSize: 0 }),
          "randomTensorBatch: argument 'batchSize' must be a positive integer, got 0",
        ],
        [
          () => randomMatrixBatch([[2], [3]], { seed: 1, batchSize: 2.5 }),
          "randomMatrixBatch: argument 'batchSize' must be a positive integer, got 2.5",
        ],
        [
          () => tensorBatchWithRandomCores([2], { seed: 1, batchSize: -3 }),
          "tensorBatchWithRandomCores: argument 'batchSize' must be a positive integer, got -3",
        ],
        [
          () => matrixWithRandomCores([2, 3] as never, { seed: 1 }),
          "matrixWithRandomCores: argument 'shape' must be [rowModes, columnModes] of a TT-matrix (either may be null), got [2,3]",
        ],
        [
          () => matrixBatchWithRandomCores([[2], [3]], { seed: 'x' as never }),
          "matrixBatchWithRandomCores: argument 'seed' must be an integer in [0, 4294967295], got 'x'",
        ],
        [
          () => tensorWithRandomCores([0], { seed: 1 }),
          "tensorWithRandomCores: argument 'shape' must be a non-empty list of positive integers, got [0]",
        ],
        [
          () => randomMatrix([[2, 3], [4]], { seed: 1 }),
          "randomMatrix: argument 'shape' of a TT-matrix must be two equally long non-empty lists of positive integers",
        ],
        [
          () => glorotInitializer([[2], [3]], { seed: 1, ttRank: [1, 1, 1] }),
          "glorotInitializer: argument 'ttRank' must be a positive integer or a list of d + 1 = 2 positive integers, got [1,1,1]",
        ],
        [
          () => heInitializer([[2], [3]], {} as never),
          "heInitializer: argument 'seed' must be an integer in [0, 4294967295], got undefined",
        ],
        [
          () => lecunInitializer([4, 4] as never, { seed: 1 }),
          "lecunInitializer: argument 'shape' must be [rowModes, columnModes] of a TT-matrix (either may be null), got [4,4]",
        ],
      ])('rejects bad arguments (%#)', (call, message) => {
        expect(call).toThrow(message);
      });

      it('rejects huge shapes, ranks and batch sizes with an error naming the initializer, before allocating', async () => {
        // Before: randomTensor([2 ** 31, 2]) threw a RangeError from a typed array, and wasm aborted the process
        // on the larger ones. Counts: Σ_k B·r_{k−1}·(m_k·)n_k·r_k.
        const limit = 'the limit is 2^28 (1 GiB of float32) per call';
        for (const [call, message] of [
          [() => randomTensor([2 ** 31, 2], { seed: 1 }), 'randomTensor: the cores would hold 4294967300 numbers'],
          [() => randomTensor([1e9, 1e9], { seed: 1 }), 'randomTensor: the cores would hold 4000000000 numbers'],
          [
            () => tensorWithRandomCores([4, 4, 4], { seed: 1, ttRank: 2 ** 14 }),
            'tensorWithRandomCores: the cores would hold 1073872896 numbers',
          ],
          [
            () => randomTensorBatch([4, 4], { seed: 1, batchSize: 2 ** 31 }),
            'randomTensorBatch: the cores would hold 34359738368 numbers',
          ],
          [
            () => matrixBatchWithRandomCores([[2 ** 20], [2 ** 10]], { seed: 1 }),
            'matrixBatchWithRandomCores: the cores would hold 1073741824 numbers',
          ],
          [
            () =>
              glorotInitializer(
                [
                  [2 ** 16, 2],
                  [2 ** 16, 2],
                ],
                { seed: 1 },
              ),
            'glorotInitializer: the cores would hold 8589934600 numbers',
          ],
          [
            // 2^27 + 4 numbers at rank 1, but a nonzero mean raises the inner rank to 2.
            () =>
              randomMatrix(
                [
                  [2 ** 14, 2],
                  [2 ** 13, 2],
                ],
                { seed: 1, ttRank: 1, mean: 1 },
              ),
            'randomMatrix: the cores would hold 268435464 numbers',
          ],
        ] as const) {
          expect(call).toThrow(`${message}; ${limit}`);
        }
        await expectNoLeaks(() => {
          expect(() => randomTensor([2 ** 31, 2], { seed: 1, mean: 1 })).toThrow('randomTensor: the cores');
        });
      });

      it('rejects unknown option keys, naming the valid ones', () => {
        // Before: {ttrank: 4} was ignored and the default rank 2 used.
        expect(() => randomTensor([2, 3], { seed: 1, ttrank: 4 } as never)).toThrow(
          "randomTensor: unknown option 'ttrank' (did you mean 'ttRank'?); valid options: seed, ttRank, mean, stddev",
        );
        expect(() => randomTensor([2, 3], { seed: 1, batchSize: 2 } as never)).toThrow(
          "randomTensor: unknown option 'batchSize'; valid options: seed, ttRank, mean, stddev",
        );
        expect(() => tensorBatchWithRandomCores([2, 3], { seed: 1, batch_size: 2 } as never)).toThrow(
          "tensorBatchWithRandomCores: unknown option 'batch_size'; valid options: seed, ttRank, mean, stddev, batchSize",
        );
        expect(() => heInitializer([[2], [3]], { seed: 1, stddev: 2 } as never)).toThrow(
          "heInitializer: unknown option 'stddev'; valid options: seed, ttRank",
        );
      });
    });

    describe('memory', () => {
      it.each([
        ['tensorWithRandomCores', () => tensorWithRandomCores([2, 3], { seed: 1 })],
        ['tensorBatchWithRandomCores', () => tensorBatchWithRandomCores([2, 3], { seed: 1, batchSize: 2 })],
        ['matrixWithRandomCores', () => matrixWithRandomCores([[2], [3]], { seed: 1 })],
        ['matrixBatchWithRandomCores', () => matrixBatchWithRandomCores([[2], [3]], { seed: 1, batchSize: 2 })],
        ['randomTensor', () => randomTensor([2, 3, 4], { seed: 1 })],
        ['randomTensor (mean ≠ 0)', () => randomTensor([2, 3, 4], { seed: 1, mean: 1 })],
        ['randomTensorBatch (mean ≠ 0)', () => randomTensorBatch([2, 3], { seed: 1, mean: 1, batchSize: 3 })],
        [
          'randomMatrix',
          () =>
            randomMatrix(
              [
                [2, 2],
                [3, 3],
              ],
              { seed: 1 },
            ),
        ],
        [
          'randomMatrixBatch',
          () =>
            randomMatrixBatch(
              [
                [2, 2],
                [3, 3],
              ],
              { seed: 1, batchSize: 2 },
            ),
        ],
        [
          'glorotInitializer',
          () =>
            glorotInitializer(
              [
                [2, 2],
                [3, 3],
              ],
              { seed: 1 },
            ),
        ],
        [
          'heInitializer',
          () =>
            heInitializer(
              [
                [2, 2],
                [3, 3],
              ],
              { seed: 1 },
            ),
        ],
        [
          'lecunInitializer',
          () =>
            lecunInitializer(
              [
                [2, 2],
                [3, 3],
              ],
              { seed: 1 },
            ),
        ],
      ])('%s leaks nothing', async (_, make) => {
        await expectNoLeaks(make);
      });
    });
  },
  { backends: ['wasm'] },
);

describeBackends('random initializers (smoke)', () => {
  it('randomTensorBatch has the requested shape and finite entries', () => {
    const batch = randomTensorBatch([3, 4], { seed: 23, batchSize: 4, ttRank: 2, mean: 1 });
    expect(batch.ranks).toEqual([1, 3, 1]);
    const dense = full(batch);
    expect(dense.shape).toEqual([4, 3, 4]);
    expect(tf.all(tf.isFinite(dense)).dataSync()[0]).toBe(1);
  });
});
