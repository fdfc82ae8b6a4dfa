import { randomNormal } from '@proj/core';
import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { expect, it } from 'vitest';
import { gridMask } from '../mask/grid-mask.js';
import { fullMask } from '../mask/perforation-mask.js';
import { uniformMask } from '../mask/uniform-mask.js';
import { PerforatedConv2D } from './perforated-conv2d-layer.js';

/** relu(conv2d(x, W) + b) by tf.conv2d, the dense reference. */
const denseReference = (x: tf.Tensor4D, w: tf.Tensor4D, b: tf.Tensor1D, strides: number, pad: 'same' | 'valid') =>
  tf.relu(tf.add(tf.conv2d(x, w, strides, pad), b));

/** Frees a layer's variables (Layer.dispose refuses layers that were built but never applied). */
function disposeWeights(layer: tfl.layers.Layer): void {
  for (const weight of layer.weights) weight.dispose();
}

describeBackends('PerforatedConv2D', () => {
  it('with a full mask equals relu(tf.conv2d + bias) (same and valid padding, strides)', () => {
    for (const [pad, strides, oh, ow] of [
      ['same', 1, 7, 6],
      ['valid', 1, 5, 4],
      ['same', 2, 4, 3],
    ] as const) {
      const layer = new PerforatedConv2D({
        filters: 4,
        kernelSize: 3,
        strides,
        padding: pad,
        activation: 'relu',
        mask: fullMask(oh, ow),
      });
      layer.build([null, 7, 6, 3]);
      const w = randomNormal([3, 3, 3, 4], 2) as tf.Tensor4D;
      const b = randomNormal([4], 3) as tf.Tensor1D;
      layer.setWeights([w, b]);
      const x = randomNormal([2, 7, 6, 3], 1) as tf.Tensor4D;
      const y = layer.apply(x) as tf.Tensor;
      expect(y.shape).toEqual([2, oh, ow, 4]);
      tf.tidy(() => expectClose(y, denseReference(x, w, b, strides, pad), { rtol: 1e-4, atol: 1e-5 }));
      tf.dispose([x, y, w, b]);
      disposeWeights(layer);
    }
  });

  it('with a mask: kept positions equal the dense conv, the others copy their nearest kept position', () => {
    const mask = uniformMask(6, 5, 0.4, 3);
    const layer = new PerforatedConv2D({ filters: 3, kernelSize: [3, 2], padding: 'same', mask, useBias: false });
    const x = randomNormal([2, 6, 5, 2], 4) as tf.Tensor4D;
    tf.tidy(() => {
      const y = layer.apply(x) as tf.Tensor;
      const dense = tf.conv2d(x, layer.getWeights()[0] as tf.Tensor4D, 1, 'same');
      const flat = (t: tf.Tensor) => tf.reshape(t, [2, 30, 3]);
      const expected = tf.gather(
        flat(dense),
        Array.from(mask.nearest, (i) => mask.kept[i]!),
        1,
      );
      expectClose(flat(y), expected, { rtol: 1e-4, atol: 1e-5 });
    });
    tf.dispose(x);
    disposeWeights(layer);
  });

  it('trains: the kernel gradient is that of the dense conv read through the nearest kept positions', () => {
    const mask = gridMask(6, 6, 0.3, 2);
    const layer = new PerforatedConv2D({ filters: 2, kernelSize: 3, padding: 'same', mask });
    const x = randomNormal([2, 6, 6, 3], 5) as tf.Tensor4D;
    const r = randomNormal([2, 36, 2], 6);
    layer.apply(x); // builds
    const [kernel, bias] = layer.trainableWeights.map((w) => w.read()) as [tf.Tensor4D, tf.Tensor1D];
    tf.tidy(() => {
      const { grads } = tf.variableGrads(
        () => tf.sum(tf.mul(tf.reshape(layer.apply(x) as tf.Tensor, [2, 36, 2]), r)) as tf.Scalar,
        [kernel as tf.Variable],
      );
      const source = Array.from(mask.nearest, (i) => mask.kept[i]!);
      const reference = tf.grad((k: tf.Tensor) =>
        tf.sum(
          tf.mul(
            tf.gather(tf.reshape(tf.add(tf.conv2d(x, k as tf.Tensor4D, 1, 'same'), bias), [2, 36, 2]), source, 1),
            r,
          ),
        ),
      )(kernel);
      expectClose(grads[(kernel as tf.Variable).name]!, reference, { rtol: 1e-4, atol: 1e-5 });
    });
    tf.dispose([x, r]);
    disposeWeights(layer);
  });

  it('getConfig holds every argument and fromConfig rebuilds the layer', () => {
    const mask = gridMask(8, 8, 0.25, 2);
    const layer = new PerforatedConv2D({
      name: 'pc',
      filters: 5,
      kernelSize: 3,
      strides: [1, 1],
      padding: 'same',
      activation: 'tanh',
      mask,
    });
    const config = layer.getConfig();
    expect(config).toMatchObject({
      name: 'pc',
      filters: 5,
      kernelSize: [3, 3],
      strides: [1, 1],
      padding: 'same',
      dilationRate: [1, 1],
      activation: 'tanh',
      useBias: true,
      mask: { height: 8, width: 8, kept: Array.from(mask.kept), strategy: 'grid' },
    });
    const copy = PerforatedConv2D.fromConfig(PerforatedConv2D, { ...config, customObjects: {} });
    expect(copy.getConfig()).toEqual(config);
  });

  it('is memory-neutral (only the output survives), also when the input does not fit the mask', async () => {
    const layer = new PerforatedConv2D({ filters: 2, kernelSize: 3, padding: 'same', mask: fullMask(4, 4) });
    const x = randomNormal([1, 4, 4, 1], 2);
    layer.apply(x); // builds
    await expectNoLeaks(() => layer.apply(x));
    const flat = tf.zeros([1, 4, 4]);
    await expectNoLeaks(() => {
      expect(() => layer.apply(flat)).toThrow(/PerforatedConv2D: the input must have shape/);
    });
    const other = new PerforatedConv2D({ filters: 2, kernelSize: 3, mask: fullMask(4, 4) });
    await expectNoLeaks(() => {
      expect(() => other.apply(x)).toThrow(
        /PerforatedConv2D: the conv output grid 2×2 .* does not match argument 'mask'/,
      );
    });
    tf.dispose([x, flat]);
    disposeWeights(layer);
  });

  it('rejects bad arguments naming the layer and the argument', () => {
    const mask = fullMask(4, 4);
    const make = (args: object) => () => new PerforatedConv2D({ filters: 2, kernelSize: 3, mask, ...args } as never);
    expect(make({ filters: 0 })).toThrow(/PerforatedConv2D: argument 'filters'/);
    expect(make({ kernelSize: [3] })).toThrow(/PerforatedConv2D: argument 'kernelSize'/);
    expect(make({ strides: 0 })).toThrow(/PerforatedConv2D: argument 'strides'/);
    expect(make({ padding: 'causal' })).toThrow(/PerforatedConv2D: argument 'padding'/);
    expect(make({ useBias: 1 })).toThrow(/PerforatedConv2D: argument 'useBias'/);
    expect(make({ activation: 'nope' })).toThrow(/PerforatedConv2D: argument 'activation'/);
    expect(make({ mask: null })).toThrow(/PerforatedConv2D: argument 'mask'/);
    expect(make({ mask: { height: 4, width: 4, kept: [16] } })).toThrow(/PerforatedConv2D: argument 'mask.kept'/);
    expect(make({ mask: { height: 0, width: 4, kept: [0] } })).toThrow(/PerforatedConv2D: argument 'mask.height'/);
    expect(make({ filterz: 2 })).toThrow(/PerforatedConv2D: unknown option 'filterz'/);
  });
});
