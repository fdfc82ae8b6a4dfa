import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { checkGradients } from '../testing/check-gradients.js';
import { expectClose } from '../testing/expect-close.js';
import { expectNoLeaks } from '../testing/expect-no-leaks.js';
import { describeBackends } from '../vitest/describe-backends.js';
import { solve } from './solve.js';

type Nested = number | Nested[];
const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../../test/fixtures/linalg/${name}.json`, import.meta.url), 'utf8')) as T;
/** numpy's solves, with broadcast batch shapes. */
const cases = fixture<{ solve: { name: string; a: Nested; b: Nested; x: Nested }[] }>('solve').solve;
/** d/da and d/db of Σ w ⊙ solve(a, b), central differences in float64. */
const gradients = fixture<{ name: string; inputs: Nested[]; weights: Nested; grads: Nested[] }[]>('gradients').filter(
  (c) => c.name.startsWith('solve'),
);

describeBackends('solve', () => {
  it.each(cases)('matches numpy on $name', async (c) => {
    const x = solve(c.a as number[][], c.b as number[][]);
    expectClose(x, c.x as number[][], { rtol: 1e-5, atol: 1e-6 });
    x.dispose();
    await expectNoLeaks(() => solve(c.a as number[][], c.b as number[][]));
  });

  it.each(gradients)('has the gradients of both arguments on $name (fixture derivatives)', async (c) => {
    const [a, b] = c.inputs.map((input) => tf.tensor(input as number[][])) as [tf.Tensor, tf.Tensor];
    const w = tf.tensor(c.weights as number[][]);
    const f = (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(solve(x, y), w));
    const [gradA, gradB] = tf.grads(f)([a, b]) as [tf.Tensor, tf.Tensor];
    // A solve and a GEMM in float32 on well-conditioned matrices, summed over the broadcast batch.
    expectClose(gradA, c.grads[0] as number[][], { rtol: 1e-4, atol: 1e-5 });
    expectClose(gradB, c.grads[1] as number[][], { rtol: 1e-4, atol: 1e-5 });
    await expectNoLeaks(() => tf.grads(f)([a, b]));
    tf.dispose([a, b, w, gradA, gradB]);
  });
});

describeBackends(
  'solve',
  () => {
    it('has second derivatives (checkGradients on the gradient in a and b)', () => {
      const a = tf.tensor2d([3, 1, 0, 1, 4, 1, 0.5, 0, 2], [3, 3]);
      const b = tf.tensor3d([1, 2, -1, 0.5, 0, 3], [2, 3, 1]);
      const w = tf.tensor3d([0.3, -1, 2, 1, 0.5, -0.7], [2, 3, 1]);
      checkGradients((x, y) => tf.grads((p, q) => tf.sum(tf.mul(solve(p, q!), w)))([x, y!])[0]!, [a, b]);
      tf.dispose([a, b, w]);
    });

    it('rejects a singular matrix, naming its batch index in a', () => {
      expect(() =>
        solve(
          [
            [1, 2],
            [2, 4],
          ],
          [[1], [1]],
        ),
      ).toThrow("solve: matrix 'a' is singular");
      expect(() => solve(tf.stack([tf.eye(2), tf.ones([2, 2])]), tf.ones([2, 1]))).toThrow(
        "solve: matrix 'a' at batch index [1] is singular",
      );
    });

    it('rejects shapes that do not fit, naming the argument', () => {
      expect(() => solve(tf.eye(3), tf.ones([2, 1]))).toThrow(
        "solve: argument 'b' must have 3 rows like 'a' ([..., 3, k]), got shape [2,1]",
      );
      expect(() => solve(tf.eye(3), tf.ones([3]))).toThrow(
        "solve: argument 'b' must have rank ≥ 2 (a matrix [m, n] or a batch [..., m, n]), got shape [3]",
      );
      expect(() => solve(tf.ones([2, 3, 3]), tf.ones([4, 3, 1]))).toThrow(
        "solve: batch shapes [2] of 'a' and [4] of 'b' do not broadcast",
      );
      expect(() => solve(tf.ones([2, 3]), tf.ones([2, 1]))).toThrow(
        "solve: argument 'a' must hold square matrices [..., n, n], got shape [2,3]",
      );
      expect(() => solve([['a']] as never, [[1]])).toThrow("solve: argument 'a' must be numeric");
    });
  },
  { backends: ['cpu'] },
);
