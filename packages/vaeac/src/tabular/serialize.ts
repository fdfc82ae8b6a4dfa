import * as tf from '@tensorflow/tfjs-core';
import { assertObject, assertOneOf, shown } from '../internal/validate.js';
import { loadWeights, type SavedWeight, saveWeights } from '../internal/weights.js';
import { createNetworks, networkVariables } from '../nn/networks.js';
import { assertColumnTypes, type ColumnType, columnLayout } from './column-types.js';
import { REAL_SIGMAS, type RealSigma } from './log-likelihood.js';
import { assertVaeac, Vaeac } from './vaeac.js';

/** A trained {@link Vaeac} as plain JSON-serializable data (see {@link saveVaeac}). */
export interface VaeacArtifacts {
  readonly format: 'proj-vaeac';
  readonly version: 1;
  readonly columnTypes: readonly ColumnType[];
  readonly architecture: { readonly width: number; readonly depth: number; readonly latentDim: number };
  readonly standardization: { readonly mean: readonly number[]; readonly std: readonly number[] };
  /** The Gaussian σ of real columns (absent in older artifacts: 'fixed'). */
  readonly realSigma?: RealSigma;
  /** Every network variable in `networkVariables` order: shape and row-major values. */
  readonly weights: readonly SavedWeight[];
}

/**
 * The model as JSON-serializable artifacts (column types, architecture, standardization, real σ, weights).
 * `loadVaeac(saveVaeac(m))` imputes exactly as `m`. O(parameters).
 *
 * @throws Error naming `saveVaeac` for anything but a live Vaeac.
 */
export function saveVaeac(model: Vaeac): VaeacArtifacts {
  assertVaeac(model, 'saveVaeac');
  return {
    format: 'proj-vaeac',
    version: 1,
    columnTypes: model.columnTypes.map((t) => (t === 'real' ? 'real' : { categories: t.categories })),
    architecture: { ...model.architecture },
    standardization: { mean: [...model.standardization.mean], std: [...model.standardization.std] },
    realSigma: model.realSigma,
    weights: saveWeights(networkVariables(model.networks)),
  };
}

function numbers(value: unknown, length: number, what: string): number[] {
  if (
    !Array.isArray(value) ||
    value.length !== length ||
    !value.every((v) => typeof v === 'number' && Number.isFinite(v))
  ) {
    throw new Error(`loadVaeac: argument 'artifacts.${what}' must be ${length} finite numbers, got ${shown(value)}`);
  }
  return value as number[];
}

/**
 * A {@link Vaeac} from {@link saveVaeac}'s artifacts (for example after JSON round trip). O(parameters).
 *
 * @throws Error naming `loadVaeac` and the field for anything that is not such artifacts (wrong format or
 *   version, bad column types or architecture, weights of the wrong count or shape).
 */
export function loadVaeac(artifacts: VaeacArtifacts): Vaeac {
  const fn = 'loadVaeac';
  const a = assertObject(artifacts, fn, 'artifacts');
  if (a.format !== 'proj-vaeac' || a.version !== 1) {
    throw new Error(`${fn}: argument 'artifacts' must be saveVaeac's output (format 'proj-vaeac', version 1)`);
  }
  const columnTypes = assertColumnTypes(a.columnTypes, fn, 'artifacts.columnTypes');
  const arch = assertObject(a.architecture, fn, 'artifacts.architecture');
  const [width, depth, latentDim] = numbers([arch.width, arch.depth, arch.latentDim], 3, 'architecture') as [
    number,
    number,
    number,
  ];
  if (![width, depth, latentDim].every((x) => Number.isInteger(x)) || width < 1 || depth < 0 || latentDim < 1) {
    throw new Error(`${fn}: argument 'artifacts.architecture' must hold integer width ≥ 1, depth ≥ 0, latentDim ≥ 1`);
  }
  const stats = assertObject(a.standardization, fn, 'artifacts.standardization');
  const d = columnTypes.length;
  const standardization = {
    mean: numbers(stats.mean, d, 'standardization.mean'),
    std: numbers(stats.std, d, 'standardization.std'),
  };
  const realSigma =
    a.realSigma === undefined ? 'fixed' : assertOneOf(a.realSigma, fn, 'artifacts.realSigma', REAL_SIGMAS);
  const architecture = { width, depth, latentDim };
  const networks = createNetworks({ ...architecture, ...columnLayout(columnTypes) }, 0);
  const variables = networkVariables(networks);
  try {
    loadWeights(fn, variables, a.weights);
  } catch (error) {
    tf.dispose(variables);
    throw error;
  }
  return new Vaeac(columnTypes, architecture, standardization, networks, realSigma);
}
