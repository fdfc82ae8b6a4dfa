import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { expectNoLeaks } from '../testing/expect-no-leaks.js';
import { describeBackends } from '../vitest/describe-backends.js';
import { cleanTapeOnError } from './clean-tape-on-error.js';

/** A function whose forward pass records ops (each saving tensors for backprop), then fails. */
const failing = (t: tf.Tensor) => {
  tf.exp(tf.mul(tf.square(t), 3));
  throw new Error('f: broken');
};

describeBackends('cleanTapeOnError', () => {
  it('frees what a failed gradient left on the tape; without it those tensors leak', () => {
    const x = tf.scalar(2);
    const before = tf.memory().numTensors;
    expect(() => tf.grad(failing)(x)).toThrow('f: broken');
    const leaked = tf.memory().numTensors - before;
    expect(leaked).toBeGreaterThan(0);
    const afterLeak = tf.memory().numTensors;
    expect(() => cleanTapeOnError(() => tf.grad(failing)(x))).toThrow('f: broken');
    expect(tf.memory().numTensors).toBe(afterLeak);
  });

  it('leaks nothing inside an enclosing gradient, and leaves a successful call and its tape alone', async () => {
    const x = tf.scalar(2);
    await expectNoLeaks(() => {
      const outer = tf.grad((t) => {
        expect(() => cleanTapeOnError(() => tf.grad(failing)(t))).toThrow('f: broken');
        return tf.square(t);
      })(x);
      // d(t²)/dt at 2 is 4: the enclosing tape still works after the inner failure.
      expect(outer.dataSync()[0]).toBe(4);
      outer.dispose();
    });
    const value = cleanTapeOnError(() => tf.grad((t) => tf.square(t))(x));
    expect(value.dataSync()[0]).toBe(4);
  });
});
