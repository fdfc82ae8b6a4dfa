import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { matmul } from '../ops/matmul.js';
import { TensorTrain } from '../tensor-train.js';
import { initialKernel } from './initial-kernel.js';
import { baseLayerArgs, type TTDenseArgs, type TTDenseSettings, ttDenseSettings } from './tt-dense-args.js';

type Kwargs = Parameters<tfl.layers.Layer['call']>[1];
type Activation = ReturnType<typeof tfl.layers.activation>;

/**
 * A dense layer whose kernel is a TT-matrix (T3F `KerasDense`, Novikov et al. 2015): y = act(x·W + b) with W of
 * raw shape ((m_1..m_d), (n_1..n_d)) and the given TT-ranks. The weights are the d cores [r_{k−1}, m_k, n_k, r_k]
 * (named `core_k`) and the bias [Π n_k] (`bias`, zeros at first); the cores start from T3F's glorot, he or
 * lecun TT initializer with the given seed. The forward pass never forms W: x [..., Π m_k] is reshaped to its
 * input modes and contracted with the cores one by one ({@link matmul}'s dense × TT sweep, one product per
 * core). Unlike T3F's layer it serializes: `getConfig` holds every argument, and after
 * {@link registerTTLayers} a saved model loads with `tf.loadLayersModel`.
 *
 * Shapes: input [..., Π m_k], output [..., Π n_k]. Parameters: Σ_k r_{k−1}·m_k·n_k·r_k (+ Π n_k bias); the
 * T3F MNIST layer [7,4,7,4] → [5,5,5,5] of rank 4 has 1,100 + 625.
 * Complexity per input row: O(Σ_k r_{k−1}·r_k·m_k·n_k·Π_{j>k} m_j·Π_{j<k} n_j) flops, d products.
 *
 * @throws Error naming `TTDense` and the argument for bad or unknown options (see {@link TTDenseArgs}), an
 *   unknown activation, or an input whose last axis is not Π m_k.
 * @example
 * const model = tfl.sequential({ layers: [
 *   new TTDense({ inputShape: [784], inputModes: [7, 4, 7, 4], outputModes: [5, 5, 5, 5], ttRank: 4, activation: 'relu' }),
 *   tfl.layers.dense({ units: 10, activation: 'softmax' }),
 * ] }); // the TT layer has 1,725 parameters instead of 490,625
 * @see A. Novikov, D. Podoprikhin, A. Osokin, D. Vetrov, "Tensorizing Neural Networks", NeurIPS 2015;
 *   T3F `t3f.nn.KerasDense`.
 * @category Layers
 */
export class TTDense extends tfl.layers.Layer {
  /** The name under which the class is serialized and registered. */
  static className = 'TTDense';
  private readonly settings: TTDenseSettings;
  private readonly activationLayer: Activation;
  private cores: tfl.LayerVariable[] = [];
  private bias: tfl.LayerVariable | undefined;

  constructor(args: TTDenseArgs) {
    const settings = ttDenseSettings(args);
    super(baseLayerArgs(args));
    this.settings = settings;
    this.activationLayer = activationLayer(settings.activation);
  }

  /** Rebuilds a layer from {@link getConfig}'s dict (tfjs-layers adds `customObjects`, which is dropped). */
  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    const { customObjects, ...args } = config;
    return new cls(args);
  }

  /** Creates the cores (from the TT initializer) and the bias; checks the input width. */
  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfl.Shape;
    const width = shape[shape.length - 1];
    const { inputModes, inputWidth, units } = this.settings;
    if (width !== inputWidth) {
      throw new Error(
        `TTDense: the input width ${width} does not match the product ${inputWidth} of argument 'inputModes' [${inputModes.join(',')}]`,
      );
    }
    const kernel = initialKernel(this.settings);
    try {
      this.cores = kernel.cores.map((core, k) => {
        const variable = this.addWeight(`core_${k}`, core.shape, 'float32', tfl.initializers.zeros());
        variable.write(core);
        return variable;
      });
    } finally {
      kernel.dispose();
    }
    if (this.settings.useBias) this.bias = this.addWeight('bias', [units], 'float32', tfl.initializers.zeros());
    this.built = true;
  }

  /** [..., Π m_k] → [..., Π n_k]. */
  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfl.Shape;
    return [...shape.slice(0, -1), this.settings.units];
  }

  /** act(x·W + b), contracting x with the cores one by one (W is never formed). */
  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0]! : inputs;
      const { inputModes, inputWidth, units } = this.settings;
      if (x.rank < 2 || x.shape[x.rank - 1] !== inputWidth) {
        throw new Error(
          `TTDense: the input must have shape [..., ${inputWidth}] (the product of argument 'inputModes' [${inputModes.join(',')}]), got [${x.shape.join(',')}]`,
        );
      }
      const kernel = new TensorTrain(this.cores.map((core) => core.read()));
      const rows = x.rank === 2 ? x : tf.reshape(x, [-1, inputWidth]);
      let y = matmul(rows, kernel);
      if (this.bias !== undefined) y = tf.add(y, this.bias.read());
      if (x.rank !== 2) y = tf.reshape(y, [...x.shape.slice(0, -1), units]);
      return this.activationLayer.call(y, {}) as tf.Tensor;
    });
  }

  /**
   * The current kernel W as a TT-matrix of raw shape ((inputModes), (outputModes)): copies of the cores, which
   * the caller disposes.
   *
   * @throws Error naming `TTDense.kernelTT` before the layer is built.
   */
  kernelTT(): TensorTrain {
    if (!this.built) throw new Error('TTDense.kernelTT: the layer is not built yet (call it on an input first)');
    return new TensorTrain(this.cores.map((core) => tf.clone(core.read())));
  }

  /** The base layer's config plus every TTDense argument, so that a saved model can be rebuilt. */
  override getConfig(): tf.serialization.ConfigDict {
    const { inputModes, outputModes, ttRank, activation, useBias, kernelInitializer, seed } = this.settings;
    return {
      ...super.getConfig(),
      inputModes: [...inputModes],
      outputModes: [...outputModes],
      ttRank: typeof ttRank === 'number' ? ttRank : [...ttRank],
      activation,
      useBias,
      kernelInitializer,
      seed,
    };
  }
}

/**
 * A {@link TTDense} layer (the factory in the style of `tf.layers.dense`).
 *
 * @throws Error naming `TTDense` for bad arguments, as the constructor.
 * @example
 * const layer = ttDense({ inputModes: [4, 4], outputModes: [3, 3], ttRank: 2 }); // 16 → 9
 * @category Layers
 */
export function ttDense(args: TTDenseArgs): TTDense {
  return new TTDense(args);
}

function activationLayer(name: string): Activation {
  try {
    return tfl.layers.activation({ activation: name as never });
  } catch (error) {
    throw new Error(`TTDense: argument 'activation' is not a tfjs-layers activation: ${(error as Error).message}`);
  }
}
