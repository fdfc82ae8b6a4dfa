import { randomNormal } from '@proj/core';
import { expectClose } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { replaceDenseWithTT } from './replace-dense-with-tt.js';

const modes = { inputModes: [2, 4], outputModes: [3, 4] }; // 8 → 12

function sequentialModel() {
  return tfl.sequential({
    layers: [
      tfl.layers.dense({ inputShape: [8], units: 12, activation: 'tanh', name: 'hidden' }),
      tfl.layers.dense({ units: 3, name: 'out' }),
    ],
  });
}

function functionalModel() {
  const input = tfl.input({ shape: [8] });
  const hidden = tfl.layers.dense({ units: 12, activation: 'relu', name: 'hidden' }).apply(input) as tfl.SymbolicTensor;
  const output = tfl.layers.dense({ units: 3, name: 'out' }).apply(hidden) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: output });
}

describeBackends('replaceDenseWithTT', () => {
  describe('replaceDenseWithTT', () => {
    it.each([
      ['Sequential', sequentialModel],
      ['functional', functionalModel],
    ])('at full ranks a %s copy predicts what the original does', (_, build) => {
      const before = tf.memory().numTensors;
      const model = build();
      const copy = replaceDenseWithTT(model, 'hidden', { ...modes, maxTTRank: 100 });
      expect(copy).not.toBe(model);
      expect(copy instanceof tfl.Sequential).toBe(model instanceof tfl.Sequential);
      const tt = copy.getLayer('hidden');
      expect(tt.getClassName()).toBe('TTDense');
      expect(tt.getConfig()).toMatchObject({
        ...modes,
        ttRank: [1, 6, 1],
        activation: model.getLayer('hidden').getConfig().activation,
      });
      expect(model.getLayer('hidden').getClassName()).toBe('Dense'); // the original is unchanged
      const x = randomNormal([10, 8], 1);
      tf.tidy(() => {
        expectClose(copy.predict(x) as tf.Tensor, model.predict(x) as tf.Tensor, { rtol: 1e-4, atol: 1e-5 });
      });
      tf.dispose(x);
      model.dispose();
      copy.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });

    it('at lower ranks it has fewer parameters and an activation of choice', () => {
      const model = sequentialModel();
      const copy = replaceDenseWithTT(model, 'hidden', { ...modes, maxTTRank: 2, activation: 'linear' });
      const tt = copy.getLayer('hidden');
      expect(tt.getConfig()).toMatchObject({ ttRank: [1, 2, 1], activation: 'linear' });
      // 1·2·3·2 + 2·4·4·1 = 12 + 32 cores, 12 bias
      expect(tt.countParams()).toBe(56);
      expect(copy.getLayer('out').getWeights()[0]!.dataSync()).toEqual(
        model.getLayer('out').getWeights()[0]!.dataSync(),
      );
      model.dispose();
      copy.dispose();
    });

    it('throws naming replaceDenseWithTT and the argument, leaving no tensors behind', () => {
      const model = sequentialModel();
      const before = tf.memory().numTensors;
      expect(() => replaceDenseWithTT({} as never, 'hidden', modes)).toThrow(
        /replaceDenseWithTT: argument 'model' must be a tfjs-layers LayersModel/,
      );
      expect(() => replaceDenseWithTT(model, 'nope', modes)).toThrow(
        /replaceDenseWithTT: argument 'layerName': the model has no layer 'nope' \(layers: hidden, out\)/,
      );
      expect(() => replaceDenseWithTT(model, 'hidden', { ...modes, maxRank: 2 } as never)).toThrow(
        /replaceDenseWithTT: unknown option 'maxRank'/,
      );
      expect(() => replaceDenseWithTT(model, 'hidden', { inputModes: [2, 2], outputModes: [3, 4] })).toThrow(
        /replaceDenseWithTT: compressDense: argument 'kernel' must have shape \[4,12\]/,
      );
      expect(() => replaceDenseWithTT(model, 'hidden', { ...modes, activation: 'nope' })).toThrow(
        /replaceDenseWithTT: TTDense: argument 'activation'/,
      );
      expect(tf.memory().numTensors).toBe(before);
      model.dispose();
    });

    it('throws for a layer that is not Dense', () => {
      const model = tfl.sequential({ layers: [tfl.layers.flatten({ inputShape: [2, 4], name: 'flat' })] });
      expect(() => replaceDenseWithTT(model, 'flat', modes)).toThrow(
        /replaceDenseWithTT: argument 'layerName': layer 'flat' is a Flatten, not a Dense layer/,
      );
      model.dispose();
    });
  });
});
