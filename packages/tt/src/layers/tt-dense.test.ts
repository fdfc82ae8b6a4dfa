import { randomNormal } from '@proj/core';
import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { denseMatrix } from '../../test/dense-reference.js';
import { randomCores } from '../../test/random-tt.js';
import { full } from '../ops/full.js';
import { TTDense, ttDense } from './tt-dense.js';

/** x·W + b with W formed entry by entry on the host (test/dense-reference), then act. */
function denseReference(x: tf.Tensor, cores: readonly tf.Tensor[], bias: tf.Tensor | undefined, units: number) {
  return tf.tidy(() => {
    const width = x.shape[x.rank - 1]!;
    const w = tf.tensor2d(denseMatrix(cores), [width, units]);
    const y = tf.matMul(tf.reshape(x, [-1, width]), w);
    return tf.reshape(bias === undefined ? y : tf.add(y, bias), [...x.shape.slice(0, -1), units]);
  });
}

/** A built layer whose cores and bias are set to independent random values. */
function layerWithWeights(
  inputModes: number[],
  outputModes: number[],
  ranks: number[],
  seed: number,
  extra: { activation?: string; useBias?: boolean } = {},
) {
  const width = inputModes.reduce((a, b) => a * b, 1);
  const units = outputModes.reduce((a, b) => a * b, 1);
  const layer = new TTDense({ inputShape: [width], inputModes, outputModes, ttRank: ranks, ...extra });
  layer.build([null, width]);
  const cores = randomCores(
    inputModes.map((m, k) => [m, outputModes[k]!]),
    ranks,
    seed,
  );
  const bias = extra.useBias === false ? undefined : randomNormal([units], seed + 1);
  layer.setWeights([...cores, ...(bias === undefined ? [] : [bias])]);
  return { layer, cores, bias, width, units };
}

/** Frees a layer's variables (Layer.dispose refuses layers that were built but never applied). */
function disposeWeights(layer: tfl.layers.Layer): void {
  for (const weight of layer.weights) weight.dispose();
}

describeBackends('TTDense', () => {
  describe('forward', () => {
    it("T3F's MNIST layer [7,4,7,4] → [5,5,5,5], rank 4, on x (20 × 784) equals x·full(W) + b", () => {
      const { layer, cores, bias } = layerWithWeights([7, 4, 7, 4], [5, 5, 5, 5], [1, 4, 4, 4, 1], 11);
      const x = randomNormal([20, 784], 3);
      const y = layer.apply(x) as tf.Tensor;
      expect(y.shape).toEqual([20, 625]);
      const expected = denseReference(x, cores, bias, 625);
      // 784-term float32 sums: compare at the scale of the outputs.
      const scale = tf.max(tf.abs(expected)).dataSync()[0]!;
      expectClose(y, expected, { rtol: 1e-4, atol: 1e-5 * scale });
      disposeWeights(layer);
    });

    it.each([
      { inputModes: [2, 3, 2], outputModes: [3, 1, 2], ranks: [1, 3, 2, 1] },
      { inputModes: [4], outputModes: [3], ranks: [1, 1] },
      { inputModes: [2, 2, 2, 2], outputModes: [2, 3, 2, 1], ranks: [1, 2, 5, 3, 1] },
      { inputModes: [3, 5], outputModes: [4, 2], ranks: [1, 7, 1] },
    ])(
      'random modes and unequal ranks $inputModes → $outputModes, ranks $ranks',
      ({ inputModes, outputModes, ranks }) => {
        const { layer, cores, bias, width, units } = layerWithWeights(inputModes, outputModes, ranks, 5);
        const x = randomNormal([6, width], 8);
        expectClose(layer.apply(x) as tf.Tensor, denseReference(x, cores, bias, units), { rtol: 1e-4, atol: 1e-5 });
        disposeWeights(layer);
      },
    );

    it('applies the activation, works without bias and on inputs of rank 3', () => {
      const { layer, cores, width, units } = layerWithWeights([2, 3], [2, 2], [1, 2, 1], 21, {
        activation: 'relu',
        useBias: false,
      });
      const x = randomNormal([2, 3, width], 9);
      const expected = tf.relu(denseReference(x, cores, undefined, units));
      expect(tf.min(expected).dataSync()[0]).toBe(0); // some outputs are clipped, so relu is exercised
      expectClose(layer.apply(x) as tf.Tensor, expected, { rtol: 1e-4, atol: 1e-5 });
      expect(layer.computeOutputShape([null, 3, width])).toEqual([null, 3, units]);
      disposeWeights(layer);
    });

    it('is memory-neutral (only the output survives), also when the input width is wrong', async () => {
      const { layer, width } = layerWithWeights([2, 3, 2], [3, 1, 2], [1, 3, 2, 1], 5);
      const x = randomNormal([4, width], 1);
      await expectNoLeaks(() => layer.apply(x));
      const wrong = tf.ones([4, width + 1]);
      await expectNoLeaks(() => {
        expect(() => layer.apply(wrong)).toThrow(/TTDense: .*\[\.\.\., 12\].*'inputModes'/);
      });
      disposeWeights(layer);
    });
  });

  describe('gradients', () => {
    it('w.r.t. the cores and the bias equal those of the dense x·full(W) + b', () => {
      const { layer, cores, bias, width, units } = layerWithWeights([2, 3, 2], [3, 2, 2], [1, 3, 2, 1], 31);
      const x = randomNormal([5, width], 2);
      const upstream = randomNormal([5, units], 4);
      const variables = layer.trainableWeights.map((w) => w.read() as tf.Variable);
      const { grads } = tf.variableGrads(
        () => tf.sum(tf.mul(layer.apply(x) as tf.Tensor, upstream)) as tf.Scalar,
        variables,
      );
      // The dense equivalent: W assembled by einsum-free reshapes of the cores (a different route than the layer's).
      const denseLoss = (...params: tf.Tensor[]) => {
        const [c0, c1, c2, b] = params as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
        const w01 = tf.reshape(tf.matMul(tf.reshape(c0, [2 * 3, 3]), tf.reshape(c1, [3, 3 * 2 * 2])), [2, 3, 3, 2, 2]);
        const w = tf.reshape(
          tf.matMul(tf.reshape(w01, [2 * 3 * 3 * 2, 2]), tf.reshape(c2, [2, 2 * 2])),
          [2, 3, 3, 2, 2, 2],
        );
        const matrix = tf.reshape(tf.transpose(w, [0, 2, 4, 1, 3, 5]), [width, units]);
        return tf.sum(tf.mul(tf.add(tf.matMul(x, matrix), b), upstream));
      };
      const expected = tf.grads(denseLoss)([...cores, bias!]);
      expect(variables.length).toBe(4);
      variables.forEach((v, k) => {
        expectClose(grads[v.name]!, expected[k]!, { rtol: 1e-4, atol: 1e-4 });
      });
      disposeWeights(layer);
    });
  });

  describe('parameters and initialisation', () => {
    it.each([
      [4, 1725],
      [16, 15585],
    ])("T3F's MNIST layer of rank %i has %i trainable parameters", (rank, count) => {
      const layer = ttDense({ inputModes: [7, 4, 7, 4], outputModes: [5, 5, 5, 5], ttRank: rank });
      layer.build([null, 784]);
      expect(layer.countParams()).toBe(count);
      // Σ_k r_{k−1}·m_k·n_k·r_k + 625, independently
      const ranks = [1, rank, rank, rank, 1];
      const cores = [7, 4, 7, 4].reduce((sum, m, k) => sum + ranks[k]! * m * 5 * ranks[k + 1]!, 0);
      expect(count).toBe(cores + 625);
      disposeWeights(layer);
    });

    it('without bias the parameters are the cores only', () => {
      const layer = ttDense({ inputModes: [7, 4, 7, 4], outputModes: [5, 5, 5, 5], ttRank: 4, useBias: false });
      layer.build([null, 784]);
      expect(layer.countParams()).toBe(1100);
      disposeWeights(layer);
    });

    it('the same seed gives the same cores, another seed others', () => {
      const make = (seed: number) => {
        const layer = ttDense({ inputModes: [3, 4], outputModes: [2, 5], ttRank: 3, seed });
        layer.build([null, 12]);
        const values = layer.getWeights().map((w) => Array.from(w.dataSync()));
        disposeWeights(layer);
        return values;
      };
      expect(make(7)).toEqual(make(7));
      expect(make(8)[0]).not.toEqual(make(7)[0]);
    });

    it.each([
      ['glorot', 2 / (784 + 625)],
      ['he', 2 / 784],
      ['lecun', 1 / 784],
    ] as const)('%s: the entries of full(W) have mean 0 and variance %f (T3F), over 8 seeds', (name, variance) => {
      let sum = 0;
      let sumSquares = 0;
      let count = 0;
      for (let seed = 0; seed < 8; seed++) {
        const layer = ttDense({
          inputModes: [7, 4, 7, 4],
          outputModes: [5, 5, 5, 5],
          ttRank: 4,
          kernelInitializer: name,
          seed,
        });
        layer.build([null, 784]);
        const kernel = layer.kernelTT();
        const dense = full(kernel);
        for (const value of dense.dataSync()) {
          sum += value;
          sumSquares += value * value;
          count++;
        }
        kernel.dispose();
        dense.dispose();
        disposeWeights(layer);
      }
      expect(Math.abs(sum / count)).toBeLessThan(0.1 * Math.sqrt(variance));
      expect(sumSquares / count / variance).toBeGreaterThan(0.85); // 0.963 for seeds 0..7
      expect(sumSquares / count / variance).toBeLessThan(1.15);
    });

    it('kernelTT returns copies of the cores as a TT-matrix ((inputModes), (outputModes))', () => {
      const { layer, cores } = layerWithWeights([2, 3], [4, 1], [1, 2, 1], 3);
      const kernel = layer.kernelTT();
      expect(kernel.rawShape).toEqual([
        [2, 3],
        [4, 1],
      ]);
      kernel.cores.forEach((core, k) => {
        expectClose(core, cores[k]!);
      });
      kernel.dispose();
      expect(layer.getWeights()[0]!.isDisposed).toBe(false);
      disposeWeights(layer);
      expect(() => ttDense({ inputModes: [2], outputModes: [2], ttRank: 1 }).kernelTT()).toThrow(
        /TTDense.kernelTT: the layer is not built/,
      );
    });
  });

  describe('training', () => {
    it('fits in a Sequential model: the loss goes down', async () => {
      const model = tfl.sequential({
        layers: [
          ttDense({ inputShape: [12], inputModes: [3, 4], outputModes: [2, 3], ttRank: 2, activation: 'tanh' }),
          tfl.layers.dense({ units: 1 }),
        ],
      });
      model.compile({ optimizer: tf.train.adam(0.05), loss: 'meanSquaredError' });
      const x = randomNormal([32, 12], 1);
      const y = tf.sum(tf.slice(x, [0, 0], [32, 3]), 1, true);
      const history = await model.fit(x, y, { epochs: 30, batchSize: 32, verbose: 0 });
      const loss = history.history.loss as number[];
      expect(loss[loss.length - 1]!).toBeLessThan(0.5 * loss[0]!);
      model.dispose();
      tf.dispose([x, y]);
    });
  });

  describe('bad arguments', () => {
    const good = { inputModes: [2, 3], outputModes: [3, 2], ttRank: 2 };
    it.each([
      [{ ...good, inputModes: [2, 0] }, /TTDense: argument 'inputModes' must be a non-empty list of positive integers/],
      [{ ...good, outputModes: [] }, /TTDense: argument 'outputModes' must be a non-empty list/],
      [
        { ...good, outputModes: [3, 2, 1] },
        /TTDense: arguments 'inputModes' \[2,3\] and 'outputModes' \[3,2,1\] must have the same length/,
      ],
      [{ ...good, ttRank: 0 }, /TTDense: argument 'ttRank' must be a positive integer/],
      [{ ...good, ttRank: [1, 2] }, /TTDense: argument 'ttRank'/],
      [{ ...good, ttRank: undefined }, /TTDense: argument 'ttRank' is required/],
      [{ ...good, units: 6 }, /TTDense: unknown option 'units'/],
      [{ ...good, activation: 'nope' }, /TTDense: argument 'activation'/],
      [{ ...good, useBias: 1 }, /TTDense: argument 'useBias' must be a boolean/],
      [
        { ...good, kernelInitializer: 'xavier' },
        /TTDense: argument 'kernelInitializer' must be one of glorot, he, lecun/,
      ],
      [{ ...good, seed: -1 }, /TTDense: argument 'seed'/],
      [null, /TTDense: argument 'args' must be an object/],
    ])('%j throws naming TTDense and the argument', (args, message) => {
      expect(() => new TTDense(args as never)).toThrow(message);
    });

    it('an input width other than Π inputModes throws at build, naming inputModes', () => {
      const layer = ttDense(good);
      expect(() => layer.build([null, 7])).toThrow(
        /TTDense: the input width 7 does not match the product 6 of argument 'inputModes'/,
      );
      expect(() => tfl.sequential({ layers: [ttDense({ ...good, inputShape: [5] })] })).toThrow(
        /TTDense: the input width 5/,
      );
    });
  });
});
