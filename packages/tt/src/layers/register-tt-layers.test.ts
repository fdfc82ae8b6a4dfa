import { randomNormal } from '@proj/core';
import { expectClose } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { expect, it } from 'vitest';
import { registerTTLayers } from './register-tt-layers.js';
import { ttDense } from './tt-dense.js';

/** A Sequential model with a TT layer between two dense ones, and its saved artifacts (in memory). */
async function savedModel() {
  const model = tfl.sequential({
    layers: [
      ttDense({
        inputShape: [12],
        inputModes: [3, 2, 2],
        outputModes: [2, 3, 1],
        ttRank: [1, 3, 2, 1],
        activation: 'relu',
        seed: 5,
      }),
      tfl.layers.dense({ units: 2 }),
    ],
  });
  const tt = model.layers[0]!;
  tt.setWeights(tt.getWeights().map((w, k) => tf.add(w, randomNormal(w.shape, 40 + k, { stddev: 0.1 }))));
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (saved) => {
      artifacts = saved;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return { model, artifacts: artifacts! };
}

describeBackends('registerTTLayers', () => {
  it('a saved model with a TTDense fails to load before registration, and loads after it with the same predictions', async () => {
    const { model, artifacts } = await savedModel();
    // model.json holds the TT layer's arguments, in Keras' snake_case
    const topology = JSON.stringify(artifacts.modelTopology);
    expect(topology).toContain('"class_name":"TTDense"');
    expect(topology).toContain('"input_modes":[3,2,2]');
    expect(topology).toContain('"tt_rank":[1,3,2,1]');
    await expect(tfl.loadLayersModel(tf.io.fromMemory(artifacts))).rejects.toThrow(/Unknown layer: TTDense/);

    registerTTLayers();
    registerTTLayers(); // idempotent
    const loaded = await tfl.loadLayersModel(tf.io.fromMemory(artifacts));
    // unregister, so that the suite on the next backend starts unregistered again
    delete tf.serialization.SerializationMap.getMap().classNameMap.TTDense;
    expect(loaded.layers[0]!.getClassName()).toBe('TTDense');
    expect(loaded.layers[0]!.getConfig()).toEqual(model.layers[0]!.getConfig());
    expect(loaded.countParams()).toBe(model.countParams());
    const x = randomNormal([7, 12], 3);
    const expected = model.predict(x) as tf.Tensor;
    expect(tf.max(tf.abs(expected)).dataSync()[0]).toBeGreaterThan(0);
    expectClose(loaded.predict(x) as tf.Tensor, expected, { rtol: 0, atol: 0 });
    model.dispose();
    loaded.dispose();
  });
});
