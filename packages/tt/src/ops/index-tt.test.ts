import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { TensorTrain } from '../tensor-train.js';
import { TensorTrainBatch } from '../tensor-train-batch.js';
import { full } from './full.js';
import { type IndexSpec, indexTT, type MatrixIndex } from './index-tt.js';

const randomCores = (shapes: number[][], seed: number) =>
  shapes.map((shape, k) => tf.randomNormal(shape, 0, 1, 'float32', seed + k));

/** The positions a spec selects from an axis of size n, as an explicit list (a number: one removed axis). */
function positions(spec: IndexSpec, n: number): number | number[] {
  if (typeof spec === 'number') return spec < 0 ? spec + n : spec;
  if (spec === null || spec === 'all') return Array.from({ length: n }, (_, i) => i);
  const bound = (b: number) => Math.min(Math.max(b < 0 ? b + n : b, 0), n);
  const [start, stop, step] = [bound(spec.start ?? 0), bound(spec.stop ?? n), spec.step ?? 1];
  return Array.from({ length: Math.ceil((stop - start) / step) }, (_, i) => start + i * step);
}

/** Plain tfjs slicing of a dense tensor: one gather per axis, then the integer-indexed axes dropped. */
function denseSelect(dense: tf.Tensor, picks: readonly (number | number[])[]): tf.Tensor {
  const gathered = picks.reduce<tf.Tensor>(
    (x, pick, axis) => tf.gather(x, tf.tensor1d(typeof pick === 'number' ? [pick] : pick, 'int32'), axis),
    dense,
  );
  return tf.reshape(
    gathered,
    picks.flatMap((pick) => (typeof pick === 'number' ? [] : [pick.length])),
  );
}

/** A dense TT-matrix [Πm, Πn] sliced by `index` the plain way, flattened (rows first, C order). */
function denseMatrixSelect(dense: tf.Tensor, m: number[], n: number[], index: MatrixIndex, batch?: number): tf.Tensor {
  const lead = batch === undefined ? [] : [batch];
  const tensor = tf.reshape(dense, [...lead, ...m, ...n]);
  const picks = [
    ...(batch === undefined ? [] : [positions(index.batch ?? 'all', batch)]),
    ...index.rows.map((spec, k) => positions(spec, m[k]!)),
    ...index.columns.map((spec, k) => positions(spec, n[k]!)),
  ];
  return tf.reshape(denseSelect(tensor, picks), [-1]);
}

describeBackends(
  'indexTT',
  () => {
    describe('indexTT on TT-tensors', () => {
      const shapes = [
        [1, 4, 2],
        [2, 3, 3],
        [3, 5, 1],
      ];
      it.each([
        [
          [1, 'all', { start: 1, stop: 4 }],
          [1, 3, 1],
        ],
        [
          ['all', 2, null],
          [1, 2, 1],
        ],
        [
          [null, null, -1],
          [1, 2, 1],
        ],
        [
          [{ step: 2 }, { start: -2 }, { start: 0, stop: 100 }],
          [1, 2, 3, 1],
        ],
        [
          [{ start: 1, stop: 3, step: 2 }, 0, { start: 2, step: 2 }],
          [1, 2, 1],
        ],
      ] as [IndexSpec[], number[]][])('%j equals slicing the dense tensor (ranks %j, T3F rule)', (index, ranks) => {
        const tt = new TensorTrain(randomCores(shapes, 1));
        const result = indexTT(tt, index) as TensorTrain;
        expect(result).toBeInstanceOf(TensorTrain);
        expect(result.ranks).toEqual(ranks);
        const expected = denseSelect(
          full(tt),
          index.map((spec, k) => positions(spec, tt.rawShape[0][k]!)),
        );
        expect(result.rawShape).toEqual([expected.shape]);
        expectClose(full(result), expected, { rtol: 1e-5, atol: 1e-6 });
      });

      it('indexing every mode gives the entry as a scalar tensor', () => {
        const tt = new TensorTrain(randomCores(shapes, 2));
        const entry = indexTT(tt, [1, 2, -2]) as tf.Tensor;
        expect(entry.shape).toEqual([]);
        expectClose(entry, denseSelect(full(tt), [1, 2, 3]), { rtol: 1e-5, atol: 1e-6 });
      });

      it('handles d = 1 and uneven ranks', () => {
        const single = new TensorTrain(randomCores([[1, 5, 1]], 3));
        expectClose(full(indexTT(single, [{ start: 1, stop: 3 }]) as TensorTrain), tf.slice(full(single), [1], [2]), {
          rtol: 1e-6,
          atol: 1e-7,
        });
        expectClose(indexTT(single, [4]) as tf.Tensor, tf.reshape(tf.slice(full(single), [4], [1]), []), {
          rtol: 1e-6,
          atol: 1e-7,
        });
        const uneven = new TensorTrain(
          randomCores(
            [
              [1, 2, 3],
              [3, 3, 1],
              [1, 2, 4],
              [4, 3, 1],
            ],
            4,
          ),
        );
        const index: IndexSpec[] = [0, 'all', 1, { start: 1 }];
        const result = indexTT(uneven, index) as TensorTrain;
        expect(result.ranks).toEqual([1, 1, 1]);
        expectClose(full(result), denseSelect(full(uneven), [0, [0, 1, 2], 1, [1, 2]]), { rtol: 1e-5, atol: 1e-6 });
      });

      it('returns new cores even when nothing is sliced', () => {
        const tt = new TensorTrain(randomCores(shapes, 5));
        const copy = indexTT(tt, ['all', 'all', 'all']) as TensorTrain;
        copy.cores.forEach((core, k) => {
          expect(core).not.toBe(tt.cores[k]);
          expectClose(core, tt.cores[k]!, { rtol: 0, atol: 0 });
        });
        copy.dispose();
        expect(tt.cores.every((core) => !core.isDisposed)).toBe(true);
      });
    });

    describe('indexTT on batches', () => {
      const shapes = [
        [3, 1, 4, 2],
        [3, 2, 3, 1],
      ];
      it.each([
        [[1, 'all', 2], TensorTrain, [4]],
        [[{ start: 1 }, 0, 'all'], TensorTrainBatch, [2, 3]],
        [[{ step: 2 }, { start: 1, stop: 3 }, { start: 1 }], TensorTrainBatch, [2, 2, 2]],
      ] as const)('%j gives a %o of dense shape %j', (index, kind, shape) => {
        const batch = new TensorTrainBatch(randomCores(shapes, 6));
        const result = indexTT(batch, index) as TensorTrain | TensorTrainBatch;
        expect(result).toBeInstanceOf(kind);
        expect(result.shape.map(Number)).toEqual(shape);
        const picks = index.map((spec, k) => positions(spec, k === 0 ? 3 : batch.rawShape[0][k - 1]!));
        expectClose(full(result), denseSelect(full(batch), picks), { rtol: 1e-5, atol: 1e-6 });
        batch.dispose();
      });

      it('indexing every mode gives [B] or a scalar', () => {
        const batch = new TensorTrainBatch(randomCores(shapes, 7));
        const values = indexTT(batch, [null, 1, 2]) as tf.Tensor;
        expect(values.shape).toEqual([3]);
        expectClose(values, denseSelect(full(batch), [[0, 1, 2], 1, 2]), { rtol: 1e-5, atol: 1e-6 });
        const entry = indexTT(batch, [-1, 3, 0]) as tf.Tensor;
        expect(entry.shape).toEqual([]);
        expectClose(entry, denseSelect(full(batch), [2, 3, 0]), { rtol: 1e-5, atol: 1e-6 });
      });
    });

    describe('indexTT on TT-matrices (beyond T3F)', () => {
      const m = [2, 3];
      const n = [4, 2];
      const shapes = [
        [1, 2, 4, 3],
        [3, 3, 2, 1],
      ];
      it.each([
        [
          { rows: [1, 'all'], columns: ['all', 0] },
          [
            [1, 3],
            [4, 1],
          ],
          [1, 3, 1],
        ],
        [{ rows: [1, 2], columns: [3, 'all'] }, [[1], [2]], [1, 1]],
        [
          { rows: ['all', { start: 1 }], columns: [{ step: 2 }, null] },
          [
            [2, 2],
            [2, 2],
          ],
          [1, 3, 1],
        ],
        [{ rows: [0, 'all'], columns: [0, 'all'] }, [[3], [2]], [1, 1]],
      ] as [MatrixIndex, number[][], number[]][])('%j gives raw shape %j, ranks %j', (index, rawShape, ranks) => {
        const tt = new TensorTrain(randomCores(shapes, 8));
        const result = indexTT(tt, index) as TensorTrain;
        expect(result.isMatrix).toBe(true);
        expect(result.rawShape).toEqual(rawShape);
        expect(result.ranks).toEqual(ranks);
        expectClose(tf.reshape(full(result), [-1]), denseMatrixSelect(full(tt), m, n, index), {
          rtol: 1e-5,
          atol: 1e-6,
        });
      });

      it('indexing every row and column mode gives the entry', () => {
        const tt = new TensorTrain(randomCores(shapes, 9));
        const entry = indexTT(tt, { rows: [1, 2], columns: [3, 1] }) as tf.Tensor;
        expect(entry.shape).toEqual([]);
        // Row (1, 2) is 1·3 + 2 = 5, column (3, 1) is 3·2 + 1 = 7.
        expectClose(entry, tf.reshape(tf.slice(full(tt), [5, 7], [1, 1]), []), { rtol: 1e-5, atol: 1e-6 });
      });

      it('batches take a batch spec', () => {
        const batch = new TensorTrainBatch(
          randomCores(
            shapes.map((s) => [4, ...s]),
            10,
          ),
        );
        const index: MatrixIndex = { batch: { start: 1, stop: 3 }, rows: ['all', 2], columns: [1, 'all'] };
        const result = indexTT(batch, index) as TensorTrainBatch;
        expect(result).toBeInstanceOf(TensorTrainBatch);
        expect(result.batchSize).toBe(2);
        expectClose(tf.reshape(full(result), [-1]), denseMatrixSelect(full(batch), m, n, index, 4), {
          rtol: 1e-5,
          atol: 1e-6,
        });
        const element = indexTT(batch, { batch: -1, rows: ['all', 'all'], columns: ['all', 'all'] });
        expect(element).toBeInstanceOf(TensorTrain);
        expectClose(full(element as TensorTrain), tf.reshape(tf.slice(full(batch), [3], [1]), [6, 8]), {
          rtol: 1e-6,
          atol: 1e-7,
        });
      });
    });

    describe('indexTT gradients, errors and memory', () => {
      it('has the gradient of dense slicing with respect to every core', () => {
        const cores = randomCores(
          [
            [1, 4, 2],
            [2, 3, 3],
            [3, 5, 1],
          ],
          11,
        );
        const index: IndexSpec[] = [1, { start: 0, stop: 2 }, { step: 2 }];
        const weights = tf.randomNormal([2, 3], 0, 1, 'float32', 12);
        const viaTT = tf.grads((...c: tf.Tensor[]) =>
          tf.sum(tf.mul(full(indexTT(new TensorTrain(c), index) as TensorTrain), weights)),
        )(cores);
        const picks = [1, [0, 1], [0, 2, 4]];
        const viaDense = tf.grads((...c: tf.Tensor[]) =>
          tf.sum(tf.mul(denseSelect(full(new TensorTrain(c)), picks), weights)),
        )(cores);
        viaTT.forEach((g, k) => {
          expectClose(g, viaDense[k]!, { rtol: 1e-5, atol: 1e-6 });
        });
        const matrixCores = randomCores(
          [
            [1, 2, 2, 2],
            [2, 2, 3, 1],
          ],
          13,
        );
        const matrixIndex: MatrixIndex = { rows: [1, 'all'], columns: [0, { start: 1 }] };
        const viaMatrix = tf.grads((...c: tf.Tensor[]) =>
          tf.sum(full(indexTT(new TensorTrain(c), matrixIndex) as TensorTrain)),
        )(matrixCores);
        const viaDenseMatrix = tf.grads((...c: tf.Tensor[]) =>
          tf.sum(denseMatrixSelect(full(new TensorTrain(c)), [2, 2], [2, 3], matrixIndex)),
        )(matrixCores);
        viaMatrix.forEach((g, k) => {
          expectClose(g, viaDenseMatrix[k]!, { rtol: 1e-5, atol: 1e-6 });
        });
      });

      it.each([
        [
          [1, 2],
          "indexTT: argument 'index' must have 3 specs (one per mode) for a TensorTrain of shape [4,3,5], got 2 specs [1,2]",
        ],
        [
          { rows: [1, 2, 3], columns: [0, 0, 0] },
          "indexTT: argument 'index' must have 3 specs (one per mode) for a TensorTrain of shape [4,3,5], got {",
        ],
        [[4, 0, 0], 'indexTT: index 4 is out of range for mode 0 of size 4'],
        [[0, -4, 0], 'indexTT: index -4 is out of range for mode 1 of size 3'],
        [[0, { start: 2, stop: 2 }, 0], 'indexTT: range {"start":2,"stop":2} selects nothing from mode 1 of size 3'],
        [[0, 1.5, 0], 'indexTT: index of mode 1 must be an integer, got 1.5'],
        [
          [0, 'x', 0],
          `indexTT: the spec of mode 1 must be an integer, a range {start, stop, step}, null or 'all', got "x"`,
        ],
        [[0, { step: 0 }, 0], 'indexTT: range step of mode 1 must be a positive integer, got 0'],
        [[0, { start: 0.5 }, 0], 'indexTT: range start of mode 1 must be an integer, got 0.5'],
      ])('rejects the TT-tensor index %j', (index, message) => {
        const tt = new TensorTrain(
          randomCores(
            [
              [1, 4, 2],
              [2, 3, 3],
              [3, 5, 1],
            ],
            14,
          ),
        );
        expect(() => indexTT(tt, index as never)).toThrow(message);
      });

      it('rejects bad batch and matrix indices and non-TT arguments', () => {
        const batch = new TensorTrainBatch(randomCores([[2, 1, 3, 1]], 15));
        expect(() => indexTT(batch, [0])).toThrow(
          "indexTT: argument 'index' must have d + 1 = 2 specs (the batch, then one per mode) for a TensorTrainBatch of shape [3], got 1 specs [0]",
        );
        expect(() => indexTT(batch, [2, 0])).toThrow('indexTT: index 2 is out of range for the batch axis of size 2');
        const matrix = new TensorTrain(randomCores([[1, 2, 3, 1]], 16));
        expect(() => indexTT(matrix, [0, 0])).toThrow(
          "indexTT: argument 'index' of a TT-matrix of shape [2]x[3] must be {rows, columns} with 1 specs each, got 2 specs [0,0]",
        );
        expect(() => indexTT(matrix, { batch: 0, rows: [0], columns: [0] })).toThrow(
          "indexTT: argument 'index' has a batch spec, but 'tt' is a single TensorTrain",
        );
        expect(() => indexTT(matrix, { rows: [0], columns: [3] })).toThrow(
          'indexTT: index 3 is out of range for column mode 0 of size 3',
        );
        // Before: misspelt keys were ignored: {cols: …} fell back to "must be {rows, columns}", and a range
        // {start, end} selected to the end of the mode.
        expect(() => indexTT(matrix, { rows: [0], columns: [0], batches: 0 } as never)).toThrow(
          "indexTT: argument 'index' has an unknown key 'batches'; valid keys: batch, rows, columns",
        );
        expect(() => indexTT(matrix, { rows: [{ start: 0, end: 1 }], columns: [0] } as never)).toThrow(
          "indexTT: the range of row mode 0 has an unknown key 'end'; valid keys: start, stop, step",
        );
        expect(() => indexTT(tf.ones([2]) as never, [0])).toThrow(
          "indexTT: argument 'tt' must be a TensorTrain or TensorTrainBatch, got Tensor",
        );
        matrix.dispose();
        expect(() => indexTT(matrix, { rows: [0], columns: [0] })).toThrow("indexTT: argument 'tt' has disposed cores");
      });

      it('leaks nothing', async () => {
        const tt = new TensorTrain(
          randomCores(
            [
              [1, 4, 2],
              [2, 3, 1],
            ],
            17,
          ),
        );
        await expectNoLeaks(() => indexTT(tt, [1, 'all']));
        await expectNoLeaks(() => indexTT(tt, ['all', { step: 2 }]));
        await expectNoLeaks(() => indexTT(tt, [1, 2]));
        const batch = new TensorTrainBatch(randomCores([[3, 1, 2, 2, 1]], 18));
        await expectNoLeaks(() => indexTT(batch, { batch: 0, rows: [1], columns: ['all'] }));
      });
    });
  },
  { backends: ['wasm'] },
);

describeBackends('indexTT (smoke)', () => {
  it('slices a TT-tensor', () => {
    const tt = new TensorTrain(
      randomCores(
        [
          [1, 4, 2],
          [2, 3, 1],
        ],
        19,
      ),
    );
    expectClose(full(indexTT(tt, [{ start: 1, step: 2 }, 2]) as TensorTrain), denseSelect(full(tt), [[1, 3], 2]), {
      rtol: 1e-5,
      atol: 1e-6,
    });
  });
});
