import { glorotInitializer } from '../initializers/glorot-initializer.js';
import { heInitializer } from '../initializers/he-initializer.js';
import { lecunInitializer } from '../initializers/lecun-initializer.js';
import type { TensorTrain } from '../tensor-train.js';
import type { TTDenseSettings } from './tt-dense-args.js';

const INITIALIZERS = { glorot: glorotInitializer, he: heInitializer, lecun: lecunInitializer } as const;

/**
 * The starting kernel of a TT layer: the TT-matrix ((inputModes), (outputModes)) of the settings' ranks drawn by
 * T3F's glorot, he or lecun TT initializer with the settings' seed (dense entries of mean 0 and variance
 * 2/(n_in + n_out), 2/n_in or 1/n_in). The caller disposes it.
 */
export function initialKernel(settings: TTDenseSettings): TensorTrain {
  const initializer = INITIALIZERS[settings.kernelInitializer];
  return initializer([settings.inputModes, settings.outputModes], { seed: settings.seed, ttRank: settings.ranks });
}
