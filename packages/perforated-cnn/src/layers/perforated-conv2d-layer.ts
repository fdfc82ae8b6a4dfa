import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { perforatedConv2d } from '../conv/perforated-conv2d.js';
import {
  baseLayerArgs,
  convOutputSide,
  type PerforatedConv2DArgs,
  type PerforatedConv2DSettings,
  perforatedConv2DSettings,
} from './perforated-conv2d-args.js';

type Kwargs = Parameters<tfl.layers.Layer['call']>[1];
type Activation = ReturnType<typeof tfl.layers.activation>;

/**
 * A 2-D convolution layer (channels-last, like `tf.layers.conv2d`) that computes its output only at the kept
 * positions of a fixed perforation mask and fills every other position with its nearest kept one
 * ({@link perforatedConv2d}, Figurnov et al., PerforatedCNNs, NIPS 2016): y = act(perforatedConv2d(x, W) + b).
 * Weights `kernel` [KH, KW, Cin, filters] and `bias` [filters], in Conv2D's order, so Conv2D weights load as
 * they are (see {@link perforateModel}). Trainable (fine-tuning): gradients flow to the kernel from the kept
 * positions only. `getConfig` holds every argument, the mask included; after {@link registerPerforatedLayers}
 * a saved model loads with `tf.loadLayersModel`.
 *
 * Shapes: input [N, H, W, Cin] → output [N, OH, OW, filters], where OH × OW (set by padding, strides,
 * dilation) must equal the mask's height × width. Cost: keepFraction × that of the dense conv, plus the fill.
 *
 * @throws Error naming `PerforatedConv2D` and the argument for bad or unknown options, an unknown activation,
 *   or an input whose conv output grid does not match the mask.
 * @example
 * const layer = new PerforatedConv2D({ inputShape: [28, 28, 1], filters: 20, kernelSize: 5, padding: 'same',
 *   activation: 'relu', mask: gridMask(28, 28, 0.5, 0) });
 * @see Figurnov, Ibraimova, Vetrov, Kohli. "PerforatedCNNs: Acceleration through Elimination of Redundant
 *   Convolutions". NIPS 2016.
 * @category Layers
 */
export class PerforatedConv2D extends tfl.layers.Layer {
  /** The name under which the class is serialized and registered. */
  static className = 'PerforatedConv2D';
  private readonly settings: PerforatedConv2DSettings;
  private readonly activationLayer: Activation;
  private kernel: tfl.LayerVariable | undefined;
  private bias: tfl.LayerVariable | undefined;

  constructor(args: PerforatedConv2DArgs) {
    const settings = perforatedConv2DSettings(args);
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

  /** Checks that the conv output grid of `inputShape` is the mask's; creates the kernel (Glorot uniform) and bias. */
  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfl.Shape;
    const [outHeight, outWidth] = this.outputGrid(shape);
    const { mask, kernelSize, filters } = this.settings;
    if (outHeight !== mask.height || outWidth !== mask.width) {
      throw new Error(
        `PerforatedConv2D: the conv output grid ${outHeight}×${outWidth} of input [${shape.join(',')}] does not match argument 'mask' (${mask.height}×${mask.width})`,
      );
    }
    const inChannels = shape[3] as number;
    this.kernel = this.addWeight(
      'kernel',
      [kernelSize[0], kernelSize[1], inChannels, filters],
      'float32',
      tfl.initializers.glorotUniform({}),
    );
    if (this.settings.useBias) this.bias = this.addWeight('bias', [filters], 'float32', tfl.initializers.zeros());
    this.built = true;
  }

  /** [N, H, W, Cin] → [N, OH, OW, filters]. */
  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfl.Shape;
    return [shape[0]!, ...this.outputGrid(shape), this.settings.filters];
  }

  /** act(perforatedConv2d(x, kernel, mask) + bias). */
  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0]! : inputs;
      const { mask, strides, padding, dilationRate } = this.settings;
      if (x.rank !== 4) {
        throw new Error(`PerforatedConv2D: the input must have shape [N, H, W, Cin], got [${x.shape.join(',')}]`);
      }
      let y: tf.Tensor = perforatedConv2d(x as tf.Tensor4D, this.kernel!.read() as tf.Tensor4D, mask, {
        strides,
        pad: padding,
        dilations: dilationRate,
      });
      if (this.bias !== undefined) y = tf.add(y, this.bias.read());
      return this.activationLayer.call(y, {}) as tf.Tensor;
    });
  }

  /** The base layer's config plus every PerforatedConv2D argument, the mask as { height, width, kept, strategy }. */
  override getConfig(): tf.serialization.ConfigDict {
    const { filters, kernelSize, strides, padding, dilationRate, activation, useBias, mask } = this.settings;
    return {
      ...super.getConfig(),
      filters,
      kernelSize: [...kernelSize],
      strides: [...strides],
      padding,
      dilationRate: [...dilationRate],
      activation,
      useBias,
      mask: { height: mask.height, width: mask.width, kept: Array.from(mask.kept), strategy: mask.strategy },
    };
  }

  private outputGrid(shape: tfl.Shape): [number, number] {
    const { kernelSize, strides, dilationRate, padding } = this.settings;
    if (shape.length !== 4 || typeof shape[1] !== 'number' || typeof shape[2] !== 'number') {
      throw new Error(
        `PerforatedConv2D: the input must have shape [N, H, W, Cin] with known H and W, got [${shape.join(',')}]`,
      );
    }
    return [0, 1].map((axis) =>
      convOutputSide(shape[axis + 1] as number, kernelSize[axis]!, strides[axis]!, dilationRate[axis]!, padding),
    ) as [number, number];
  }
}

function activationLayer(name: string): Activation {
  try {
    return tfl.layers.activation({ activation: name as never });
  } catch (error) {
    throw new Error(
      `PerforatedConv2D: argument 'activation' is not a tfjs-layers activation: ${(error as Error).message}`,
    );
  }
}
