// Run by register-gradients.test.ts in a fresh process: tfjs-core and the cpu backend only, no tfjs-layers.
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { registerAllGradients } from '../../src/backend/register-gradients.js';

const resolvable = (name: string) => {
  try {
    createRequire(import.meta.url).resolve(name);
    return true;
  } catch {
    return false;
  }
};
await tf.setBackend('cpu');
const before = tf.getGradient('RealDiv') !== undefined;
const added = await registerAllGradients();
const again = await registerAllGradients();
const dx = tf
  .grad((x: tf.Tensor) => tf.div(tf.square(x), 2))(tf.scalar(3))
  .dataSync()[0];
const dFilter = tf
  .grad((f: tf.Tensor) => tf.sum(tf.conv2d(tf.ones([1, 4, 4, 1]) as tf.Tensor4D, f as tf.Tensor4D, 1, 'same')))(
    tf.ones([3, 3, 1, 1]),
  )
  .dataSync();
console.log(
  JSON.stringify({
    layersResolvable: resolvable('@tensorflow/tfjs-layers'),
    before,
    added: added.length,
    again: again.length,
    dx,
    dFilter: Array.from(dFilter),
  }),
);
