import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectClose } from '../testing/expect-close.js';
import { expectNoLeaks } from '../testing/expect-no-leaks.js';
import { describeBackends } from '../vitest/describe-backends.js';
import { stopGradient } from './stop-gradient.js';

describeBackends(
  'stopGradient',
  () => {
    describe('stopGradient', () => {
      it('keeps the value and blocks the gradient: d/dx [x·sg(x)] = sg(x) = x, not 2x', () => {
        const x = tf.tensor1d([1, -2, 3]);
        expectClose(stopGradient(x), [1, -2, 3], { rtol: 0, atol: 0 });
        expectClose(tf.grad((v) => tf.sum(tf.mul(v, stopGradient(v))))(x), [1, -2, 3]);
        x.dispose();
      });

      it('lets masks built from differentiable values pass through tf.grad', () => {
        const x = tf.tensor1d([-1, 2]);
        const grad = tf.grad((v) => tf.sum(tf.where(tf.less(stopGradient(v), 0), tf.neg(v), tf.square(v))))(x);
        expectClose(grad, [-1, 4]);
        expect(() => tf.grad((v) => tf.sum(tf.where(tf.less(v, 0), tf.neg(v), tf.square(v))))(x)).toThrow(/Less/);
        x.dispose();
      });

      it('shares data (the source can be disposed first) and leaks nothing', async () => {
        const x = tf.tensor1d([5]);
        const y = stopGradient(x);
        x.dispose();
        expectClose(y, [5]);
        y.dispose();
        const z = tf.scalar(1);
        await expectNoLeaks(() => stopGradient(z));
        z.dispose();
        expect(() => stopGradient(z)).toThrow("stopGradient: argument 'x' is a disposed tensor");
      });
    });
  },
  { backends: ['wasm'] },
);
