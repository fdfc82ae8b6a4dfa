import { expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import {
  add,
  batchElement,
  flatInner,
  full,
  multiply,
  randomMatrix,
  randomTensorBatch,
  TensorTrain,
  TensorTrainBatch,
} from '@proj/tt';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { asTensorTrain, denseProject } from '../../test/dense-reference.js';
import { expectNear, point, scalar } from '../../test/helpers.js';
import { tangentSpace } from '../tangent/tangent-space.js';
import { TangentVector } from '../tangent-vector.js';
import { project } from './project.js';

describeBackends('project', () => {
  const shape = [4, 5, 5, 4];

  it.each([
    ['uniform ranks', [1, 3, 3, 3, 1]],
    ['uneven ranks [1,4,5,4,1] (T3F #193)', [1, 4, 5, 4, 1]],
    ['rank-1 point', [1, 1, 1, 1, 1]],
  ])('matches the dense projector of Lubich–Oseledets–Vandereycken Thm 3.1, %s', (_, ranks) => {
    tf.tidy(() => {
      const x = point(shape, ranks, 1);
      const z = point(shape, 3, 2);
      const projected = project(z, x);
      expect(projected).toBeInstanceOf(TangentVector);
      expect(projected.point).toBe(x);
      expect(projected.tt.ranks).toEqual(ranks.map((r, k) => (k === 0 || k === 4 ? 1 : 2 * r)));
      expectNear(full(projected.tt), denseProject(x, full(z)));
    });
  });

  it('P_X(X) = X, P_X(P_X Z) = P_X Z and P_X(a·Z + b·W) = a·P_X Z + b·P_X W', () => {
    tf.tidy(() => {
      const x = point(shape, [1, 4, 5, 4, 1], 3);
      const z = point(shape, 2, 4);
      const w = point(shape, 3, 5);
      expectNear(full(project(x, x).tt), full(x));
      const pz = project(z, x);
      expectNear(full(project(pz.tt, x).tt), full(pz.tt));
      const combination = project(add(multiply(z, 2), multiply(w, -3)), x);
      const expected = tf.sub(tf.mul(2, full(pz.tt)), tf.mul(3, full(project(w, x).tt)));
      expectNear(full(combination.tt), expected);
    });
  });

  it('is self-adjoint: ⟨P_X Z, W⟩ = ⟨Z, P_X W⟩, and ⟨P_X Z, Z − P_X Z⟩ = 0', () => {
    tf.tidy(() => {
      const x = point(shape, [1, 2, 4, 3, 1], 6);
      const z = point(shape, 3, 7);
      const w = point(shape, 2, 8);
      const left = flatInner(project(z, x).tt, w);
      const right = flatInner(z, project(w, x).tt);
      expectNear(left, right);
      const pz = project(z, x).tt;
      const zz = scalar(flatInner(z, z));
      expect(Math.abs(scalar(flatInner(pz, z)) - scalar(flatInner(pz, pz)))).toBeLessThan(1e-4 * zz);
    });
  });

  it('is differentiable in Z: ∂⟨P_X Z, W⟩/∂cores(Z) = ∂⟨Z, P_X W⟩/∂cores(Z), also for batches (grouped products)', () => {
    tf.tidy(() => {
      const x = point(shape, [1, 3, 4, 2, 1], 27);
      const w = point(shape, 2, 28);
      const projectedW = project(w, x).tt;
      for (const z of [point(shape, 3, 29), randomTensorBatch(shape, { seed: 30, ttRank: 4, batchSize: 6 })]) {
        const make = (cores: tf.Tensor[]) =>
          z instanceof TensorTrainBatch ? new TensorTrainBatch(cores) : new TensorTrain(cores);
        const viaProjection = tf.grads((...cores: tf.Tensor[]) => tf.sum(flatInner(project(make(cores), x).tt, w)))([
          ...z.cores,
        ]);
        const direct = tf.grads((...cores: tf.Tensor[]) => tf.sum(flatInner(make(cores), projectedW)))([...z.cores]);
        for (const [k, g] of viaProjection.entries()) expectNear(g, direct[k]!);
      }
    });
  });

  it('ranks above the mode sizes (T3F #154): the manifold is the whole space there, so P_X = identity', () => {
    tf.tidy(() => {
      // Shape (2, 3, 2, 3): natural ranks [1, 2, 6, 3, 1]; a rank-5 point is lowered to [1, 2, 5, 3, 1]...
      const x = point([2, 3, 2, 3], 5, 9);
      const z = point([2, 3, 2, 3], 4, 10);
      const projected = project(z, x);
      expect(projected.space.ranks).toEqual([1, 2, 5, 3, 1]);
      expectNear(full(projected.tt), denseProject(x, full(z)));
      // ...and with all ranks at their bounds the tangent space is everything.
      const full6 = point([2, 3, 2, 3], [1, 2, 6, 3, 1], 11);
      expectNear(full(project(z, full6).tt), full(z));
    });
  });

  it('projects each element of a batch, with a precomputed TangentSpace', () => {
    tf.tidy(() => {
      const x = point(shape, [1, 3, 4, 2, 1], 12);
      const batch = randomTensorBatch(shape, { seed: 13, ttRank: 2, batchSize: 3 });
      const space = tangentSpace(x);
      const projected = project(batch, space);
      expect(projected.tt).toBeInstanceOf(TensorTrainBatch);
      expect(projected.batchSize).toBe(3);
      expect(projected.point).toBe(x);
      for (let i = 0; i < 3; i++) {
        expectNear(tf.gather(full(projected.tt), i), denseProject(x, full(batchElement(batch, i))));
      }
      space.dispose();
    });
  });

  it('projects TT-matrices (as the TT-tensors of their merged modes)', () => {
    tf.tidy(() => {
      const x = randomMatrix(
        [
          [2, 3, 2],
          [3, 2, 2],
        ],
        { seed: 14, ttRank: [1, 3, 4, 1] },
      );
      const z = randomMatrix(
        [
          [2, 3, 2],
          [3, 2, 2],
        ],
        { seed: 15, ttRank: 2 },
      );
      const projected = project(z, x);
      expect(projected.tt.isMatrix).toBe(true);
      const asTensor = asTensorTrain(projected.tt as TensorTrain);
      expectNear(full(asTensor), denseProject(asTensorTrain(x), full(asTensorTrain(z))));
    });
  });

  it('transports a tangent vector at another point, and copies one at the same point', () => {
    tf.tidy(() => {
      const x = point(shape, 2, 16);
      const y = point(shape, 3, 17);
      const v = project(point(shape, 2, 18), x);
      const moved = project(v, y);
      expect(moved.point).toBe(y);
      expectNear(full(moved.tt), denseProject(y, full(v.tt)));
      const same = project(v, x);
      expect(same.tt).not.toBe(v.tt);
      expectNear(full(same.tt), full(v.tt));
    });
  });

  it('frees every intermediate (and the returned vector owns its tensors)', async () => {
    const x = point(shape, [1, 4, 5, 4, 1], 19);
    const z = randomTensorBatch(shape, { seed: 20, ttRank: 3, batchSize: 2 });
    await expectNoLeaks(() => project(z, x));
    const space = tangentSpace(x);
    const projected = project(batchElement(z, 0), space);
    space.dispose();
    expect(projected.isDisposed).toBe(false);
    expect(Number.isFinite(scalar(flatInner(projected.tt, projected.tt)))).toBe(true);
    // The vector holds its 4 cores and its own handles on the space's 2 × 4 cores, and frees exactly those.
    const before = tf.memory().numTensors;
    projected.dispose();
    expect(before - tf.memory().numTensors).toBe(12);
    expect(projected.isDisposed).toBe(true);
    tf.dispose([...x.cores, ...z.cores]);
  });

  it('rejects bad arguments with errors naming project and the argument', () => {
    const x = point(shape, 2, 21);
    const z = point([4, 5, 5, 3], 2, 22);
    expect(() => project(z, x)).toThrow(
      "project: argument 'what' has raw shape [4,5,5,3], but the point has [4,5,5,4]",
    );
    expect(() => project(x, randomTensorBatch(shape, { seed: 23, batchSize: 2 }) as never)).toThrow(
      "project: argument 'where' must be a TensorTrain or a TangentSpace, got TensorTrainBatch",
    );
    expect(() => project({} as never, x)).toThrow("project: argument 'what' must be a TensorTrain or TensorTrainBatch");
    expect(() => project(point([7], 1, 24), point([7], 1, 25))).toThrow("argument 'where' must have at least 2 cores");
    const space = tangentSpace(x);
    space.dispose();
    expect(() => project(x, space)).toThrow("project: argument 'where' is a disposed TangentSpace");
    const disposed = point(shape, 2, 26);
    disposed.dispose();
    expect(() => project(disposed, x)).toThrow("project: argument 'what' has disposed cores");
    tf.dispose([...x.cores, ...z.cores]);
  });
});
