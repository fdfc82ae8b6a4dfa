import type * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { shown } from '../internal/validate.js';
import type { PerforationMask } from '../mask/perforation-mask.js';
import type { PerforatedConv2DArgs } from './perforated-conv2d-args.js';
import { PerforatedConv2D } from './perforated-conv2d-layer.js';
import { registerPerforatedLayers } from './register-perforated-layers.js';

type LayerEntry = { className: string; config: tf.serialization.ConfigDict; name?: string };

/** The Conv2D config keys a PerforatedConv2D keeps. */
const KEPT_KEYS = [
  'name',
  'trainable',
  'batchInputShape',
  'dtype',
  'filters',
  'kernelSize',
  'strides',
  'padding',
  'dilationRate',
  'activation',
  'useBias',
];

/**
 * A copy of `model` (a Sequential or functional tfjs-layers model) in which every Conv2D layer named in `masks`
 * is replaced by a {@link PerforatedConv2D} of the same name, arguments and weights that computes only that
 * mask's positions; every other layer is rebuilt from its config with its weights copied. `model` is not
 * changed; the copy is not compiled. Calls {@link registerPerforatedLayers} (the copy is rebuilt through
 * tfjs-layers' serialization). With full masks the copy computes exactly what the original does; with
 * perforation, the replaced layers' outputs agree at the kept positions (fine-tune to recover accuracy).
 *
 * Complexity: rebuilding the model plus copying every weight once, and O(H·W·(H + W)) per mask.
 *
 * @param masks conv layer name → the mask over that layer's OH × OW output grid (e.g. from `gridMask` of `@proj/perforated-cnn`).
 * @returns a new LayersModel (a Sequential for a Sequential); dispose it with `model.dispose()`.
 * @throws Error naming `perforateModel` and the argument when `model` is not a LayersModel, `masks` is not an
 *   object, names no layer or one that is not a channels-last Conv2D with 'valid' or 'same' padding, or holds a
 *   mask whose grid is not that layer's output grid.
 * @example
 * const fast = perforateModel(model, { conv2: impactMask(impact, 14, 14, 0.5) });
 * @see Figurnov, Ibraimova, Vetrov, Kohli. "PerforatedCNNs". NIPS 2016.
 * @category Layers
 */
export function perforateModel(
  model: tfl.LayersModel,
  masks: Readonly<Record<string, PerforationMask>>,
): tfl.LayersModel {
  const fn = 'perforateModel';
  if (!(model instanceof tfl.LayersModel)) {
    throw new Error(`${fn}: argument 'model' must be a tfjs-layers LayersModel, got ${shown(model)}`);
  }
  if (masks === null || typeof masks !== 'object' || Array.isArray(masks)) {
    throw new Error(`${fn}: argument 'masks' must be an object { convLayerName: mask }, got ${shown(masks)}`);
  }
  const replacements = new Map<string, tf.serialization.ConfigDict>();
  for (const [name, mask] of Object.entries(masks)) {
    replacements.set(name, perforatedConfig(model, name, mask, fn));
  }
  registerPerforatedLayers();
  const replace = (entry: LayerEntry): LayerEntry => {
    const config = replacements.get(entry.config.name as string);
    return config === undefined ? entry : { ...entry, className: PerforatedConv2D.className, config };
  };
  const config = model.getConfig() as unknown as { layers: LayerEntry[] };
  const copyConfig = { ...config, layers: config.layers.map(replace) } as unknown as tf.serialization.ConfigDict;
  const copy = (
    model instanceof tfl.Sequential
      ? tfl.Sequential.fromConfig(tfl.Sequential, copyConfig, {}, true)
      : tfl.LayersModel.fromConfig(tfl.LayersModel, copyConfig, {}, true)
  ) as tfl.LayersModel;
  for (const layer of copy.layers) layer.setWeights(model.getLayer(layer.name).getWeights());
  return copy;
}

/** The PerforatedConv2D config replacing Conv2D `name` of `model`, checked by building the layer once. */
function perforatedConfig(
  model: tfl.LayersModel,
  name: string,
  mask: PerforationMask,
  fn: string,
): tf.serialization.ConfigDict {
  const arg = `masks.${name}`;
  const conv = model.layers.find((layer) => layer.name === name);
  if (conv === undefined) {
    throw new Error(
      `${fn}: argument '${arg}': the model has no layer '${name}' (layers: ${model.layers.map((l) => l.name).join(', ')})`,
    );
  }
  if (conv.getClassName() !== 'Conv2D') {
    throw new Error(`${fn}: argument '${arg}': layer '${name}' is a ${conv.getClassName()}, not a Conv2D layer`);
  }
  const convConfig = conv.getConfig();
  if (convConfig.dataFormat !== 'channelsLast') {
    throw new Error(
      `${fn}: argument '${arg}': layer '${name}' is not channels-last (dataFormat '${convConfig.dataFormat}')`,
    );
  }
  if (mask === null || typeof mask !== 'object') {
    throw new Error(`${fn}: argument '${arg}' must be a PerforationMask, got ${shown(mask)}`);
  }
  const [, outHeight, outWidth] = conv.outputShape as number[];
  if (mask.height !== outHeight || mask.width !== outWidth) {
    throw new Error(
      `${fn}: argument '${arg}' is a ${mask.height}×${mask.width} mask, but layer '${name}' outputs a ${outHeight}×${outWidth} grid`,
    );
  }
  const config = {
    ...Object.fromEntries(Object.entries(convConfig).filter(([key]) => KEPT_KEYS.includes(key))),
    mask: { height: mask.height, width: mask.width, kept: Array.from(mask.kept ?? []), strategy: mask.strategy },
  } as unknown as tf.serialization.ConfigDict;
  try {
    new PerforatedConv2D(config as unknown as PerforatedConv2DArgs); // validates before any model is built
  } catch (error) {
    throw new Error(`${fn}: argument '${arg}': ${(error as Error).message}`, { cause: error });
  }
  return config;
}
