import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { randomNormal } from '../random/random-ops.js';
import { expectClose } from '../testing/expect-close.js';
import { describeBackends } from '../vitest/describe-backends.js';
import { arrange, label, relabel, squeezeAxes } from './labeled.js';

describeBackends('labeled tensors', () => {
  it('arrange transposes, reshapes for moves of size-1 axes, and is a no-op for the same order', () => {
    const x = label(randomNormal([2, 1, 3, 4], 3), ['a', 'b', 'c', 'd']);
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

  it('relabels and squeezes without running a kernel', () => {
    const x = label(tf.ones([2, 1, 3]), ['a', 'b', 'c']);
    const before = tf.memory().numTensors;
    expect(relabel(x, { a: 'z' }).axes).toEqual(['z', 'b', 'c']);
    const squeezed = squeezeAxes(x, ['b']);
    expect([squeezed.axes, squeezed.shape, squeezed.tensor]).toEqual([['a', 'c'], [2, 3], x.tensor]);
    expect(tf.memory().numTensors).toBe(before);
    expect(() => squeezeAxes(x, ['c'])).toThrow("squeezeAxes: axis 'c' has size 3");
  });
});
