import * as tf from '@tensorflow/tfjs-core';
import { assertObject, assertOneOf, shown } from '../internal/validate.js';
import { loadWeights, type SavedWeight, saveWeights } from '../internal/weights.js';
import { type ConvConfig, createConvNetworks } from '../nn/conv-networks.js';
import { createNetworks, type NetworkConfig } from '../nn/networks.js';
import { netVariables, type VaeacNets } from '../nn/vaeac-nets.js';
import { assertImageVaeac, type ImageLikelihood, ImageVaeac } from './image-vaeac.js';

/** A trained {@link ImageVaeac} as plain JSON-serializable data (see {@link saveImageVaeac}). */
export interface ImageVaeacArtifacts {
  readonly format: 'proj-image-vaeac';
  readonly version: 1;
  readonly height: number;
  readonly width: number;
  readonly likelihood: ImageLikelihood;
  readonly network: 'mlp' | 'conv';
  /** The network sizes (MLP: input/output widths, width, depth, latentDim; conv: channels, latentDim, ...). */
  readonly config: Readonly<Record<string, number>>;
  readonly weights: readonly SavedWeight[];
}

/**
 * The image model as JSON-serializable artifacts; `loadImageVaeac(saveImageVaeac(m))` inpaints exactly as `m`.
 * O(parameters).
 *
 * @throws Error naming `saveImageVaeac` for anything but a live ImageVaeac.
 */
export function saveImageVaeac(model: ImageVaeac): ImageVaeacArtifacts {
  assertImageVaeac(model, 'saveImageVaeac');
  const nets = model.networks;
  return {
    format: 'proj-image-vaeac',
    version: 1,
    height: model.height,
    width: model.width,
    likelihood: model.likelihood,
    network: nets.kind,
    config: { ...nets.config },
    weights: saveWeights(netVariables(nets)),
  };
}

const MLP_KEYS = ['priorInputWidth', 'proposalInputWidth', 'outputWidth', 'width', 'depth', 'latentDim'] as const;
const CONV_KEYS = ['height', 'width', 'channels', 'latentDim', 'outChannels'] as const;

function sizes<K extends string>(fn: string, value: unknown, keys: readonly K[]): Record<K, number> {
  const o = assertObject(value, fn, 'artifacts.config');
  for (const key of keys) {
    const v = o[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < (key === 'depth' ? 0 : 1) || v > 2 ** 16) {
      throw new Error(`${fn}: argument 'artifacts.config.${key}' must be an integer size, got ${shown(v)}`);
    }
  }
  return o as Record<K, number>;
}

/**
 * An {@link ImageVaeac} from {@link saveImageVaeac}'s artifacts (for example after a JSON round trip).
 * O(parameters).
 *
 * @throws Error naming `loadImageVaeac` and the field for anything that is not such artifacts.
 */
export function loadImageVaeac(artifacts: ImageVaeacArtifacts): ImageVaeac {
  const fn = 'loadImageVaeac';
  const a = assertObject(artifacts, fn, 'artifacts');
  if (a.format !== 'proj-image-vaeac' || a.version !== 1) {
    throw new Error(
      `${fn}: argument 'artifacts' must be saveImageVaeac's output (format 'proj-image-vaeac', version 1)`,
    );
  }
  const likelihood = assertOneOf(a.likelihood, fn, 'artifacts.likelihood', ['gaussian', 'bernoulli'] as const);
  const network = assertOneOf(a.network, fn, 'artifacts.network', ['mlp', 'conv'] as const);
  const [height, width] = [a.height, a.width].map((v, i) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 4096) {
      throw new Error(`${fn}: argument 'artifacts.${i === 0 ? 'height' : 'width'}' must be an integer in [1, 4096]`);
    }
    return v;
  }) as [number, number];
  const nets: VaeacNets =
    network === 'mlp'
      ? createNetworks(sizes(fn, a.config, MLP_KEYS) as NetworkConfig, 0)
      : createConvNetworks(sizes(fn, a.config, CONV_KEYS) as ConvConfig, 0);
  const variables = netVariables(nets);
  try {
    const pixels = height * width;
    const channels = likelihood === 'gaussian' ? 2 : 1;
    const consistent =
      nets.kind === 'mlp'
        ? nets.config.priorInputWidth === 2 * pixels &&
          nets.config.proposalInputWidth === 2 * pixels &&
          nets.config.outputWidth === channels * pixels
        : nets.config.height === height && nets.config.width === width && nets.config.outChannels === channels;
    if (!consistent) throw new Error(`${fn}: argument 'artifacts.config' does not match the image size and likelihood`);
    loadWeights(fn, variables, a.weights);
  } catch (error) {
    tf.dispose(variables);
    throw error;
  }
  return new ImageVaeac(height, width, likelihood, nets);
}
