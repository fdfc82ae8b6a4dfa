import { foldIn, type Seed } from '@proj/core';
import { IMAGE_SIZE } from '@proj/mnist';
import { ttDense } from '@proj/tt/layers';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { CLASSES } from './data.js';

/** Name of the 784 → 625 hidden layer in both networks (the layer replaced by a TTDense when compressing). */
export const HIDDEN = 'hidden';

/** The hidden layer as a TT-matrix: row modes (product 784) and column modes (product = hidden units). */
export interface LayerShape {
  readonly inputModes: readonly number[];
  readonly outputModes: readonly number[];
}

const product = (modes: readonly number[]) => modes.reduce((p, m) => p * m, 1);

/** The classifier on top of the hidden layer: Dense(10) logits, Glorot-uniform with a seed from `seed`. */
const logitsLayer = (seed: Seed) =>
  tfl.layers.dense({
    name: 'logits',
    units: CLASSES,
    kernelInitializer: tfl.initializers.glorotUniform({ seed: foldIn(seed, 'logits') }),
  });

/**
 * The tutorial's dense network 784 → ∏outputModes (ReLU) → 10 logits, Glorot-uniform kernels seeded from
 * `seed`, zero biases. For 625 hidden units: 496,885 parameters.
 */
export function denseNetwork(shape: LayerShape, seed: Seed): tfl.Sequential {
  return tfl.sequential({
    layers: [
      tfl.layers.dense({
        name: HIDDEN,
        inputShape: [IMAGE_SIZE],
        units: product(shape.outputModes),
        activation: 'relu',
        kernelInitializer: tfl.initializers.glorotUniform({ seed: foldIn(seed, HIDDEN) }),
      }),
      logitsLayer(seed),
    ],
  });
}

/**
 * The tutorial's TT network: TTDense 784 → ∏outputModes (TT-matrix of rank `ttRank`, T3F's Glorot TT
 * initializer seeded from `seed`, ReLU) → 10 logits. For [7,4,7,4] → [5,5,5,5] at rank 4: 1,725 + 6,260
 * parameters.
 */
export function ttNetwork(shape: LayerShape, ttRank: number, seed: Seed): tfl.Sequential {
  return tfl.sequential({
    layers: [
      ttDense({
        name: HIDDEN,
        inputShape: [IMAGE_SIZE],
        inputModes: shape.inputModes,
        outputModes: shape.outputModes,
        ttRank,
        activation: 'relu',
        seed: foldIn(seed, HIDDEN),
      }),
      logitsLayer(seed),
    ],
  });
}

/** Parameters of the layer `name` of `model`. */
export function layerParameters(model: tfl.LayersModel, name: string): number {
  return model.getLayer(name).countParams();
}

/** All weights of `model` in `getWeights()` order, concatenated as float32 bytes (little-endian, as on x86/ARM). */
export function weightBytes(model: tfl.LayersModel): Uint8Array {
  const values = model.getWeights().map((w) => w.dataSync() as Float32Array);
  const all = new Float32Array(values.reduce((n, v) => n + v.length, 0));
  let offset = 0;
  for (const v of values) {
    all.set(v, offset);
    offset += v.length;
  }
  return new Uint8Array(all.buffer);
}

/**
 * Sets the weights of `model` from {@link weightBytes} of a model of the same architecture.
 *
 * @throws Error naming `setWeightBytes` when the byte count does not match the model's weights.
 */
export function setWeightBytes(model: tfl.LayersModel, bytes: Uint8Array): void {
  const shapes = model.weights.map((w) => w.shape as number[]);
  const sizes = shapes.map((s) => s.reduce((p, d) => p * d, 1));
  const total = sizes.reduce((n, s) => n + s, 0);
  if (bytes.byteLength !== 4 * total) {
    throw new Error(`setWeightBytes: argument 'bytes' holds ${bytes.byteLength} bytes, the model needs ${4 * total}`);
  }
  const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  let offset = 0;
  const tensors = shapes.map((shape, i) => {
    const t = tf.tensor(all.subarray(offset, offset + sizes[i]!), shape);
    offset += sizes[i]!;
    return t;
  });
  try {
    model.setWeights(tensors);
  } finally {
    tf.dispose(tensors);
  }
}
