import { foldIn, randomNormal, type Seed } from '@proj/core';
import { type ConvGeometry, convFlops, type PerforationMask, perforatedConv2d } from '@proj/perforated-cnn';
import * as tf from '@tensorflow/tfjs-core';
import type { NetworkConfig } from './config.js';
import { CLASSES, SIDE } from './data.js';

/** Masks of the perforated conv layers by name; a layer without one (or with a full mask) is computed densely. */
export type Masks = Readonly<Record<string, PerforationMask>>;

/** A conv layer of a {@link Network}: weights, geometry and the pooling after its ReLU. */
export interface ConvLayer {
  readonly name: string;
  /** [K, K, Cin, Cout]. */
  readonly kernel: tf.Variable<tf.Rank.R4>;
  /** [Cout]. */
  readonly bias: tf.Variable<tf.Rank.R1>;
  /** Its sizes (stride 1, `same` padding: the output grid is the input grid). */
  readonly geometry: ConvGeometry;
  readonly pool: { readonly size: number; readonly stride: number } | null;
}

/** A CNN written functionally: conv layers (conv, ReLU, optional max-pool), then dense layers (ReLU between). */
export interface Network {
  readonly name: string;
  readonly convs: readonly ConvLayer[];
  readonly dense: readonly { readonly kernel: tf.Variable<tf.Rank.R2>; readonly bias: tf.Variable<tf.Rank.R1> }[];
}

const pooled = (side: number, pool: ConvLayer['pool']) => (pool === null ? side : Math.ceil(side / pool.stride));

/**
 * The network of `config` with He-normal weights (stddev √(2 / fan-in)) and zero biases drawn from `seed`:
 * every call with the same seed gives the same network. The caller frees it with {@link disposeNetwork}.
 */
export function createNetwork(config: NetworkConfig, seed: Seed): Network {
  let side = SIDE;
  let channels = 1;
  const he = (shape: number[], fanIn: number, id: string) =>
    tf.tidy(() =>
      tf.variable(randomNormal(shape, foldIn(seed, `${config.name}/${id}`), { stddev: Math.sqrt(2 / fanIn) })),
    );
  const zeros = (size: number) => tf.tidy(() => tf.variable(tf.zeros([size]))) as tf.Variable<tf.Rank.R1>;
  const convs = config.convs.map((c): ConvLayer => {
    const geometry: ConvGeometry = {
      outHeight: side,
      outWidth: side,
      kernelHeight: c.kernel,
      kernelWidth: c.kernel,
      inChannels: channels,
      outChannels: c.filters,
    };
    const layer = {
      name: c.name,
      kernel: he(
        [c.kernel, c.kernel, channels, c.filters],
        c.kernel * c.kernel * channels,
        c.name,
      ) as tf.Variable<tf.Rank.R4>,
      bias: zeros(c.filters),
      geometry,
      pool: c.pool,
    };
    side = pooled(side, c.pool);
    channels = c.filters;
    return layer;
  });
  const widths = [side * side * channels, ...config.hidden, CLASSES];
  const dense = widths.slice(1).map((width, i) => ({
    kernel: he([widths[i]!, width], widths[i]!, `dense${i + 1}`) as tf.Variable<tf.Rank.R2>,
    bias: zeros(width),
  }));
  return { name: config.name, convs, dense };
}

/** Every variable of `net`, in a fixed order (conv kernels and biases, then dense kernels and biases). */
export function networkVariables(net: Network): tf.Variable[] {
  return [...net.convs.flatMap((c) => [c.kernel, c.bias]), ...net.dense.flatMap((d) => [d.kernel, d.bias])];
}

/** Frees the variables of `net`. */
export function disposeNetwork(net: Network): void {
  tf.dispose(networkVariables(net));
}

/** The weights of `net` as float32 bytes, in {@link networkVariables} order. O(parameters); reads back. */
export function weightBytes(net: Network): Uint8Array {
  const vars = networkVariables(net);
  const out = new Float32Array(vars.reduce((n, v) => n + v.size, 0));
  let offset = 0;
  for (const v of vars) {
    out.set(v.dataSync() as Float32Array, offset);
    offset += v.size;
  }
  return new Uint8Array(out.buffer);
}

/** Sets the weights of `net` from {@link weightBytes} of a network of the same config. */
export function setWeightBytes(net: Network, bytes: Uint8Array): void {
  const values = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const vars = networkVariables(net);
  const size = vars.reduce((n, v) => n + v.size, 0);
  if (size !== values.length) {
    throw new Error(`setWeightBytes: argument 'bytes' holds ${values.length} weights, ${net.name} has ${size}`);
  }
  let offset = 0;
  for (const v of vars) {
    const value = tf.tensor(values.subarray(offset, offset + v.size), v.shape);
    v.assign(value);
    value.dispose();
    offset += v.size;
  }
}

/** The index of conv layer `name` in `net`. */
export function convIndex(net: Network, name: string): number {
  const i = net.convs.findIndex((c) => c.name === name);
  if (i < 0) throw new Error(`convIndex: ${net.name} has no conv layer '${name}'`);
  return i;
}

/** Whether `mask` skips any position (a full mask is computed densely). */
const perforates = (mask: PerforationMask | undefined): mask is PerforationMask =>
  mask !== undefined && mask.kept.length < mask.height * mask.width;

/**
 * The output of conv layer `i` before its ReLU, [N, H, W, Cout]: `tf.conv2d` (same padding) plus bias, or
 * `perforatedConv2d` under a mask that skips positions (the skipped ones copy their nearest computed one).
 */
export function convPreActivation(net: Network, i: number, h: tf.Tensor4D, masks: Masks): tf.Tensor4D {
  const layer = net.convs[i]!;
  const mask = masks[layer.name];
  const v = perforates(mask)
    ? perforatedConv2d(h, layer.kernel, mask, { pad: 'same' })
    : tf.conv2d(h, layer.kernel, 1, 'same');
  return tf.add(v, layer.bias);
}

/** ReLU and the pooling of conv layer `i` applied to its pre-activation `v`. */
function activate(net: Network, i: number, v: tf.Tensor4D): tf.Tensor4D {
  const { pool } = net.convs[i]!;
  const a = tf.relu(v);
  return pool === null ? a : tf.maxPool(a, pool.size, pool.stride, 'same');
}

/** The dense layers on the flattened output of the last conv layer → logits [N, 10]. */
function denseHead(net: Network, h: tf.Tensor4D): tf.Tensor2D {
  let z: tf.Tensor2D = tf.reshape(h, [h.shape[0], -1]);
  for (const [j, d] of net.dense.entries()) {
    z = tf.add(tf.matMul(z, d.kernel), d.bias);
    if (j < net.dense.length - 1) z = tf.relu(z);
  }
  return z;
}

/** The network from conv layer `i`'s input `h` on → logits [N, 10]. */
export function forwardFrom(net: Network, i: number, h: tf.Tensor4D, masks: Masks): tf.Tensor2D {
  let a = h;
  for (let j = i; j < net.convs.length; j++) a = activate(net, j, convPreActivation(net, j, a, masks));
  return denseHead(net, a);
}

/** The network from conv layer `i`'s pre-activation output `v` on → logits [N, 10]. */
export function headFrom(net: Network, i: number, v: tf.Tensor4D, masks: Masks): tf.Tensor2D {
  return forwardFrom(net, i + 1, activate(net, i, v), masks);
}

/** The input of conv layer `i` for images `x` [N, 28, 28, 1]. */
export function inputOf(net: Network, i: number, x: tf.Tensor4D, masks: Masks): tf.Tensor4D {
  let a = x;
  for (let j = 0; j < i; j++) a = activate(net, j, convPreActivation(net, j, a, masks));
  return a;
}

/** The logits [N, 10] of images `x` [N, 28, 28, 1] with the conv layers perforated by `masks`. */
export function forward(net: Network, x: tf.Tensor4D, masks: Masks): tf.Tensor2D {
  return forwardFrom(net, 0, x, masks);
}

/**
 * Multiply-add FLOPs per image (2 per multiply-add, biases and pooling ignored, the research notes' counter):
 * every conv layer at its mask's realized keep fraction, plus the dense layers.
 */
export function networkFlops(net: Network, keep: Readonly<Record<string, number>>): number {
  const conv = net.convs.reduce((sum, c) => sum + convFlops(c.geometry, keep[c.name] ?? 1), 0);
  return conv + net.dense.reduce((sum, d) => sum + 2 * d.kernel.shape[0] * d.kernel.shape[1], 0);
}

/** The conv layers' FLOPs per image at these keep fractions (the dense layers left out). */
export function convLayersFlops(net: Network, keep: Readonly<Record<string, number>>): number {
  return net.convs.reduce((sum, c) => sum + convFlops(c.geometry, keep[c.name] ?? 1), 0);
}
