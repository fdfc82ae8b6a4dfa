import { expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import { batchElement, full, matmul, randomMatrix, randomMatrixBatch, randomTensor, type TensorTrain } from '@proj/tt';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { asTensorTrain, denseProject } from '../../test/dense-reference.js';
import { expectNear } from '../../test/helpers.js';
import { project } from './project.js';
import { projectMatmul } from './project-matmul.js';

describeBackends('projectMatmul', () => {
  const m = [2, 3, 2];
  const n = [3, 2, 2];

  /** Dense P_X(M·Z) with M·Z from @proj/tt's matmul, TT-matrices read as TT-tensors of merged modes. */
  const expected = (x: TensorTrain, product: TensorTrain) =>
    denseProject(asTensorTrain(x), full(asTensorTrain(product)));

  it('projects M·Z for TT-vectors with a rectangular M, and agrees with project(matmul(M, Z), X)', () => {
    tf.tidy(() => {
      const matrix = randomMatrix([m, n], { seed: 1, ttRank: [1, 3, 2, 1] });
      const z = randomMatrix([n, null], { seed: 2, ttRank: 2 });
      const x = randomMatrix([m, null], { seed: 3, ttRank: [1, 2, 3, 1] });
      const result = projectMatmul(z, x, matrix);
      expect(result.point).toBe(x);
      const product = matmul(matrix, z) as TensorTrain;
      expectNear(full(asTensorTrain(result.tt as TensorTrain)), expected(x, product));
      expectNear(full(result.tt), full(project(product, x).tt));
    });
  });

  it('projects M·Z for TT-matrices Z with several columns (l_k > 1)', () => {
    tf.tidy(() => {
      const l = [2, 1, 2];
      const matrix = randomMatrix([m, n], { seed: 4, ttRank: 2 });
      const z = randomMatrix([n, l], { seed: 5, ttRank: [1, 3, 2, 1] });
      const x = randomMatrix([m, l], { seed: 6, ttRank: 3 });
      const result = projectMatmul(z, x, matrix);
      expectNear(full(asTensorTrain(result.tt as TensorTrain)), expected(x, matmul(matrix, z) as TensorTrain));
    });
  });

  it('reads TT-tensors as column vectors, and projects each element of a batch', () => {
    tf.tidy(() => {
      const matrix = randomMatrix([m, n], { seed: 7, ttRank: 2 });
      const z = randomTensor(n, { seed: 8, ttRank: 2 });
      const x = randomTensor(m, { seed: 9, ttRank: 2 });
      const asVector = (t: TensorTrain) => randomMatrixFromTensor(t);
      const result = projectMatmul(z, x, matrix);
      const product = matmul(matrix, asVector(z)) as TensorTrain;
      expectNear(full(result.tt), tf.reshape(expected(asVector(x), product), m));

      const batch = randomMatrixBatch([n, null], { seed: 10, ttRank: 3, batchSize: 3 });
      const xv = asVector(x);
      const projected = projectMatmul(batch, xv, matrix);
      expect(projected.batchSize).toBe(3);
      for (let i = 0; i < 3; i++) {
        const element = matmul(matrix, batchElement(batch, i)) as TensorTrain;
        expectNear(tf.reshape(tf.gather(full(projected.tt), i), [-1]), tf.reshape(expected(xv, element), [-1]));
      }
    });
  });

  it('frees every intermediate', async () => {
    const matrix = randomMatrix([m, n], { seed: 11, ttRank: 3 });
    const batch = randomMatrixBatch([n, null], { seed: 12, ttRank: 2, batchSize: 2 });
    const x = randomMatrix([m, null], { seed: 13, ttRank: 2 });
    await expectNoLeaks(() => projectMatmul(batch, x, matrix));
    tf.dispose([...matrix.cores, ...batch.cores, ...x.cores]);
  });

  it('rejects a non-matrix M and incompatible shapes', () => {
    const matrix = randomMatrix([m, n], { seed: 14, ttRank: 2 });
    const z = randomMatrix([n, null], { seed: 15, ttRank: 2 });
    const x = randomMatrix([m, null], { seed: 16, ttRank: 2 });
    const tensor = randomTensor(m, { seed: 17, ttRank: 2 });
    expect(() => projectMatmul(z, x, tensor)).toThrow("projectMatmul: argument 'matrix' must be a TT-matrix");
    expect(() => projectMatmul(x, x, matrix)).toThrow("the column modes of 'matrix' must be the row modes of 'what'");
    expect(() => projectMatmul(z, z, matrix)).toThrow("does not have the raw shape of 'where', [3,2,2]x[1,1,1]");
    expect(() => projectMatmul(z, tensor, matrix)).toThrow(
      "'what' and 'where' must both be TT-matrices or both TT-tensors",
    );
    tf.dispose([...matrix.cores, ...z.cores, ...x.cores, ...tensor.cores]);
  });
});

/** A TT-tensor of shape (n) as the TT column vector ((n), (1)): cores [r, n, r′] → [r, n, 1, r′]. */
function randomMatrixFromTensor(t: TensorTrain): TensorTrain {
  return new (t.constructor as typeof TensorTrain)(
    t.cores.map((core) => tf.reshape(core, [core.shape[0]!, core.shape[1]!, 1, core.shape[2]!])),
  );
}
