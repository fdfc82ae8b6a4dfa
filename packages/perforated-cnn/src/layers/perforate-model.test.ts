import { randomNormal } from '@proj/core';
import { expectClose } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { expect, it } from 'vitest';
import { gridMask } from '../mask/grid-mask.js';
import { fullMask } from '../mask/perforation-mask.js';
import { poolingStructureMask } from '../mask/pooling-structure-mask.js';
import { perforateModel } from './perforate-model.js';

/** conv1 5×5 1→4 same + relu → maxPool 3×3/2 (12 → 5) → conv2 3×3 4→6 valid (5 → 3) → dense 3. */
function sequentialModel() {
  return tfl.sequential({
    layers: [
      tfl.layers.conv2d({
        inputShape: [12, 12, 1],
        filters: 4,
        kernelSize: 5,
        padding: 'same',
        activation: 'relu',
        name: 'conv1',
      }),
      tfl.layers.maxPooling2d({ poolSize: 3, strides: 2, name: 'pool1' }),
      tfl.layers.conv2d({ filters: 6, kernelSize: 3, activation: 'relu', name: 'conv2' }),
      tfl.layers.flatten({ name: 'flat' }),
      tfl.layers.dense({ units: 3, name: 'out' }),
    ],
  });
}

function functionalModel() {
  const input = tfl.input({ shape: [12, 12, 1] });
  const conv = tfl.layers.conv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', name: 'conv1' });
  const hidden = conv.apply(input) as tfl.SymbolicTensor;
  const flat = tfl.layers.flatten().apply(hidden) as tfl.SymbolicTensor;
  const output = tfl.layers.dense({ units: 2, activation: 'softmax', name: 'out' }).apply(flat) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: output });
}

/** Random biases, so that bias copying is checked too (Conv2D biases start at zero). */
function randomizeBiases(model: tfl.LayersModel): void {
  model.layers.forEach((layer, k) => {
    const weights = layer.getWeights();
    if (weights.length !== 2) return;
    const bias = randomNormal(weights[1]!.shape, 70 + k, { stddev: 0.2 });
    layer.setWeights([weights[0]!, bias]);
    bias.dispose();
  });
}

describeBackends('perforateModel', () => {
  it.each([
    ['Sequential', sequentialModel, { conv1: fullMask(12, 12), conv2: fullMask(3, 3) }],
    ['functional', functionalModel, { conv1: fullMask(6, 6) }],
  ] as const)('with full masks a %s copy predicts what the original does', (_, build, masks) => {
    const before = tf.memory().numTensors;
    const model = build();
    randomizeBiases(model);
    const copy = perforateModel(model, masks);
    expect(copy).not.toBe(model);
    expect(copy instanceof tfl.Sequential).toBe(model instanceof tfl.Sequential);
    expect(copy.getLayer('conv1').getClassName()).toBe('PerforatedConv2D');
    expect(model.getLayer('conv1').getClassName()).toBe('Conv2D'); // the original is unchanged
    expect(copy.countParams()).toBe(model.countParams());
    const x = randomNormal([5, 12, 12, 1], 1);
    tf.tidy(() => {
      expectClose(copy.predict(x) as tf.Tensor, model.predict(x) as tf.Tensor, { rtol: 1e-5, atol: 1e-6 });
    });
    tf.dispose(x);
    model.dispose();
    copy.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('with a mask, the perforated layer agrees with the original conv at the kept positions only', () => {
    const model = sequentialModel();
    randomizeBiases(model);
    const mask = poolingStructureMask(12, 12, 0.3, { size: 3, stride: 2 }, 4);
    const copy = perforateModel(model, { conv1: mask });
    expect(copy.getLayer('conv1').getConfig()).toMatchObject({
      filters: 4,
      kernelSize: [5, 5],
      padding: 'same',
      activation: 'relu',
      mask: { height: 12, width: 12, strategy: 'pooling' },
    });
    const x = randomNormal([3, 12, 12, 1], 2);
    const conv1 = (m: tfl.LayersModel) => tfl.model({ inputs: m.inputs, outputs: m.getLayer('conv1').output });
    tf.tidy(() => {
      const flat = (t: tf.Tensor) => tf.reshape(t, [3, 144, 4]);
      const original = flat(conv1(model).predict(x) as tf.Tensor);
      const perforated = flat(conv1(copy).predict(x) as tf.Tensor);
      const kept = Array.from(mask.kept);
      expectClose(tf.gather(perforated, kept, 1), tf.gather(original, kept, 1), { rtol: 1e-5, atol: 1e-6 });
      const skipped = [...Array(144).keys()].filter((p) => !kept.includes(p));
      const gap = tf.max(tf.abs(tf.sub(tf.gather(perforated, skipped, 1), tf.gather(original, skipped, 1))));
      expect(gap.dataSync()[0]).toBeGreaterThan(1e-3);
    });
    tf.dispose(x);
    model.dispose();
    copy.dispose();
  });

  it('rejects bad input naming the function and the argument, leaving no tensors behind', () => {
    const model = sequentialModel();
    const before = tf.memory().numTensors;
    expect(() => perforateModel({} as never, {})).toThrow(/perforateModel: argument 'model'/);
    expect(() => perforateModel(model, null as never)).toThrow(/perforateModel: argument 'masks'/);
    expect(() => perforateModel(model, { conv9: fullMask(3, 3) })).toThrow(
      /perforateModel: argument 'masks.conv9': the model has no layer 'conv9'/,
    );
    expect(() => perforateModel(model, { out: fullMask(1, 3) })).toThrow(/layer 'out' is a Dense, not a Conv2D/);
    expect(() => perforateModel(model, { conv2: gridMask(5, 5, 0.5, 0) })).toThrow(
      /perforateModel: argument 'masks.conv2' is a 5×5 mask, but layer 'conv2' outputs a 3×3 grid/,
    );
    expect(() => perforateModel(model, { conv2: 'grid' as never })).toThrow(/perforateModel: argument 'masks.conv2'/);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
