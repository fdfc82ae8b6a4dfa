import { expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import { full, randomMatrix, randomTensorBatch, TensorTrain } from '@proj/tt';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { denseHessianVector, denseProject } from '../../test/dense-reference.js';
import { completion, distance, hadamard, logistic, quadraticForm, trigonometric } from '../../test/functions.js';
import { expectNear, expectThrowsWithoutLeaks, point } from '../../test/helpers.js';
import { project } from '../project/project.js';
import { hessianVectorProduct } from './hessian-vector-product.js';

/** P_X·∇²g·P_X·v with every factor dense. */
function denseReference(x: TensorTrain, dense: (z: tf.Tensor) => tf.Tensor, v: TensorTrain): tf.Tensor {
  return denseProject(x, denseHessianVector(dense, full(x), denseProject(x, full(v))));
}

describeBackends('hessianVectorProduct', () => {
  const shape = [3, 4, 5, 3];

  it('½‖X − A‖² has ∇² = I, so the product is P_X(v)', () => {
    tf.tidy(() => {
      const x = point(shape, [1, 3, 4, 2, 1], 1);
      const v = point(shape, 2, 2);
      const product = hessianVectorProduct(distance(point(shape, 3, 3)).f, x, v);
      expect(product.point).toBe(x);
      expectNear(full(product.tt), full(project(v, x).tt));
    });
  });

  it.each([
    ['sin⟨X, A⟩ + ⟨X, X⟩²/100', (a: TensorTrain) => trigonometric(a)],
    ['⟨X ⊙ X, A⟩', (a: TensorTrain) => hadamard(a)],
  ])('%s: equals the projected dense Hessian-vector product', (_, make) => {
    tf.tidy(() => {
      const x = point(shape, [1, 3, 4, 2, 1], 4);
      const v = point(shape, 2, 5);
      const { f, dense } = make(point(shape, 3, 6));
      expectNear(full(hessianVectorProduct(f, x, v).tt), denseReference(x, dense, v), 3e-4);
    });
  });

  it('completion loss with uneven ranks, logistic loss with ranks above the mode sizes', () => {
    tf.tidy(() => {
      const unevenShape = [4, 5, 5, 4];
      const x = point(unevenShape, [1, 4, 5, 4, 1], 7);
      const v = point(unevenShape, 2, 8);
      const { f, dense } = completion(
        unevenShape,
        [
          [0, 1, 2, 3],
          [3, 4, 0, 0],
          [1, 1, 1, 1],
          [2, 0, 4, 3],
        ],
        [0.5, -1, 2, 0.1],
      );
      expectNear(full(hessianVectorProduct(f, x, v).tt), denseReference(x, dense, v), 3e-4);

      const small = [2, 3, 2, 3];
      const y = point(small, 5, 9);
      const w = point(small, 2, 10);
      const machine = logistic(randomTensorBatch(small, { seed: 11, ttRank: 1, batchSize: 4 }), [1, -1, 1, 1]);
      expectNear(full(hessianVectorProduct(machine.f, y, w).tt), denseReference(y, machine.dense, w), 3e-4);
    });
  });

  it('½·xᵀMx: P_X·(M + Mᵀ)/2·P_X·v, with v given as a tangent vector at X', () => {
    tf.tidy(() => {
      const modes = [2, 3, 2, 2];
      const matrix = randomMatrix([modes, modes], { seed: 12, ttRank: 2 });
      const x = randomMatrix([modes, null], { seed: 13, ttRank: 2 });
      const v = randomMatrix([modes, null], { seed: 14, ttRank: 2 });
      const { f, dense } = quadraticForm(matrix);
      const asTensor = (t: TensorTrain) =>
        new TensorTrain(t.cores.map((core) => tf.reshape(core, [core.shape[0]!, core.shape[1]!, core.shape[3]!])));
      const denseOf = (t: tf.Tensor) => tf.reshape(t, modes);
      const xt = asTensor(x);
      const hv = denseHessianVector(dense, full(x), tf.reshape(denseProject(xt, denseOf(full(v))), [-1, 1]));
      const expected = tf.reshape(denseProject(xt, denseOf(hv)), [-1]);
      const fromTangent = hessianVectorProduct(f, x, project(v, x));
      expectNear(tf.reshape(full(fromTangent.tt), [-1]), expected, 3e-4);
      expectNear(full(hessianVectorProduct(f, x, v).tt), full(fromTangent.tt));
    });
  });

  it('rejects a tangent vector at another point, a batch and a non-invariant f', () => {
    tf.tidy(() => {
      const x = point(shape, 2, 15);
      const y = point(shape, 2, 16);
      const { f } = distance(point(shape, 2, 17));
      const atY = project(point(shape, 2, 18), y);
      expect(() => hessianVectorProduct(f, x, atY)).toThrow(
        "hessianVectorProduct: argument 'vector' is a tangent vector at another point than 'x'",
      );
      const batch = randomTensorBatch(shape, { seed: 19, batchSize: 2 });
      expect(() => hessianVectorProduct(f, x, batch as never)).toThrow(
        "hessianVectorProduct: argument 'vector' must be a TensorTrain or a TangentVector, got TensorTrainBatch",
      );
      expect(() => hessianVectorProduct(f, x, point([3, 4, 5], 2, 20))).toThrow(
        "hessianVectorProduct: argument 'vector' has raw shape [3,4,5], but the point has [3,4,5,3]",
      );
      const coreNorms = (t: TensorTrain) => tf.addN(t.cores.map((core) => tf.sum(tf.square(core))));
      expect(() => hessianVectorProduct(coreNorms, x, y)).toThrow('hessianVectorProduct: f is not invariant');
    });
  });

  it('frees everything on its error paths and rejects unknown options (issue 10)', async () => {
    const x = point(shape, 2, 24);
    const v = point(shape, 2, 25);
    const coreNorms = (t: TensorTrain) => tf.addN(t.cores.map((core) => tf.sum(tf.square(core))));
    const firstCore = (t: TensorTrain) => tf.square(tf.sum(t.cores[0]!));
    const cases: Array<[() => unknown, string]> = [
      [() => hessianVectorProduct((t) => full(t), x, v), 'hessianVectorProduct: f must return a scalar tensor'],
      [() => hessianVectorProduct((t) => full(t), x, v, { runtimeCheck: false }), 'must return a scalar tensor'],
      [() => hessianVectorProduct(coreNorms, x, v), 'hessianVectorProduct: f is not invariant'],
      [() => hessianVectorProduct(firstCore, x, v), 'hessianVectorProduct: f is not invariant'],
      [
        () => hessianVectorProduct(() => tf.scalar(1), x, v, { runtimeCheck: false }),
        'hessianVectorProduct: f does not depend on x',
      ],
      [
        () => hessianVectorProduct(distance(v).f, x, v, { runtimecheck: false } as never),
        "hessianVectorProduct: unknown option 'runtimecheck' (did you mean 'runtimeCheck'?); valid options: runtimeCheck",
      ],
    ];
    for (const [call, message] of cases) {
      await expectThrowsWithoutLeaks(call, message);
      await expectThrowsWithoutLeaks(() => tf.tidy(() => call() as tf.Tensor), message);
    }
    tf.dispose([...x.cores, ...v.cores]);
  });

  it('frees every intermediate', async () => {
    const x = point(shape, [1, 3, 4, 2, 1], 21);
    const v = point(shape, 2, 22);
    const a = point(shape, 3, 23);
    await expectNoLeaks(() => hessianVectorProduct(trigonometric(a).f, x, v));
    tf.dispose([...x.cores, ...v.cores, ...a.cores]);
  });
});
