import { type AdaptiveResNetParams, adaptiveResNetVariables, createAdaptiveResNet } from '@proj/adaptive-compute';
import * as tf from '@tensorflow/tfjs-core';
import type { ShippedNet } from './shipped-sact.js';

/** float32 values from little-endian base64 (atob: the same in browsers and Node). O(n). */
export function decodeFloat32(base64: string): Float32Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return new Float32Array(bytes.buffer, 0, Math.floor(bytes.length / 4));
}

/**
 * The shipped SACT network: built by @proj/adaptive-compute's `createAdaptiveResNet` from the shipped config,
 * every variable then assigned its trained values. Free it with `tf.dispose(adaptiveResNetVariables(net))`.
 * O(parameters).
 *
 * @throws Error naming `loadSact` when the weights do not fit the config.
 */
export function loadSact(shipped: ShippedNet): AdaptiveResNetParams {
  const net = createAdaptiveResNet({
    inChannels: shipped.inChannels,
    classes: shipped.classes,
    stemChannels: shipped.stemChannels,
    stages: shipped.stages,
    method: shipped.method,
    seed: 0,
  });
  const variables = adaptiveResNetVariables(net);
  const values = decodeFloat32(shipped.weights);
  const size = variables.reduce((n, v) => n + v.size, 0);
  if (size !== values.length) {
    tf.dispose(variables);
    throw new Error(`loadSact: argument 'shipped.weights' holds ${values.length} values, the network ${size}`);
  }
  let offset = 0;
  for (const v of variables) {
    const part = values.subarray(offset, offset + v.size);
    tf.tidy(() => v.assign(tf.tensor(part, v.shape)));
    offset += v.size;
  }
  return net;
}
