import { expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import { full, randomMatrix, randomTensor, randomTensorBatch, subtract, TensorTrain } from '@proj/tt';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { denseGradient, denseProject } from '../../test/dense-reference.js';
import { completion, distance, hadamard, logistic, quadraticForm, trigonometric } from '../../test/functions.js';
import { expectNear, expectThrowsWithoutLeaks, point } from '../../test/helpers.js';
import { project } from '../project/project.js';
import { tangentSpace } from '../tangent/tangent-space.js';
import { gradients } from './gradients.js';

describeBackends('gradients', () => {
  const shape = [3, 4, 5, 3];

  it.each([
    ['½‖X − A‖²', (a: TensorTrain) => distance(a)],
    ['sin⟨X, A⟩ + ⟨X, X⟩²/100', (a: TensorTrain) => trigonometric(a)],
    ['⟨X ⊙ X, A⟩', (a: TensorTrain) => hadamard(a)],
  ])('%s: equals the projection of the dense Euclidean gradient', (_, make) => {
    tf.tidy(() => {
      const x = point(shape, [1, 3, 4, 2, 1], 1);
      const a = point(shape, 3, 2);
      const { f, dense } = make(a);
      const gradient = gradients(f, x);
      expect(gradient.point).toBe(x);
      expect(gradient.tt.ranks).toEqual([1, 6, 8, 4, 1]);
      // Dense float32 references accumulate 180-term sums; 2e-4 of the largest entry is far below any real error.
      expectNear(full(gradient.tt), denseProject(x, denseGradient(dense, full(x))), 2e-4);
    });
  });

  it('½‖X − A‖² has the closed form P_X(X − A) (T3F’s Riemannian tutorial)', () => {
    tf.tidy(() => {
      const x = point(shape, 2, 3);
      const a = point(shape, 4, 4);
      const { f } = distance(a);
      const expected = project(subtract(x, a), x);
      expectNear(full(gradients(f, tangentSpace(x)).tt), full(expected.tt));
    });
  });

  it('completion loss through gatherND, with uneven ranks [1,4,5,4,1] (T3F #193)', () => {
    tf.tidy(() => {
      const unevenShape = [4, 5, 5, 4];
      const x = point(unevenShape, [1, 4, 5, 4, 1], 5);
      const indices = [
        [0, 1, 2, 3],
        [3, 4, 0, 0],
        [1, 1, 1, 1],
        [2, 0, 4, 3],
        [0, 1, 2, 3],
      ];
      const { f, dense } = completion(unevenShape, indices, [0.5, -1, 2, 0.1, 0.7]);
      expectNear(full(gradients(f, x).tt), denseProject(x, denseGradient(dense, full(x))), 2e-4);
    });
  });

  it('logistic loss of a batch of features (exponential machines), ranks above the mode sizes (T3F #154)', () => {
    tf.tidy(() => {
      const small = [2, 3, 2, 3];
      const x = point(small, 5, 6);
      const features = randomTensorBatch(small, { seed: 7, ttRank: 1, batchSize: 4 });
      const { f, dense } = logistic(features, [1, -1, -1, 1]);
      const gradient = gradients(f, x);
      expect(gradient.space.ranks).toEqual([1, 2, 5, 3, 1]);
      expectNear(full(gradient.tt), denseProject(x, denseGradient(dense, full(x))), 2e-4);
    });
  });

  it('½·xᵀMx of a TT column vector: the dense gradient (M + Mᵀ)x/2, projected', () => {
    tf.tidy(() => {
      const modes = [2, 3, 2, 2];
      const matrix = randomMatrix([modes, modes], { seed: 8, ttRank: 2 });
      const x = randomMatrix([modes, null], { seed: 9, ttRank: [1, 2, 3, 2, 1] });
      const { f, dense } = quadraticForm(matrix);
      const vectorOf = (t: tf.Tensor) => tf.reshape(t, [-1]);
      const xAsTensor = new TensorTrain(
        x.cores.map((core) => tf.reshape(core, [core.shape[0]!, core.shape[1]!, core.shape[3]!])),
      );
      const expected = denseProject(xAsTensor, tf.reshape(denseGradient(dense, full(x)), modes));
      expectNear(vectorOf(full(gradients(f, x).tt)), vectorOf(expected), 2e-4);
    });
  });

  it('rejects functions that are not representation-invariant (runtime check), unless told not to check', () => {
    tf.tidy(() => {
      const x = point(shape, 2, 11);
      const coreNorms = (t: TensorTrain) => tf.addN(t.cores.map((core) => tf.sum(tf.square(core))));
      expect(() => gradients(coreNorms, x)).toThrow(
        /^gradients: f is not invariant to the TT representation of its argument: f\(x\) = .* but f at the same tensor with other cores/,
      );
      expect(() => gradients(coreNorms, x, { runtimeCheck: false })).not.toThrow();
      // An invariant f passes with the default tolerances and with tight ones.
      expect(() =>
        gradients(distance(point(shape, 2, 12)).f, x, { runtimeCheck: { rtol: 1e-5, atol: 0 } }),
      ).not.toThrow();
    });
  });

  it('rejects non-scalar and constant functions, bad points and options', () => {
    tf.tidy(() => {
      const x = point(shape, 2, 13);
      expect(() => gradients((t) => full(t), x)).toThrow(
        'gradients: f must return a scalar tensor, got a tensor of shape [3,4,5,3]',
      );
      expect(() => gradients(() => tf.scalar(1), x, { runtimeCheck: false })).toThrow(
        'gradients: f does not depend on x',
      );
      expect(() => gradients('f' as never, x)).toThrow("gradients: argument 'f' must be a function");
      expect(() => gradients(distance(x).f, randomTensorBatch(shape, { seed: 14, batchSize: 2 }) as never)).toThrow(
        "gradients: argument 'x' must be a TensorTrain or a TangentSpace, got TensorTrainBatch",
      );
      expect(() => gradients(distance(x).f, x, { runtimeCheck: 'yes' as never })).toThrow(
        "gradients: option 'runtimeCheck' must be a boolean or {rtol, atol}, got yes",
      );
    });
  });

  it('reports an f that reads only some cores as not invariant, not as independent of x (issue 10)', () => {
    tf.tidy(() => {
      // The example: the check must come before the reverse pass, whose error would otherwise win.
      const x = randomTensor([3, 4, 5], { seed: 1 });
      const firstCore = (t: TensorTrain) => tf.square(tf.sum(t.cores[0]!));
      expect(() => gradients(firstCore, x)).toThrow(/^gradients: f is not invariant to the TT representation/);
      // Without the check the reverse pass is all there is to report.
      expect(() => gradients(firstCore, x, { runtimeCheck: false })).toThrow(/^gradients: f does not depend on x/);
    });
  });

  it('frees everything on its error paths, also inside tf.tidy (issue 10: 119 and 32 tensors leaked)', async () => {
    const x = point(shape, 2, 31);
    const coreNorms = (t: TensorTrain) => tf.addN(t.cores.map((core) => tf.sum(tf.square(core))));
    const cases: Array<[string, () => unknown, string | RegExp]> = [
      ['non-scalar f', () => gradients((t) => full(t), x), 'gradients: f must return a scalar tensor'],
      [
        'f independent of x',
        () => gradients(() => tf.scalar(1), x, { runtimeCheck: false }),
        'gradients: f does not depend on x',
      ],
      ['a failed runtime check', () => gradients(coreNorms, x), 'gradients: f is not invariant'],
      [
        'f throwing in the forward pass',
        () =>
          gradients((t) => {
            tf.sum(full(t));
            throw new Error('user error');
          }, x),
        'user error',
      ],
      ['a non-scalar f without the check', () => gradients((t) => full(t), x, { runtimeCheck: false }), 'scalar'],
    ];
    for (const [, call, message] of cases) {
      await expectThrowsWithoutLeaks(call, message);
      await expectThrowsWithoutLeaks(() => tf.tidy(() => call() as tf.Tensor), message);
    }
    x.dispose();
  });

  it('rejects unknown option keys, naming the valid ones', () => {
    tf.tidy(() => {
      const x = point(shape, 2, 32);
      const { f } = distance(point(shape, 2, 33));
      expect(() => gradients(f, x, { runtimeChek: false } as never)).toThrow(
        "gradients: unknown option 'runtimeChek'; valid options: runtimeCheck",
      );
      expect(() => gradients(f, x, { runtimeCheck: { rtoll: 1 } } as never)).toThrow(
        "gradients: option 'runtimeCheck': unknown option 'rtoll'; valid options: rtol, atol",
      );
      expect(() => gradients(f, x, { runtimeCheck: { rtol: '1' } } as never)).toThrow(
        "gradients: option 'runtimeCheck' needs non-negative numbers rtol and atol, got rtol=1, atol=0.000001",
      );
      expect(() => gradients(f, x, { runtimeCheck: [] } as never)).toThrow(
        "gradients: option 'runtimeCheck' must be a boolean or {rtol, atol}, got an array",
      );
    });
  });

  it('frees every intermediate', async () => {
    const x = point(shape, [1, 3, 4, 2, 1], 15);
    const a = point(shape, 3, 16);
    const { f } = trigonometric(a);
    await expectNoLeaks(() => gradients(f, x));
    tf.dispose([...x.cores, ...a.cores]);
  });
});
