import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { randomNormal } from '../random/random-ops.js';
import { expectClose } from '../testing/expect-close.js';
import { expectNoLeaks } from '../testing/expect-no-leaks.js';
import { describeBackends } from '../vitest/describe-backends.js';
import { contract } from './contract.js';
import { label } from './labeled.js';

const close = { rtol: 1e-5, atol: 1e-5 };

/** Reference contraction: broadcast multiply of the operands aligned on `all` axes, then sum `summed`. */
function reference(x: tf.Tensor, xAxes: string[], y: tf.Tensor, yAxes: string[], out: string[]): tf.Tensor {
  const all = [...new Set([...xAxes, ...yAxes])];
  const align = (t: tf.Tensor, axes: string[]) => {
    const ordered = all.filter((a) => axes.includes(a));
    const moved = tf.transpose(
      t,
      ordered.map((a) => axes.indexOf(a)),
    );
    return tf.reshape(
      moved,
      all.map((a) => (axes.includes(a) ? t.shape[axes.indexOf(a)]! : 1)),
    );
  };
  const product = tf.mul(align(x, xAxes), align(y, yAxes));
  const summed = all.map((a, i) => (out.includes(a) ? -1 : i)).filter((i) => i >= 0);
  const reduced = summed.length > 0 ? tf.sum(product, summed) : product;
  const kept = all.filter((a) => out.includes(a));
  return tf.transpose(
    reduced,
    out.map((a) => kept.indexOf(a)),
  );
}

describeBackends('contract', () => {
  it.each([
    ['matrix product', [3, 4], ['i', 'k'], [4, 5], ['k', 'j'], undefined],
    ['two summed axes, scattered', [2, 3, 4, 5], ['a', 'k', 'b', 'l'], [5, 6, 3], ['l', 'c', 'k'], undefined],
    ['batched', [4, 2, 3], ['batch', 'i', 'k'], [3, 4, 5], ['k', 'batch', 'j'], 'batch'],
    ['batched, batch in the middle of both', [2, 4, 3], ['i', 'batch', 'k'], [3, 5, 4], ['k', 'j', 'batch'], 'batch'],
    ['batch in x only (shared y)', [4, 2, 3], ['batch', 'i', 'k'], [3, 5], ['k', 'j'], 'batch'],
    ['batch in y only', [2, 3], ['i', 'k'], [3, 4, 5], ['k', 'batch', 'j'], 'batch'],
    ['batch of one in both', [1, 2, 3], ['batch', 'i', 'k'], [1, 3, 5], ['batch', 'k', 'j'], 'batch'],
    ['outer product (nothing summed)', [2, 3], ['i', 'j'], [4], ['k'], undefined],
    ['size-1 axes', [1, 3, 1, 2], ['a', 'k', 'b', 'i'], [3, 1, 2], ['k', 'c', 'j'], undefined],
  ])('%s equals the broadcast-and-sum reference', (_, xShape, xAxes, yShape, yAxes, batch) => {
    const x = randomNormal(xShape, 1);
    const y = randomNormal(yShape, 2);
    const result = contract(label(x, xAxes), label(y, yAxes), batch === undefined ? {} : { batch });
    const expectedAxes = [...new Set([...xAxes, ...yAxes])].filter(
      (a) => !(xAxes.includes(a) && yAxes.includes(a)) || (a === batch && xShape[xAxes.indexOf(a)]! > 1),
    );
    expect([...result.axes].sort()).toEqual(
      [
        ...expectedAxes,
        ...(batch !== undefined && xAxes.includes(batch) && yAxes.includes(batch) && xShape[0] === 1 ? [batch] : []),
      ].sort(),
    );
    expectClose(tf.reshape(result.tensor, [...result.shape]), reference(x, xAxes, y, yAxes, [...result.axes]), close);
  });

  it('rejects summed axes of different sizes and leaks nothing, batched or not', async () => {
    const [x, y] = [label(tf.ones([2, 3]), ['i', 'k']), label(tf.ones([4, 5]), ['k', 'j'])];
    expect(() => contract(x, y)).toThrow("contract: axis 'k' has size 3 and 4");
    const z = label(tf.ones([3, 5]), ['k', 'j']);
    await expectNoLeaks(() => contract(x, z).tensor);
    // Operands whose layouts need transposes, batched (grouped on wasm) and not.
    const [a, b] = [
      label(tf.ones([4, 3, 2, 5]), ['i', 'batch', 'k', 'l']),
      label(tf.ones([5, 3, 6, 2]), ['l', 'batch', 'j', 'k']),
    ];
    await expectNoLeaks(() => contract(a, b, { batch: 'batch' }).tensor);
    await expectNoLeaks(() => contract(a, b).tensor);
  });
});
