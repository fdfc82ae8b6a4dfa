import * as tf from '@tensorflow/tfjs-core';
import { TTDense } from './tt-dense.js';

/**
 * Registers {@link TTDense} with the serialization of tfjs-layers, so that `tf.loadLayersModel` (and
 * `tfl.models.modelFromJSON`) can rebuild saved models that contain it. Call it once before loading;
 * calling it again changes nothing. Importing `@proj/tt/layers` registers nothing by itself.
 *
 * Without it, loading a model with a TTDense layer fails with tfjs' `Unknown layer: TTDense` error.
 *
 * @example
 * registerTTLayers();
 * const model = await tfl.loadLayersModel('file://./model/model.json');
 * @category Layers
 */
export function registerTTLayers(): void {
  tf.serialization.registerClass(TTDense);
}
