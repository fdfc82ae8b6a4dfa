import * as tf from '@tensorflow/tfjs-core';
import { shown } from '../internal/validate.js';
import { type Networks, networkVariables } from '../nn/networks.js';
import { type ColumnLayout, type ColumnType, columnLayout } from './column-types.js';
import type { RealSigma } from './log-likelihood.js';
import type { Standardization } from './standardization.js';

/** Network sizes; defaults = the paper's tabular net (width 256, depth 10, latent 64). */
export interface VaeacArchitecture {
  /** Hidden width of every network (default 256). */
  readonly width?: number;
  /** Residual blocks of the proposal and prior networks; the generative network has depth + 1 (default 10). */
  readonly depth?: number;
  /** Latent dimension (default 64). */
  readonly latentDim?: number;
}

/** The paper's tabular architecture (tigvarts/vaeac, `imputation_networks.py`). */
export const PAPER_ARCHITECTURE: Required<VaeacArchitecture> = { width: 256, depth: 10, latentDim: 64 };

/**
 * A trained tabular VAEAC: the three networks' variables, the column types, the standardization of the real
 * columns (observed values of the training data) and the architecture. Made by `fit` or `loadVaeac`; free it
 * with {@link Vaeac.dispose}.
 */
export class Vaeac {
  /** The column types the model was trained with. */
  readonly columnTypes: readonly ColumnType[];
  /** The network sizes. */
  readonly architecture: Required<VaeacArchitecture>;
  /** Per-column mean and std used to standardize real columns (categorical: 0 and 1). */
  readonly standardization: Standardization;
  /** The proposal, prior and generative networks. */
  readonly networks: Networks;
  /** Where each column sits in the network inputs and outputs. */
  readonly layout: ColumnLayout;
  /** The Gaussian σ of real columns: 'fixed' to 1 (standardized scale) or 'learned' (max(softplus(s), 1e-4)). */
  readonly realSigma: RealSigma;

  /** Wraps trained parts; use `fit` or `loadVaeac` rather than this constructor. */
  constructor(
    columnTypes: readonly ColumnType[],
    architecture: Required<VaeacArchitecture>,
    standardization: Standardization,
    networks: Networks,
    realSigma: RealSigma = 'fixed',
  ) {
    this.columnTypes = columnTypes;
    this.architecture = architecture;
    this.standardization = standardization;
    this.networks = networks;
    this.layout = columnLayout(columnTypes);
    this.realSigma = realSigma;
  }

  /** Whether {@link Vaeac.dispose} has run. */
  get isDisposed(): boolean {
    return networkVariables(this.networks).some((v) => v.isDisposed);
  }

  /** Frees the model's variables. Idempotent. */
  dispose(): void {
    tf.dispose(networkVariables(this.networks).filter((v) => !v.isDisposed));
  }
}

/**
 * Checks a live {@link Vaeac}.
 *
 * @throws Error naming `fn` and `arg` otherwise.
 */
export function assertVaeac(value: unknown, fn: string, arg = 'model'): Vaeac {
  if (!(value instanceof Vaeac)) throw new Error(`${fn}: argument '${arg}' must be a Vaeac, got ${shown(value)}`);
  if (value.isDisposed) throw new Error(`${fn}: argument '${arg}' is a disposed Vaeac`);
  return value;
}
