import * as tf from '@tensorflow/tfjs-core';
import { it } from 'vitest';
import { randomNormal } from '../random/random-ops.js';
import { expectClose } from '../testing/expect-close.js';
import { expectNoLeaks } from '../testing/expect-no-leaks.js';
import { describeBackends } from '../vitest/describe-backends.js';
import { gatherMatMul, selectAndMultiply } from './gather-mat-mul.js';

/** out[p] = rows[p] · table[:, index[p], :], on the host. */
function reference(rows: tf.Tensor | undefined, table: tf.Tensor, index: Int32Array): Float64Array {
  const [r, slices, columns] = table.shape as [number, number, number];
  const t = table.dataSync();
  const x = rows?.dataSync();
  const out = new Float64Array(index.length * columns);
  index.forEach((s, p) => {
    for (let j = 0; j < columns; j++) {
      let sum = 0;
      for (let i = 0; i < r; i++) sum += (x === undefined ? 1 : x[p * r + i]!) * t[(i * slices + s) * columns + j]!;
      out[p * columns + j] = sum;
    }
  });
  return out;
}

describeBackends('gatherMatMul', () => {
  const index = Int32Array.from([3, 0, 3, 7, 1, 6]);

  it.each([
    ['few slices (one-hot on every backend profile)', 3, 8, 20],
    ['many slices (gather)', 3, 2000, 2],
  ])('%s: both strategies equal the host loop, with and without rows', (_, r, slices, columns) => {
    const table = randomNormal([r, slices, columns], 1);
    const rows = randomNormal([index.length, r], 2);
    const first = randomNormal([1, slices, columns], 3);
    for (const oneHot of [true, false]) {
      expectClose(selectAndMultiply(rows, table, index, oneHot), reference(rows, table, index), {
        rtol: 1e-5,
        atol: 1e-5,
      });
      expectClose(selectAndMultiply(undefined, first, index, oneHot), reference(undefined, first, index), {
        rtol: 0,
        atol: 0,
      });
    }
    expectClose(gatherMatMul(rows, table, index), reference(rows, table, index), { rtol: 1e-5, atol: 1e-5 });
  });

  it.each([true, false])('has the gradients of the products (one-hot: %s), and leaks nothing', async (oneHot) => {
    const table = randomNormal([2, 8, 3], 4);
    const rows = randomNormal([index.length, 2], 5);
    const w = randomNormal([index.length, 3], 6);
    const [dRows, dTable] = tf.grads((x, t) => tf.sum(tf.mul(w, selectAndMultiply(x!, t!, index, oneHot))))([
      rows,
      table,
    ]);
    // ∂/∂rows[p, i] = Σ_j w[p, j]·table[i, s_p, j]; ∂/∂table[i, s, j] = Σ_{p: s_p = s} rows[p, i]·w[p, j].
    const [t, x, wv] = [table.dataSync(), rows.dataSync(), w.dataSync()];
    const expectedRows = new Float64Array(index.length * 2);
    const expectedTable = new Float64Array(2 * 8 * 3);
    index.forEach((s, p) => {
      for (let i = 0; i < 2; i++) {
        for (let j = 0; j < 3; j++) {
          expectedRows[p * 2 + i]! += wv[p * 3 + j]! * t[(i * 8 + s) * 3 + j]!;
          expectedTable[(i * 8 + s) * 3 + j]! += x[p * 2 + i]! * wv[p * 3 + j]!;
        }
      }
    });
    expectClose(dRows!, expectedRows, { rtol: 1e-5, atol: 1e-5 });
    expectClose(dTable!, expectedTable, { rtol: 1e-5, atol: 1e-5 });
    await expectNoLeaks(() => selectAndMultiply(rows, table, index, oneHot));
  });
});
