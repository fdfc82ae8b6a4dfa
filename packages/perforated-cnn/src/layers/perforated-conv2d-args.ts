import { assertOptions } from '@proj/core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { shown } from '../internal/validate.js';
import { createMask, type MaskStrategy, type PerforationMask } from '../mask/perforation-mask.js';

/** The options every tfjs-layers layer takes (name, inputShape, batchInputShape, trainable, ...). */
export type LayerArgs = NonNullable<ConstructorParameters<typeof tfl.layers.Layer>[0]>;

/** A perforation mask as a layer config holds it (a {@link PerforationMask} also fits; its other fields are ignored). */
export interface PerforationMaskConfig {
  /** OH of the conv output. */
  readonly height: number;
  /** OW of the conv output. */
  readonly width: number;
  /** Linear indices oh·width + ow of the computed positions. */
  readonly kept: ArrayLike<number>;
  /** How they were chosen (a label kept through save and load). */
  readonly strategy?: MaskStrategy;
}

/** Options of {@link PerforatedConv2D}: a subset of `tf.layers.conv2d`'s (channels-last), plus the mask. */
export interface PerforatedConv2DArgs extends LayerArgs {
  /** Cout, the number of filters. */
  readonly filters: number;
  /** KH = KW, or [KH, KW]. */
  readonly kernelSize: number | readonly [number, number];
  /** Stride, or [strideH, strideW]; default 1. */
  readonly strides?: number | readonly [number, number];
  /** 'valid' (default) or 'same'. */
  readonly padding?: 'valid' | 'same';
  /** Dilation, or [dilationH, dilationW]; default 1. */
  readonly dilationRate?: number | readonly [number, number];
  /** A tfjs-layers activation identifier ('relu', 'tanh', ...); default 'linear'. */
  readonly activation?: string;
  /** Whether to add a bias (zeros at first); default true. */
  readonly useBias?: boolean;
  /** The perforation mask over the conv's OH × OW output grid. */
  readonly mask: PerforationMaskConfig;
}

/** {@link PerforatedConv2DArgs} after validation, defaults filled in. */
export interface PerforatedConv2DSettings {
  readonly filters: number;
  readonly kernelSize: [number, number];
  readonly strides: [number, number];
  readonly padding: 'valid' | 'same';
  readonly dilationRate: [number, number];
  readonly activation: string;
  readonly useBias: boolean;
  readonly mask: PerforationMask;
}

const LAYER_KEYS = [
  'name',
  'inputShape',
  'batchInputShape',
  'batchSize',
  'dtype',
  'trainable',
  'weights',
  'inputDType',
];
const CONV_KEYS = ['filters', 'kernelSize', 'strides', 'padding', 'dilationRate', 'activation', 'useBias', 'mask'];

function pair(value: unknown, fn: string, arg: string, fallback: number | undefined): [number, number] {
  const ok = (x: unknown) => typeof x === 'number' && Number.isInteger(x) && x >= 1 && x <= 2 ** 14;
  if (value === undefined && fallback !== undefined) return [fallback, fallback];
  if (ok(value)) return [value as number, value as number];
  if (Array.isArray(value) && value.length === 2 && value.every(ok)) return [value[0], value[1]];
  throw new Error(`${fn}: argument '${arg}' must be a positive integer or a pair of them, got ${shown(value)}`);
}

/**
 * Validates {@link PerforatedConv2DArgs}: known keys only, positive integer filters, kernel size, strides and
 * dilations, 'valid' or 'same' padding, a string activation, a boolean useBias, and a valid mask (as
 * {@link createMask} checks it). O(H·W·(H + W)) for the mask.
 *
 * @throws Error naming `PerforatedConv2D` and the offending argument.
 */
export function perforatedConv2DSettings(args: PerforatedConv2DArgs): PerforatedConv2DSettings {
  const fn = 'PerforatedConv2D';
  if (args === null || typeof args !== 'object' || Array.isArray(args)) {
    throw new Error(`${fn}: argument 'args' must be an object with filters, kernelSize and mask, got ${shown(args)}`);
  }
  assertOptions(fn, args, [...CONV_KEYS, ...LAYER_KEYS]);
  const { filters, padding = 'valid', activation = 'linear', useBias = true, mask } = args;
  if (typeof filters !== 'number' || !Number.isInteger(filters) || filters < 1 || filters > 2 ** 16) {
    throw new Error(`${fn}: argument 'filters' must be an integer in [1, 65536], got ${shown(filters)}`);
  }
  if (padding !== 'valid' && padding !== 'same') {
    throw new Error(`${fn}: argument 'padding' must be 'valid' or 'same', got ${shown(padding)}`);
  }
  if (typeof activation !== 'string') {
    throw new Error(`${fn}: argument 'activation' must be a tfjs-layers activation name, got ${shown(activation)}`);
  }
  if (typeof useBias !== 'boolean')
    throw new Error(`${fn}: argument 'useBias' must be a boolean, got ${shown(useBias)}`);
  if (mask === null || typeof mask !== 'object' || Array.isArray(mask)) {
    throw new Error(`${fn}: argument 'mask' must be an object { height, width, kept }, got ${shown(mask)}`);
  }
  let perforation: PerforationMask;
  try {
    perforation = createMask(mask.height, mask.width, mask.kept, mask.strategy);
  } catch (error) {
    const message = (error as Error).message.replace(/^createMask: argument '/, `${fn}: argument 'mask.`);
    throw new Error(message, { cause: error });
  }
  return {
    filters,
    kernelSize: pair(args.kernelSize, fn, 'kernelSize', undefined),
    strides: pair(args.strides, fn, 'strides', 1),
    padding,
    dilationRate: pair(args.dilationRate, fn, 'dilationRate', 1),
    activation,
    useBias,
    mask: perforation,
  };
}

/** The arguments of {@link PerforatedConv2DArgs} that belong to the base layer (name, inputShape, trainable, ...). */
export function baseLayerArgs(args: PerforatedConv2DArgs): LayerArgs {
  return Object.fromEntries(Object.entries(args).filter(([key]) => !CONV_KEYS.includes(key))) as LayerArgs;
}

/**
 * OH or OW of a conv along one axis: ⌈side / stride⌉ for 'same', ⌈(side − (k − 1)·d) / stride⌉ for 'valid'
 * (≤ 0 when the kernel does not fit). O(1).
 */
export function convOutputSide(
  side: number,
  kernel: number,
  stride: number,
  dilation: number,
  padding: string,
): number {
  return padding === 'same' ? Math.ceil(side / stride) : Math.ceil((side - (kernel - 1) * dilation) / stride);
}
