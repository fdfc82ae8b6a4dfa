import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import { frobeniusNormSquared, full, orthogonalize, randomMatrix, TensorTrain } from '@proj/tt';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { expectNear, point } from '../../test/helpers.js';
import { gradients } from '../autodiff/gradients.js';
import { project } from '../project/project.js';
import { TangentSpace } from '../tangent-space.js';
import { tangentSpace } from './tangent-space.js';

describeBackends('tangentSpace', () => {
  it('holds X left-orthogonalized (U) and right-orthogonalized (V), both representing X', () => {
    tf.tidy(() => {
      const x = point([3, 4, 5, 3], [1, 3, 4, 2, 1], 1);
      const space = tangentSpace(x);
      expect(space.point).toBe(x);
      expect(space.ranks).toEqual([1, 3, 4, 2, 1]);
      expectNear(full(space.left), full(x));
      expectNear(full(space.right), full(x));
      for (let k = 0; k < 3; k++) {
        const u = tf.reshape(space.left.cores[k]!, [-1, space.ranks[k + 1]!]);
        expectClose(tf.matMul(u, u, true, false), tf.eye(space.ranks[k + 1]!), { rtol: 1e-5, atol: 2e-6 });
      }
      for (let k = 1; k < 4; k++) {
        const v = tf.reshape(space.right.cores[k]!, [space.ranks[k]!, -1]);
        expectClose(tf.matMul(v, v, false, true), tf.eye(space.ranks[k]!), { rtol: 1e-5, atol: 2e-6 });
      }
    });
  });

  it('lowers ranks above the mode sizes until U and V agree (T3F #154)', () => {
    tf.tidy(() => {
      // (2, 2, 3, 2) with rank 6: one left-to-right sweep gives [1, 2, 4, 6, 1], the right-to-left one
      // [1, 2, 4, 2, 1]; the space is that of the natural ranks.
      const x = point([2, 2, 3, 2], 6, 2);
      expect(orthogonalize(x).ranks).toEqual([1, 2, 4, 6, 1]);
      const space = tangentSpace(x);
      expect(space.left.ranks).toEqual([1, 2, 4, 2, 1]);
      expect(space.right.ranks).toEqual([1, 2, 4, 2, 1]);
      expectNear(full(space.left), full(x));
    });
  });

  it('works for TT-matrices, clones share data, and dispose frees exactly U and V', async () => {
    const x = randomMatrix(
      [
        [2, 3],
        [3, 2],
      ],
      { seed: 3, ttRank: 3 },
    );
    await expectNoLeaks(() => tangentSpace(x));
    const space = tangentSpace(x);
    expect(space.isMatrix).toBe(true);
    expect(String(space)).toBe('Tangent space at a TT-Matrix of shape [2,3]x[3,2], TT-ranks [1,3,1]');
    const copy = space.clone();
    expect(copy.left.cores[0]!.dataId).toBe(space.left.cores[0]!.dataId);
    space.dispose();
    expect(space.isDisposed).toBe(true);
    expect(copy.isDisposed).toBe(false);
    expect(x.cores.every((core) => !core.isDisposed)).toBe(true);
    copy.dispose();
    x.dispose();
  });

  it('rejects points with NaN or infinite entries under the name of the function called (issue 10)', () => {
    tf.tidy(() => {
      const x = point([3, 4, 5], 2, 8);
      const bad = new TensorTrain(x.cores.map((core, k) => (k === 1 ? tf.mul(core, Number.NaN) : core)));
      expect(() => tangentSpace(bad)).toThrow("tangentSpace: argument 'x' has NaN or infinite entries (in core 1)");
      expect(() => project(x, bad)).toThrow("project: argument 'where' has NaN or infinite entries (in core 1)");
      const f = (t: TensorTrain) => frobeniusNormSquared(t, { differentiable: true });
      expect(() => gradients(f, bad)).toThrow("gradients: argument 'x' has NaN or infinite entries (in core 1)");
    });
  });

  it('rejects a batch, a single core, and inconsistent orthogonalizations', () => {
    tf.tidy(() => {
      const x = point([3, 4, 5], 2, 4);
      expect(() => tangentSpace(x.cores as never)).toThrow(
        "tangentSpace: argument 'x' must be a TensorTrain, got Array",
      );
      expect(() => tangentSpace(point([5], 1, 5))).toThrow("tangentSpace: argument 'x' must have at least 2 cores");
      const other = point([3, 4, 5], 3, 6);
      expect(() => new TangentSpace(x, orthogonalize(x), orthogonalize(other, { leftToRight: false }))).toThrow(
        "TangentSpace: 'left' and 'right' must have the same TT-ranks, got [1,2,2,1] and [1,3,3,1]",
      );
      expect(() => new TangentSpace(x, x, point([3, 4, 6], 2, 7))).toThrow(
        "TangentSpace: argument 'right' has raw shape [3,4,6], but the point has [3,4,5]",
      );
      expect(() => new TangentSpace(x, x, 'x' as unknown as TensorTrain)).toThrow(
        "TangentSpace: argument 'right' must be a TensorTrain, got a string",
      );
    });
  });
});
