import { expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import { batchElement, flatInner, full, randomTensorBatch, TensorTrain, TensorTrainBatch } from '@proj/tt';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { denseProject } from '../../test/dense-reference.js';
import { expectNear, point } from '../../test/helpers.js';
import { tangentSpace } from '../tangent/tangent-space.js';
import { project } from './project.js';
import { projectSum } from './project-sum.js';

describeBackends('projectSum', () => {
  const shape = [3, 4, 5, 3];
  const weightVector = [0.5, -2, 1.5, 3];
  const weightMatrix = [
    [1, 0, 2],
    [0, 1, -1],
    [0.5, 0.5, 0],
    [-1, 2, 1],
  ];

  /** Σ_b w_b·full(Z_b) for a batch. */
  const denseSum = (batch: TensorTrainBatch, weights: readonly number[]) =>
    tf.sum(tf.mul(full(batch), tf.reshape(tf.tensor1d([...weights]), [-1, 1, 1, 1, 1])), 0);

  it('projects the plain and the weighted sum of a batch (vector weights → one tangent vector)', () => {
    tf.tidy(() => {
      const x = point(shape, [1, 3, 4, 2, 1], 1);
      const batch = randomTensorBatch(shape, { seed: 2, ttRank: 3, batchSize: 4 });
      const plain = projectSum(batch, x);
      expect(plain.tt).toBeInstanceOf(TensorTrain);
      expectNear(full(plain.tt), denseProject(x, denseSum(batch, [1, 1, 1, 1])));
      const weighted = projectSum(batch, x, weightVector);
      expectNear(full(weighted.tt), denseProject(x, denseSum(batch, weightVector)));
      expectNear(full(projectSum(batch, x, tf.tensor1d(weightVector)).tt), full(weighted.tt));
    });
  });

  it('gives a batch of N projections for weights [B, N], consistent with project', () => {
    tf.tidy(() => {
      const x = point(shape, 2, 3);
      const batch = randomTensorBatch(shape, { seed: 4, ttRank: 2, batchSize: 4 });
      const mixed = projectSum(batch, tangentSpace(x), weightMatrix);
      expect(mixed.tt).toBeInstanceOf(TensorTrainBatch);
      expect(mixed.batchSize).toBe(3);
      const projected = full(project(batch, x).tt);
      for (let j = 0; j < 3; j++) {
        const column = weightMatrix.map((row) => row[j]!);
        expectNear(tf.gather(full(mixed.tt), j), denseProject(x, denseSum(batch, column)));
        expectNear(
          tf.gather(full(mixed.tt), j),
          tf.sum(tf.mul(projected, tf.reshape(tf.tensor1d(column), [-1, 1, 1, 1, 1])), 0),
        );
      }
    });
  });

  it('a single TT is a batch of one: projectSum(z, x, [w]) = w·P_X(z)', () => {
    tf.tidy(() => {
      const x = point(shape, 2, 5);
      const z = point(shape, 3, 6);
      expectNear(full(projectSum(z, x, [-2.5]).tt), tf.mul(-2.5, full(project(z, x).tt)));
    });
  });

  it('residual-weighted indicators give the Riemannian gradient of a completion loss', () => {
    tf.tidy(() => {
      const x = point(shape, [1, 2, 3, 2, 1], 7);
      // Observed entries (one twice: duplicates add up) and residuals r_p; indicator TTs e_{i_p} of rank 1.
      const observed = [
        [0, 1, 2, 0],
        [2, 3, 4, 2],
        [1, 0, 0, 1],
        [0, 1, 2, 0],
        [2, 2, 1, 0],
      ];
      const residuals = [0.3, -1.2, 0.7, 0.4, 2];
      const cores = shape.map((n, k) =>
        tf.reshape(
          tf.oneHot(
            observed.map((index) => index[k]!),
            n,
          ),
          [observed.length, 1, n, 1],
        ),
      );
      const indicators = new TensorTrainBatch(cores.map((core) => tf.cast(core, 'float32')));
      const gradient = projectSum(indicators, x, residuals);
      const dense = tf.buffer(shape);
      observed.forEach((index, p) => {
        dense.set(dense.get(...index) + residuals[p]!, ...index);
      });
      expectNear(full(gradient.tt), denseProject(x, dense.toTensor()));
    });
  });

  it('is differentiable in the weights: ∂⟨P_X(Σ w_b Z_b), Y⟩/∂w_b = ⟨P_X Z_b, Y⟩', () => {
    tf.tidy(() => {
      const x = point(shape, 2, 8);
      const batch = randomTensorBatch(shape, { seed: 9, ttRank: 2, batchSize: 4 });
      const y = point(shape, 3, 10);
      const grad = tf.grad((w: tf.Tensor) => flatInner(projectSum(batch, x, w as tf.Tensor1D).tt, y))(
        tf.tensor1d(weightVector),
      );
      const expected = tf.stack([0, 1, 2, 3].map((b) => flatInner(project(batchElement(batch, b), x).tt, y)));
      expectNear(grad, expected);
    });
  });

  it('frees every intermediate', async () => {
    const x = point(shape, [1, 3, 4, 2, 1], 11);
    const batch = randomTensorBatch(shape, { seed: 12, ttRank: 3, batchSize: 4 });
    await expectNoLeaks(() => projectSum(batch, x, weightMatrix));
    await expectNoLeaks(() => projectSum(batch, x));
    tf.dispose([...x.cores, ...batch.cores]);
  });

  it('rejects weights of the wrong shape or type', () => {
    const x = point(shape, 2, 13);
    const batch = randomTensorBatch(shape, { seed: 14, ttRank: 2, batchSize: 4 });
    expect(() => projectSum(batch, x, [1, 2, 3])).toThrow(
      "projectSum: argument 'weights' must have shape [4] or [4, N] (one row per element of 'what'), got [3]",
    );
    expect(() => projectSum(batch, x, tf.ones([4, 2, 2]) as never)).toThrow('got [4,2,2]');
    expect(() => projectSum(batch, x, 'heavy' as never)).toThrow("projectSum: argument 'weights' must be a vector");
    expect(() => projectSum(batch, point([3, 4, 5], 2, 15))).toThrow("projectSum: argument 'what' has raw shape");
    tf.dispose([...x.cores, ...batch.cores]);
  });
});
