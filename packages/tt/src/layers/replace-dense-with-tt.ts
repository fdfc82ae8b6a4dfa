import { assertOptions } from '@proj/core';
import type * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describeValue } from '../internal/describe.js';
import { type CompressDenseOptions, compressDense } from './compress-dense.js';
import { registerTTLayers } from './register-tt-layers.js';
import { TTDense } from './tt-dense.js';
import type { TTDenseArgs } from './tt-dense-args.js';

/** Options of {@link replaceDenseWithTT}: those of {@link compressDense}, plus the TT layer's activation. */
export interface ReplaceDenseOptions extends CompressDenseOptions {
  /** The TT layer's activation; default the Dense layer's. */
  readonly activation?: string;
}

type LayerEntry = { className: string; config: tf.serialization.ConfigDict; name?: string };

/**
 * A copy of `model` (a Sequential or functional tfjs-layers model) in which the Dense layer `layerName` is
 * replaced by a {@link TTDense} of the same name, its cores the TT-SVD of the Dense kernel
 * ({@link compressDense}: ranks up to `maxTTRank`, accuracy `epsilon`) and its bias copied; every other layer
 * is rebuilt from its config with its weights copied. `model` is not changed; the copy is not compiled. Calls
 * {@link registerTTLayers} (the copy is rebuilt through tfjs-layers' serialization). With full ranks the copy
 * computes what the original does, up to float32 rounding; with lower ranks, fine-tune it.
 *
 * Complexity: that of compressDense on the kernel, plus copying every weight once.
 *
 * @returns a new LayersModel (a Sequential for a Sequential); dispose it with `model.dispose()`.
 * @throws Error naming `replaceDenseWithTT` and the argument when `model` is not a LayersModel, `layerName` names
 *   no layer or one that is not Dense, or an option is unknown; `replaceDenseWithTT: compressDense: ...` for modes
 *   that do not fit the kernel, bad ranks or epsilon; `replaceDenseWithTT: TTDense: ...` for a bad activation.
 * @example
 * const small = replaceDenseWithTT(model, 'hidden', { inputModes: [7, 4, 7, 4], outputModes: [5, 5, 5, 5], maxTTRank: 16 });
 * small.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' }); // then fine-tune
 * @see Novikov et al., "Tensorizing Neural Networks", NeurIPS 2015 (TT layers from trained dense ones).
 * @category Layers
 */
export function replaceDenseWithTT(
  model: tfl.LayersModel,
  layerName: string,
  options: ReplaceDenseOptions,
): tfl.LayersModel {
  const fn = 'replaceDenseWithTT';
  if (!(model instanceof tfl.LayersModel)) {
    throw new Error(`${fn}: argument 'model' must be a tfjs-layers LayersModel, got ${describeValue(model)}`);
  }
  if (typeof layerName !== 'string') {
    throw new Error(`${fn}: argument 'layerName' must be a string, got ${describeValue(layerName)}`);
  }
  const dense = model.layers.find((layer) => layer.name === layerName);
  if (dense === undefined) {
    throw new Error(
      `${fn}: argument 'layerName': the model has no layer '${layerName}' (layers: ${model.layers.map((l) => l.name).join(', ')})`,
    );
  }
  if (dense.getClassName() !== 'Dense') {
    throw new Error(
      `${fn}: argument 'layerName': layer '${layerName}' is a ${dense.getClassName()}, not a Dense layer`,
    );
  }
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new Error(
      `${fn}: argument 'options' must be an object with inputModes and outputModes, got ${describeValue(options)}`,
    );
  }
  assertOptions(fn, options, ['inputModes', 'outputModes', 'maxTTRank', 'epsilon', 'activation']);
  const { activation, ...compressOptions } = options;
  const [kernel, bias] = dense.getWeights() as [tf.Tensor2D, tf.Tensor?];
  const { ttMatrix, ranks } = prefixErrors(fn, () => compressDense(kernel, compressOptions));
  try {
    const ttConfig = {
      ...baseConfig(dense.getConfig()),
      inputModes: [...options.inputModes],
      outputModes: [...options.outputModes],
      ttRank: ranks,
      activation: activation ?? (dense.getConfig().activation as string),
      useBias: bias !== undefined,
    };
    prefixErrors(fn, () => new TTDense(ttConfig as unknown as TTDenseArgs)); // validates before any layer is built
    const replace = (entry: LayerEntry): LayerEntry =>
      entry.config.name === layerName ? { ...entry, className: TTDense.className, config: ttConfig } : entry;
    registerTTLayers();
    const config = model.getConfig() as unknown as { layers: LayerEntry[] };
    const copyConfig = { ...config, layers: config.layers.map(replace) } as unknown as tf.serialization.ConfigDict;
    const copy = (
      model instanceof tfl.Sequential
        ? tfl.Sequential.fromConfig(tfl.Sequential, copyConfig, {}, true)
        : tfl.LayersModel.fromConfig(tfl.LayersModel, copyConfig, {}, true)
    ) as tfl.LayersModel;
    for (const layer of copy.layers) {
      if (layer.name === layerName) layer.setWeights([...ttMatrix.cores, ...(bias === undefined ? [] : [bias])]);
      else layer.setWeights(model.getLayer(layer.name).getWeights());
    }
    return copy;
  } finally {
    ttMatrix.dispose();
  }
}

/** The base-layer part of a Dense config that the TT layer keeps: name, trainable, input shape, dtype. */
function baseConfig(config: tf.serialization.ConfigDict): tf.serialization.ConfigDict {
  const keys = ['name', 'trainable', 'batchInputShape', 'dtype'];
  return Object.fromEntries(Object.entries(config).filter(([key]) => keys.includes(key)));
}

/** Runs `body`, prefixing the message of an Error it throws with `fn: ` (the function the user called). */
function prefixErrors<T>(fn: string, body: () => T): T {
  try {
    return body();
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    throw new Error(`${fn}: ${error.message}`, { cause: error });
  }
}
