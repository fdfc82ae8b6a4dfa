import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { checkGradients } from '../testing/check-gradients.js';
import { expectClose } from '../testing/expect-close.js';
import { expectNoLeaks } from '../testing/expect-no-leaks.js';
import { describeBackends } from '../vitest/describe-backends.js';
import { triangularSolve } from './triangular-solve.js';

interface Flags {
  readonly lower: boolean;
  readonly adjoint: boolean;
}
const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../../test/fixtures/linalg/${name}.json`, import.meta.url), 'utf8')) as T;
/** numpy's solve with the triangle of a (a [2, 3, 3] with its full random entries, b [3, 2]). */
const cases = fixture<{
  triangularSolve: (Flags & { name: string; a: number[][][]; b: number[][]; x: number[][][] })[];
}>('solve').triangularSolve;
/** d/da and d/db of Σ w ⊙ triangularSolve(a, b), central differences in float64 (zero off the triangle). */
const gradients = fixture<
  (Flags & { name: string; inputs: number[][][][]; weights: number[][][]; grads: number[][][][] })[]
>('gradients').filter((c) => c.name.startsWith('triangularSolve'));

describeBackends('triangularSolve', () => {
  it.each(cases)('matches numpy with $name, reading only the triangle', async (c) => {
    const x = triangularSolve(c.a, c.b, { lower: c.lower, adjoint: c.adjoint });
    expectClose(x, c.x, { rtol: 1e-5, atol: 1e-6 });
    x.dispose();
    await expectNoLeaks(() => triangularSolve(c.a, c.b, { lower: c.lower, adjoint: c.adjoint }));
  });

  it.each(gradients)('has the gradients of both arguments with $name (fixture derivatives)', async (c) => {
    const [a, b] = c.inputs.map((input) => tf.tensor(input)) as [tf.Tensor, tf.Tensor];
    const w = tf.tensor(c.weights);
    const f = (x: tf.Tensor, y: tf.Tensor) =>
      tf.sum(tf.mul(triangularSolve(x, y, { lower: c.lower, adjoint: c.adjoint }), w));
    const [gradA, gradB] = tf.grads(f)([a, b]) as [tf.Tensor, tf.Tensor];
    // One more triangular solve and a GEMM in float32 on well-conditioned matrices.
    expectClose(gradA, c.grads[0]!, { rtol: 1e-4, atol: 1e-5 });
    expectClose(gradB, c.grads[1]!, { rtol: 1e-4, atol: 1e-5 });
    await expectNoLeaks(() => tf.grads(f)([a, b]));
    tf.dispose([a, b, w, gradA, gradB]);
  });
});

describeBackends(
  'triangularSolve',
  () => {
    it('solves with the lower triangle by default', () => {
      expectClose(
        triangularSolve(
          [
            [2, 7],
            [1, 4],
          ],
          [[2], [9]],
        ),
        [[1], [2]],
      );
    });

    it('passes central differences with an upper, broadcast b, to second order (checkGradients)', () => {
      const a = tf.tensor3d([3, 1, -1, 5, 2, 0.5, 9, 9, 4, 2, 0.3, 1, 0, 1, 0.2, 7, 0, 1.5], [2, 3, 3]);
      const b = tf.tensor2d([1, -2, 0.5, 3, 2, 1], [3, 2]);
      const w = tf.randomNormal([2, 3, 2], 0, 1, 'float32', 6);
      checkGradients((x, y) => triangularSolve(x, y!, { lower: false }), [a, b]);
      // Second order: the gradient with respect to a, differentiated in a and b.
      checkGradients(
        (x, y) => tf.grads((p, q) => tf.sum(tf.mul(triangularSolve(p, q!, { lower: false }), w)))([x, y!])[0]!,
        [a, b],
      );
      tf.dispose([a, b, w]);
    });

    it('rejects a zero on the diagonal, naming the batch index and the row', () => {
      expect(() =>
        triangularSolve(tf.stack([tf.eye(3), tf.tensor2d([1, 0, 0, 5, 0, 0, 1, 1, 1], [3, 3])]), tf.ones([3, 1])),
      ).toThrow("triangularSolve: matrix 'a' at batch index [1] is singular (zero diagonal entry in row 1)");
    });

    it('rejects bad options and shapes, naming them', () => {
      expect(() => triangularSolve(tf.eye(2), tf.ones([2, 1]), { lower: 'yes' as never })).toThrow(
        "triangularSolve: option 'lower' must be a boolean, got yes",
      );
      expect(() => triangularSolve(tf.eye(2), tf.ones([3, 1]))).toThrow(
        "triangularSolve: argument 'b' must have 2 rows like 'a' ([..., 2, k]), got shape [3,1]",
      );
      expect(() => triangularSolve(tf.ones([2, 2, 2]), tf.ones([3, 2, 1]))).toThrow(
        "triangularSolve: batch shapes [2] of 'a' and [3] of 'b' do not broadcast",
      );
    });
  },
  { backends: ['cpu'] },
);
