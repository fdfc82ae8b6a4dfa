import {
  type AdaptiveMethod,
  type AdaptiveResNetParams,
  adaptiveResNetVariables,
  createAdaptiveResNet,
  haltingBranchVariables,
  residualUnitVariables,
} from '@proj/adaptive-compute';
import type { Seed } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import type { SactConfig } from './config.js';

/** The network of the config with halting rule `method` (fresh weights from `seed`; halting bias −3). */
export function createNet(config: SactConfig, method: AdaptiveMethod, seed: Seed): AdaptiveResNetParams {
  return createAdaptiveResNet({
    inChannels: 1,
    classes: 10,
    stemChannels: config.model.stemChannels,
    stages: config.model.stages,
    method,
    seed,
  });
}

/**
 * The variables every variant shares, in a fixed order: stem, residual units, final BN, classifier (moving BN
 * statistics included). O(units).
 */
export function backboneVariables(net: AdaptiveResNetParams): tf.Variable[] {
  return [
    net.stem,
    ...net.stages.flatMap((stage) => stage.units.flatMap(residualUnitVariables)),
    ...Object.values(net.finalBn),
    net.fcWeight,
    net.fcBias,
  ];
}

/** The halting branches' variables (none for the plain network). */
export function haltingVariables(net: AdaptiveResNetParams): tf.Variable[] {
  return net.stages.flatMap((stage) => stage.halting.flatMap(haltingBranchVariables));
}

/** The values of `variables`, concatenated in order and base64-encoded (float32 little-endian). O(total size). */
export function encodeVariables(variables: readonly tf.Variable[]): string {
  const parts = variables.map((v) => v.dataSync() as Float32Array);
  const all = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    all.set(part, offset);
    offset += part.length;
  }
  return Buffer.from(all.buffer, all.byteOffset, all.byteLength).toString('base64');
}

/** The backbone's values, concatenated in {@link backboneVariables} order and base64-encoded (a unit's JSON result). */
export function encodeBackbone(net: AdaptiveResNetParams): string {
  return encodeVariables(backboneVariables(net));
}

/** A trained network's weights file (`weights-<variant>.json` of a run): enough to rebuild it elsewhere. */
export interface SavedNet {
  readonly variant: string;
  readonly method: AdaptiveMethod;
  /** The ponder cost τ it was trained with. */
  readonly tau: number;
  readonly inChannels: 1;
  readonly classes: 10;
  readonly model: SactConfig['model'];
  /** Every variable in @proj/adaptive-compute's `adaptiveResNetVariables` order, float32 base64 (moving BN stats included). */
  readonly weights: string;
}

/** The weights file of a trained `net` of `config` (variant `variant`, ponder cost `tau`). O(parameters). */
export function saveNet(net: AdaptiveResNetParams, config: SactConfig, variant: string, tau: number): SavedNet {
  return {
    variant,
    method: net.stages[0]!.method,
    tau,
    inChannels: 1,
    classes: 10,
    model: config.model,
    weights: encodeVariables(adaptiveResNetVariables(net)),
  };
}

/**
 * Assigns backbone values written by {@link encodeBackbone} (of a network of the same config) to `net`.
 *
 * @throws Error naming `decodeBackbone` when the sizes differ.
 */
export function decodeBackbone(net: AdaptiveResNetParams, encoded: string): void {
  const bytes = Buffer.from(encoded, 'base64');
  const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const variables = backboneVariables(net);
  const size = variables.reduce((n, v) => n + v.size, 0);
  if (size !== all.length) {
    throw new Error(`decodeBackbone: argument 'encoded' holds ${all.length} values, the network ${size}`);
  }
  let offset = 0;
  for (const v of variables) {
    const values = all.subarray(offset, offset + v.size);
    tf.tidy(() => v.assign(tf.tensor(values, v.shape)));
    offset += v.size;
  }
}

/** Frees every variable of `net`. */
export function disposeNet(net: AdaptiveResNetParams): void {
  tf.dispose(adaptiveResNetVariables(net));
}
