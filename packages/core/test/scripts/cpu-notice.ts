// Run by init-backend.test.ts in a fresh process: does the tfjs-backend-cpu notice ("Hi, looks like you are
// running TensorFlow.js in Node.js…") reach the console? `raw` sets the cpu backend through tfjs itself (the
// notice must appear: the check can fail); otherwise through initBackend, for cpu and after wasm.
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../src/index.js';

if (process.argv[2] === 'raw') {
  await import('@tensorflow/tfjs-backend-cpu');
  await tf.setBackend('cpu');
  tf.tensor1d([1, 2]).dataSync();
} else {
  await initBackend('wasm');
  tf.tensor1d([1, 2]).dataSync();
  await initBackend('cpu');
  tf.add(tf.tensor1d([1, 2]), 1).dataSync();
}
console.log(JSON.stringify({ backend: tf.getBackend() }));
