import * as tf from '@tensorflow/tfjs-core';
import { PerforatedConv2D } from './perforated-conv2d-layer.js';

/**
 * Registers {@link PerforatedConv2D} with the serialization of tfjs-layers, so that `tf.loadLayersModel` (and
 * `tfl.models.modelFromJSON`) can rebuild saved models that contain it. Call it once before loading; calling it
 * again changes nothing. Importing `@proj/perforated-cnn/layers` registers nothing by itself.
 *
 * Without it, loading such a model fails with tfjs' `Unknown layer: PerforatedConv2D` error. O(1).
 *
 * @example
 * registerPerforatedLayers();
 * const model = await tfl.loadLayersModel('file://./model/model.json');
 * @category Layers
 */
export function registerPerforatedLayers(): void {
  tf.serialization.registerClass(PerforatedConv2D);
}
