import { randomNormal } from '@proj/core';
import { expectClose } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { expect, it } from 'vitest';
import { gridMask } from '../mask/grid-mask.js';
import { PerforatedConv2D } from './perforated-conv2d-layer.js';
import { registerPerforatedLayers } from './register-perforated-layers.js';

/** A Sequential model with a perforated conv before a dense head, and its saved artifacts (in memory). */
async function savedModel() {
  const model = tfl.sequential({
    layers: [
      new PerforatedConv2D({
        inputShape: [8, 8, 2],
        filters: 3,
        kernelSize: 3,
        padding: 'same',
        activation: 'relu',
        mask: gridMask(8, 8, 0.3, 5),
      }),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: 2 }),
    ],
  });
  const conv = model.layers[0]!;
  conv.setWeights(conv.getWeights().map((w, k) => tf.add(w, randomNormal(w.shape, 40 + k, { stddev: 0.1 }))));
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (saved) => {
      artifacts = saved;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return { model, artifacts: artifacts! };
}

describeBackends('registerPerforatedLayers', () => {
  it('a saved model fails to load before registration, and loads after it with the same mask and predictions', async () => {
    const { model, artifacts } = await savedModel();
    const topology = JSON.stringify(artifacts.modelTopology);
    expect(topology).toContain('"class_name":"PerforatedConv2D"');
    expect(topology).toContain('"strategy":"grid"');
    await expect(tfl.loadLayersModel(tf.io.fromMemory(artifacts))).rejects.toThrow(/Unknown layer: PerforatedConv2D/);

    registerPerforatedLayers();
    registerPerforatedLayers(); // idempotent
    const loaded = await tfl.loadLayersModel(tf.io.fromMemory(artifacts));
    // unregister, so that the suite on the next backend starts unregistered again
    delete tf.serialization.SerializationMap.getMap().classNameMap.PerforatedConv2D;
    expect(loaded.layers[0]!.getClassName()).toBe('PerforatedConv2D');
    expect(loaded.layers[0]!.getConfig()).toEqual(model.layers[0]!.getConfig());
    const x = randomNormal([4, 8, 8, 2], 3);
    const expected = model.predict(x) as tf.Tensor;
    expect(tf.max(tf.abs(expected)).dataSync()[0]).toBeGreaterThan(0);
    expectClose(loaded.predict(x) as tf.Tensor, expected, { rtol: 0, atol: 0 });
    tf.dispose([x, expected]);
    model.dispose();
    loaded.dispose();
  });
});
