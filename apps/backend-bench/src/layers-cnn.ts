import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { TrainStepConfig } from './config.js';

/**
 * The CNN of `cnn.ts` as users write it with @tensorflow/tfjs-layers: conv(3×3, same, ReLU) + maxPool(2×2)
 * twice, flatten, dense softmax head, categorical cross-entropy, Adam. Layers' default (unseeded glorot)
 * initialisation: the model is timed, not compared.
 */
export function layersCnn(config: TrainStepConfig): tfl.Sequential {
  const [c1, c2] = config.channels;
  const model = tfl.sequential({
    layers: [
      tfl.layers.conv2d({
        inputShape: [config.imageSize, config.imageSize, 1],
        filters: c1,
        kernelSize: 3,
        padding: 'same',
        activation: 'relu',
      }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.conv2d({ filters: c2, kernelSize: 3, padding: 'same', activation: 'relu' }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: config.classes, activation: 'softmax' }),
    ],
  });
  return model;
}

/**
 * A tfjs-layers trainer on the active backend: `step` is one `model.fit` of one epoch over the batch as a single
 * batch (what a user's training loop runs), resolving to the loss before the update.
 */
export function layersTrainer(config: TrainStepConfig, images: tf.Tensor4D, labels: tf.Tensor2D) {
  const model = layersCnn(config);
  const optimizer = tf.train.adam(config.learningRate);
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  return {
    async step(): Promise<number> {
      const history = await model.fit(images, labels, {
        batchSize: config.batch,
        epochs: 1,
        shuffle: false,
        verbose: 0,
      });
      return history.history.loss![0] as number;
    },
    dispose() {
      model.dispose();
      optimizer.dispose();
    },
  };
}
