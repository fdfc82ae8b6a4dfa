import { initBackend } from '@proj/core';
import { describeBackends, expectClose, expectNoLeaks } from '@proj/core/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { arrange, contract, groupedMatMul, label, matMul2d } from './contract.js';

const close = { rtol: 1e-5, atol: 1e-5 };

beforeAll(async () => {
  await initBackend('wasm');
});

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

describe('contract', () => {
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
    const x = tf.randomNormal(xShape, 0, 1, 'float32', 1);
    const y = tf.randomNormal(yShape, 0, 1, 'float32', 2);
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

  it('arrange transposes, reshapes for moves of size-1 axes, and is a no-op for the same order', () => {
    const x = label(tf.randomNormal([2, 1, 3, 4], 0, 1, 'float32', 3), ['a', 'b', 'c', 'd']);
    expect(arrange(x, ['a', 'b', 'c', 'd'])).toBe(x.tensor);
    expectClose(arrange(x, ['b', 'a', 'c', 'd']), tf.reshape(x.tensor, [1, 2, 3, 4]), { rtol: 0, atol: 0 });
    expectClose(arrange(x, ['d', 'a', 'b', 'c']), tf.transpose(x.tensor, [3, 0, 1, 2]), { rtol: 0, atol: 0 });
    expect(() => arrange(x, ['a', 'b', 'c'])).toThrow('arrange: [a,b,c] is not a permutation of [a,b,c,d]');
    expect(arrange(x, ['d', 'a', 'b', 'c'], [4, 6]).shape).toEqual([4, 6]);
    const flat = label(tf.reshape(x.tensor, [24]), x.axes, x.shape);
    expectClose(arrange(flat, ['d', 'a', 'b', 'c']), tf.transpose(x.tensor, [3, 0, 1, 2]), { rtol: 0, atol: 0 });
    expect(() => label(x.tensor, ['a', 'a', 'b', 'c'])).toThrow(
      'label: labels [a,a,b,c] with shape [2,1,3,4] do not fit',
    );
    expect(() => label(x.tensor, ['a', 'b'], [2, 3])).toThrow('do not fit a tensor of shape [2,1,3,4]');
  });

  it('rejects summed axes of different sizes and, inside a tidy, leaks nothing', async () => {
    const [x, y] = [label(tf.ones([2, 3]), ['i', 'k']), label(tf.ones([4, 5]), ['k', 'j'])];
    expect(() => contract(x, y)).toThrow("contract: axis 'k' has size 3 and 4");
    const z = label(tf.ones([3, 5]), ['k', 'j']);
    await expectNoLeaks(() => tf.tidy(() => contract(x, z).tensor));
  });
});

describe('groupedMatMul', () => {
  const matMulReference = (x: tf.Tensor, f: tf.Tensor) =>
    tf.transpose(tf.matMul(tf.transpose(x, [2, 0, 1]), tf.transpose(f, [1, 0, 2])), [1, 0, 2]);

  it('computes G independent products x[:, :, g]·f[:, g, :]', () => {
    const x = tf.randomNormal([5, 3, 4], 0, 1, 'float32', 4);
    const f = tf.randomNormal([3, 4, 2], 0, 1, 'float32', 5);
    const result = groupedMatMul(x, f);
    expect(result.shape).toEqual([5, 4, 2]);
    expectClose(result, matMulReference(x, f), close);
  });

  it('has the gradients of batched matMul, to second order', () => {
    const x = tf.randomNormal([3, 2, 4], 0, 1, 'float32', 6);
    const f = tf.randomNormal([2, 4, 3], 0, 1, 'float32', 7);
    const w = tf.randomNormal([3, 4, 3], 0, 1, 'float32', 8);
    const loss = (op: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor) => (a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(w, tf.square(op(a, b))));
    const first = (op: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor) => tf.grads((a, b) => loss(op)(a!, b!))([x, f]);
    first(groupedMatMul).forEach((g, i) => {
      expectClose(g, first(matMulReference)[i]!, { rtol: 1e-4, atol: 1e-4 });
    });
    // Second order: the gradient of ⟨∇loss, v⟩ (a Hessian-vector product).
    const [vx, vf] = [tf.randomNormal([3, 2, 4], 0, 1, 'float32', 9), tf.randomNormal([2, 4, 3], 0, 1, 'float32', 10)];
    const hvp = (op: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor) =>
      tf.grads((a, b) => {
        const [ga, gb] = tf.grads((p, q) => loss(op)(p!, q!))([a!, b!]);
        return tf.add(tf.sum(tf.mul(ga!, vx)), tf.sum(tf.mul(gb!, vf)));
      })([x, f]);
    hvp(groupedMatMul).forEach((h, i) => {
      expectClose(h, hvp(matMulReference)[i]!, { rtol: 1e-4, atol: 1e-3 });
    });
  });
});

describe('matMul2d', () => {
  it('equals tf.matMul and has its gradients, to second order', () => {
    const a = tf.randomNormal([4, 3], 0, 1, 'float32', 13);
    const b = tf.randomNormal([3, 5], 0, 1, 'float32', 14);
    const w = tf.randomNormal([4, 5], 0, 1, 'float32', 15);
    expectClose(matMul2d(a, b), tf.matMul(a, b), close);
    const loss = (op: (x: tf.Tensor, y: tf.Tensor) => tf.Tensor) => (x: tf.Tensor, y: tf.Tensor) =>
      tf.sum(tf.mul(w, tf.square(op(x, y))));
    const plain = (x: tf.Tensor, y: tf.Tensor) => tf.matMul(x, y);
    const first = (op: (x: tf.Tensor, y: tf.Tensor) => tf.Tensor) => tf.grads((x, y) => loss(op)(x!, y!))([a, b]);
    first(matMul2d).forEach((g, i) => {
      expectClose(g, first(plain)[i]!, { rtol: 1e-4, atol: 1e-4 });
    });
    const [va, vb] = [tf.randomNormal([4, 3], 0, 1, 'float32', 16), tf.randomNormal([3, 5], 0, 1, 'float32', 17)];
    const hvp = (op: (x: tf.Tensor, y: tf.Tensor) => tf.Tensor) =>
      tf.grads((x, y) => {
        const [gx, gy] = tf.grads((p, q) => loss(op)(p!, q!))([x!, y!]);
        return tf.add(tf.sum(tf.mul(gx!, va)), tf.sum(tf.mul(gy!, vb)));
      })([a, b]);
    hvp(matMul2d).forEach((h, i) => {
      expectClose(h, hvp(plain)[i]!, { rtol: 1e-4, atol: 1e-3 });
    });
  });
});

describeBackends('contract smoke test', () => {
  it('batched contraction agrees with the reference', () => {
    const x = tf.randomNormal([3, 2, 4], 0, 1, 'float32', 11);
    const y = tf.randomNormal([4, 3, 5], 0, 1, 'float32', 12);
    const result = contract(label(x, ['batch', 'i', 'k']), label(y, ['k', 'batch', 'j']), { batch: 'batch' });
    expectClose(
      tf.reshape(result.tensor, [...result.shape]),
      reference(x, ['batch', 'i', 'k'], y, ['k', 'batch', 'j'], [...result.axes]),
      close,
    );
  });
});
